#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An unnamed scratch file in the index directory: bytes appended, then
/// read back once, gone when closed.
///
/// The file is unlinked as soon as it is created, so nothing is left
/// behind by a crash and garbage collection never sees it.
final class SpillFile: @unchecked Sendable {
  private let fd: Int32
  private let directory: String
  /// Bytes appended so far.
  private(set) var count = 0

  init(directory: String) throws {
    self.directory = directory
    var template = Array((directory + "/.spill-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
    guard fd >= 0 else { throw IndexError.io(path: directory, errno: errno, operation: "create a scratch file in") }
    self.fd = fd
    unlink(String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }

  deinit { close(fd) }

  /// Appends the writer's bytes and empties it.
  func append(_ writer: inout BinaryWriter) throws {
    if let code = writer.bytes.withUnsafeBytes({ writeFully(fd, $0) }) {
      throw IndexError.io(path: directory, errno: code, operation: "write a scratch file in")
    }
    count += writer.count
    writer.bytes.removeAll(keepingCapacity: true)
  }

  /// Reads everything back, a chunk at a time, in order (each chunk valid
  /// only during its call).
  func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    var offset = 0
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: SpillFile.chunkSize, alignment: 16)
    defer { chunk.deallocate() }
    while offset < count {
      let wanted = min(chunk.count, count - offset)
      let read = pread(fd, chunk.baseAddress, wanted, off_t(offset))
      guard read > 0 else { throw IndexError.io(path: directory, errno: errno, operation: "read a scratch file in") }
      try body(UnsafeRawBufferPointer(rebasing: chunk[0..<read]))
      offset += read
    }
  }

  private static let chunkSize = 4 << 20
}
