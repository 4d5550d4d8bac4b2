#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open input file read with POSIX calls, by raw path bytes.
///
/// Paths are bytes, not Strings, so a file whose name is not UTF-8 (a GBK
/// name from a Windows zip) can still be opened; `FilePath.display` shows it.
final class InputFile {
  /// Identity and freshness of a file, for deduplication and change detection.
  struct Status: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Int
    var isDirectory: Bool
    var isRegular: Bool
    var isSymlink: Bool
  }

  /// An errno with the operation that failed.
  struct Failure: Error {
    var operation: String
    var code: Int32
    var message: String { "cannot \(operation): \(String(cString: strerror(code))) (errno \(code))" }
  }

  let descriptor: Int32

  init(path: [UInt8]) throws(Failure) {
    let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
    guard fd >= 0 else { throw Failure(operation: "open", code: errno) }
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// Reads up to `buffer.count` bytes; 0 at end of file.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      let n = Glibc.read(descriptor, base, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw Failure(operation: "read", code: errno)
    }
  }

  /// Reads the rest of the file, or fails with the size if it exceeds `limit`.
  func readAll(limit: Int) throws(Failure) -> [UInt8]? {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: min(1 << 16, max(4096, (status()?.size ?? 0) + 1)))
    while true {
      let n: Int
      do {
        n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
      } catch let failure as Failure {
        throw failure
      } catch {
        throw Failure(operation: "read", code: EIO)
      }
      if n == 0 { return result }
      if result.count + n > limit { return nil }
      result.append(contentsOf: chunk[0..<n])
    }
  }

  func status() -> Status? {
    var s = stat()
    guard fstat(descriptor, &s) == 0 else { return nil }
    return Self.makeStatus(s)
  }

  /// `lstat` (or `stat` when following links) of a path.
  static func status(path: [UInt8], followLinks: Bool) -> Status? {
    var s = stat()
    let rc = path.withCString { followLinks ? stat($0, &s) : lstat($0, &s) }
    return rc == 0 ? makeStatus(s) : nil
  }

  private static func makeStatus(_ s: stat) -> Status {
    let type = s.st_mode & S_IFMT
    return Status(device: UInt64(s.st_dev), inode: UInt64(s.st_ino), size: Int(s.st_size),
                  modified: Int(s.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(s.st_mtim.tv_nsec),
                  isDirectory: type == S_IFDIR, isRegular: type == S_IFREG, isSymlink: type == S_IFLNK)
  }
}

extension Array where Element == UInt8 {
  /// Calls `body` with the bytes as a NUL-terminated C string.
  func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
    let copy = UnsafeMutablePointer<CChar>.allocate(capacity: count + 1)
    defer { copy.deallocate() }
    for (i, byte) in enumerated() { copy[i] = CChar(bitPattern: byte) }
    copy[count] = 0
    return body(copy)
  }
}
