#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Writes all of `bytes` to `fd`, retrying interrupted and partial writes;
/// the `errno` of a failure, nil on success.
func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
  guard let base = bytes.baseAddress else { return nil }
  var done = 0
  while done < bytes.count {
    let n = write(fd, base + done, bytes.count - done)
    if n < 0 {
      if errno == EINTR { continue }
      return errno
    }
    done += n
  }
  return nil
}

/// A new index file, written once from start to end, then fsynced.
///
/// The file is created with O_CREAT|O_EXCL (never overwritten), written
/// through a buffer while a running CRC-32 covers every byte, and `finish`
/// appends the footer, fsyncs and closes. A file whose `finish` was never
/// called has no valid footer, so no reader can mistake it for a complete one.
final class OutputFile {
  let path: String
  let name: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  private var crc: UInt = CZlib.crc32(0, nil, 0)
  /// Bytes written so far (the offset of the next byte).
  private(set) var count = 0
  private static let bufferLimit = 1 << 20

  init(directory: String, name: String) throws {
    self.path = directory + "/" + name
    self.name = name
    // Petitions name people: index files are the owner's alone (RELIABILITY.md security #6).
    #if DEBUG
    if let code = FailPoints.injectedFailure(path) { throw IndexError.io(path: path, errno: code, operation: "create") }
    #endif
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw IndexError.io(path: path, errno: errno, operation: "create") }
    #if DEBUG
    FileJournal.record(path) { .created($0) }
    #endif
    buffer.reserveCapacity(OutputFile.bufferLimit + 4096)
  }

  /// Creates the file and writes its header.
  convenience init(directory: String, name: String, kind: FileKind, segment: String) throws {
    try self.init(directory: directory, name: name)
    var header = BinaryWriter(kind: kind, segment: segment)
    try write(&header)
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Appends the writer's bytes and empties it.
  func write(_ writer: inout BinaryWriter) throws {
    try write(writer.bytes)
    writer.bytes.removeAll(keepingCapacity: true)
  }

  func write(_ bytes: [UInt8]) throws {
    if buffer.count + bytes.count > OutputFile.bufferLimit { try flush() }
    if bytes.count > OutputFile.bufferLimit {
      try writeThrough(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
    count += bytes.count
  }

  /// Appends `bytes` without copying them into the buffer (for large runs).
  func write(_ bytes: UnsafeRawBufferPointer) throws {
    try flush()
    try writeThrough(bytes)
    count += bytes.count
  }

  private func flush() throws {
    try buffer.withUnsafeBytes { try writeThrough($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeThrough(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try writeThrough($0) }
  }

  private func writeThrough(_ raw: UnsafeRawBufferPointer) throws {
    guard let base = raw.baseAddress else { return }
    crc = CZlib.crc32_z(crc, base.assumingMemoryBound(to: UInt8.self), raw.count)
    #if DEBUG
    if let code = FailPoints.injectedFailure(path) { throw IndexError.io(path: path, errno: code, operation: "write") }
    #endif
    if let code = writeFully(fd, raw) { throw IndexError.io(path: path, errno: code, operation: "write") }
  }

  /// Flushes, fsyncs and closes a file whose bytes already end in a footer.
  @discardableResult
  func finishRaw() throws -> Int {
    try flush()
    return try syncAndClose()
  }

  /// Writes the footer, fsyncs and closes; returns the file's size.
  @discardableResult
  func finish() throws -> Int {
    var footer = BinaryWriter()
    footer.appendUInt32(SegmentFormat.footerMagic)
    footer.appendUInt64(UInt64(count + 16))
    try write(&footer)
    try flush()
    var crcBytes = BinaryWriter()
    crcBytes.appendUInt32(UInt32(truncatingIfNeeded: crc))
    try writeThrough(crcBytes.bytes)
    count += 4
    return try syncAndClose()
  }

  /// Fsyncs and closes the file; returns its size.
  private func syncAndClose() throws -> Int {
    #if DEBUG
    if let code = FailPoints.injectedFailure(path) { throw IndexError.io(path: path, errno: code, operation: "fsync") }
    #endif
    guard fsync(fd) == 0 else { throw IndexError.io(path: path, errno: errno, operation: "fsync") }
    #if DEBUG
    FileJournal.recordSync(path)
    #endif
    close(fd)
    fd = -1
    return count
  }
}

/// Small file-system helpers: directory fsync, listing, removal, atomic rename.
enum FileSystem {
  static func syncDirectory(_ directory: String) throws {
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw IndexError.io(path: directory, errno: errno, operation: "open directory") }
    defer { close(fd) }
    #if DEBUG
    if FailPoints.directorySyncFails(directory) {
      throw IndexError.io(path: directory, errno: EIO, operation: "fsync directory")
    }
    if let code = FailPoints.injectedFailure(directory, isDirectory: true) {
      throw IndexError.io(path: directory, errno: code, operation: "fsync directory")
    }
    #endif
    guard fsync(fd) == 0 else { throw IndexError.io(path: directory, errno: errno, operation: "fsync directory") }
    #if DEBUG
    FileJournal.recordDirectorySync(directory)
    #endif
  }

  static func listDirectory(_ directory: String) throws -> [String] {
    guard let dir = opendir(directory) else {
      let code = errno
      if code == ENOENT { throw IndexError.notFound(path: directory) }
      throw IndexError.io(path: directory, errno: code, operation: "list")
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Creates `path` and its missing parents: the index directory itself
  /// 0700 (its owner's alone), parents 0755 as `mkdir -p` makes them. A
  /// directory made here is fsynced into its parent, so that a first commit
  /// does not survive a crash in a directory that does not.
  static func createDirectory(_ path: String) throws {
    var partial = path.hasPrefix("/") ? "" : "."
    let components = path.split(separator: "/")
    for (index, component) in components.enumerated() {
      let parent = partial.isEmpty ? "/" : partial
      partial += "/" + component
      if mkdir(partial, index == components.count - 1 ? 0o700 : 0o755) == 0 {
        try syncDirectory(parent)
      } else if errno != EEXIST {
        throw IndexError.io(path: partial, errno: errno, operation: "mkdir")
      }
    }
  }

  static func rename(_ from: String, _ to: String) throws {
    #if DEBUG
    if let code = FailPoints.injectedFailure(to) { throw IndexError.io(path: to, errno: code, operation: "rename") }
    #endif
    guard Glibc.rename(from, to) == 0 else { throw IndexError.io(path: to, errno: errno, operation: "rename") }
    #if DEBUG
    FileJournal.record(to) { .renamed(from: String(from.split(separator: "/").last ?? ""), to: $0) }
    #endif
  }

  static func remove(_ path: String) {
    guard unlink(path) == 0 else { return }
    #if DEBUG
    FileJournal.record(path) { .removed($0) }
    #endif
  }

  static func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }
}
