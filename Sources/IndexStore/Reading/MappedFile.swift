#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TextAnalysis

/// A read-only memory map of one index file; the only owner of raw index memory.
///
/// The mapping lives as long as the object. Every mapped path is counted in a
/// process-wide registry so that the writer's garbage collection never deletes
/// a file a reader of this process still maps (other processes are safe on
/// Linux: an unlinked file stays readable through an existing mapping).
final class MappedFile: @unchecked Sendable {
  let path: String
  /// The file name without directory, used in error messages.
  let name: String
  let base: UnsafeRawPointer
  let count: Int
  /// The body: bytes between header and footer, set by `verifyFrame`.
  private(set) var bodyStart = 0
  private(set) var bodyEnd = 0
  /// The format version in the header, set by `verifyFrame`.
  private(set) var version: UInt16 = 0

  static let registry = Locked<[String: Int]>([:])

  /// Whether some MappedFile of this process maps `path`.
  static func isMapped(_ path: String) -> Bool { registry.withLock { ($0[path] ?? 0) > 0 } }

  init(path: String) throws {
    self.path = path
    self.name = String(path.split(separator: "/").last ?? Substring(path))
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      if code == ENOENT { throw IndexError.notFound(path: path) }
      throw IndexError.io(path: path, errno: code, operation: "open")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw IndexError.io(path: path, errno: errno, operation: "fstat") }
    let size = Int(info.st_size)
    guard size > 0 else { throw IndexError.corrupted(file: name, reason: "file is empty (truncated to 0 bytes)") }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
      throw IndexError.io(path: path, errno: errno, operation: "mmap")
    }
    self.base = UnsafeRawPointer(mapped)
    self.count = size
    MappedFile.registry.withLock { $0[path, default: 0] += 1 }
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: base), count)
    MappedFile.registry.withLock { table in
      let left = (table[path] ?? 1) - 1
      table[path] = left > 0 ? left : nil
    }
  }

  var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// Drops the pages read so far from this process's resident memory.
  ///
  /// The data stays in the kernel's page cache and a later access maps it
  /// again (the mapping is read-only, so nothing is lost). A merge reads its
  /// sources once from end to end; without this their pages all stayed
  /// resident and counted towards the writer's peak memory.
  func releasePages() {
    _ = madvise(UnsafeMutableRawPointer(mutating: base), count, MADV_DONTNEED)
  }

  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// Releases the whole pages inside `range` (byte offsets), as `releasePages`
  /// does for the file; for a reader that moves through the file and leaves
  /// the rest to other readers.
  func releasePages(_ range: Range<Int>) {
    let page = MappedFile.pageSize
    guard page > 0 else { return }
    let start = (max(range.lowerBound, 0) + page - 1) / page * page
    let end = min(range.upperBound, count) / page * page
    guard start < end else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
  }

  /// The CRC-32 the footer records (the file's last four bytes); 0 for a
  /// file too short to hold a footer.
  var recordedChecksum: UInt32 {
    guard count >= SegmentFormat.footerLength else { return 0 }
    return base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self).littleEndian
  }

  /// Checks header (magic, kind, version, segment name) and footer (magic,
  /// length), and the CRC when `checksum` is true; sets the body range.
  func verifyFrame(kind: FileKind, segment: String, checksum: Bool) throws {
    let footer = SegmentFormat.footerLength
    guard count >= 8 + footer else {
      throw IndexError.corrupted(file: name, reason: "only \(count) bytes, shorter than header and footer (truncated)")
    }
    var header = BinaryReader(file: self, start: 0, end: count - footer)
    guard try header.readUInt32() == SegmentFormat.magic else {
      throw IndexError.corrupted(file: name, reason: "bad magic number at byte 0 (not an index file)")
    }
    let foundKind = try header.readUInt8()
    guard foundKind == kind.rawValue else {
      throw IndexError.corrupted(file: name, reason: "file kind \(foundKind) at byte 4, expected \(kind.rawValue)")
    }
    let version = try header.readUInt16()
    if version < SegmentFormat.oldestSupportedVersion {
      throw IndexError.formatTooOld(file: name, found: Int(version), supported: Int(SegmentFormat.oldestSupportedVersion))
    }
    let newest = SegmentFormat.version(of: kind)
    if version > newest {
      throw IndexError.formatTooNew(file: name, found: Int(version), supported: Int(newest))
    }
    let nameLength = Int(try header.readUInt8())
    let segmentName = try header.readString(count: nameLength)
    guard segmentName == segment else {
      throw IndexError.corrupted(file: name, reason: "header names segment \"\(segmentName)\", expected \"\(segment)\"")
    }
    let footerMagic = base.loadUnaligned(fromByteOffset: count - footer, as: UInt32.self).littleEndian
    guard footerMagic == SegmentFormat.footerMagic else {
      throw IndexError.corrupted(file: name, reason: "no footer at byte \(count - footer) (file truncated or extended?)")
    }
    let length = base.loadUnaligned(fromByteOffset: count - footer + 4, as: UInt64.self).littleEndian
    guard length == UInt64(count) else {
      let how = length > UInt64(count) ? "truncated" : "extended"
      throw IndexError.corrupted(file: name, reason: "footer says \(length) bytes but file has \(count) (\(how))")
    }
    if checksum { try verifyChecksum() }
    self.version = version
    bodyStart = header.offset
    bodyEnd = count - footer
  }

  /// Compares the CRC-32 of all bytes before the stored CRC with the stored one.
  func verifyChecksum() throws {
    guard count >= 4 else { throw IndexError.corrupted(file: name, reason: "truncated") }
    let stored = base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self).littleEndian
    let actual = Checksum.crc32(UnsafeRawBufferPointer(start: base, count: count - 4))
    guard stored == actual else {
      throw IndexError.corrupted(
        file: name, reason: "checksum mismatch (stored \(hex(stored)), computed \(hex(actual)); hardware problem?)")
    }
  }

  /// A bounds-checked reader over the body, or over `start..<end` within it.
  func reader(start: Int? = nil, end: Int? = nil) -> BinaryReader {
    BinaryReader(file: self, start: start ?? bodyStart, end: end ?? bodyEnd)
  }

  /// Reads a u64 at the end of the body (the directory offset most files keep there).
  func trailingOffset() throws -> Int {
    var r = BinaryReader(file: self, start: bodyEnd - 8, end: bodyEnd)
    guard bodyEnd - 8 >= bodyStart else { throw IndexError.corrupted(file: name, reason: "body too short") }
    let value = try r.readUInt64()
    guard value >= UInt64(bodyStart), value <= UInt64(bodyEnd - 8) else {
      throw IndexError.corrupted(file: name, reason: "directory offset \(value) outside the body")
    }
    return Int(value)
  }
}

func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
