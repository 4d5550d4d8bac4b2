/// A bounds-checked cursor over mapped bytes: bad input throws, never traps.
///
/// Reads past `end`, overlong varints and invalid UTF-8 all throw
/// `IndexError.corrupted` naming the file and the byte offset.
struct BinaryReader {
  let file: MappedFile
  let end: Int
  var offset: Int

  init(file: MappedFile, start: Int, end: Int) {
    self.file = file
    self.offset = max(0, min(start, file.count))
    self.end = max(self.offset, min(end, file.count))
  }

  var remaining: Int { end - offset }

  func corrupted(_ reason: String) -> IndexError {
    IndexError.corrupted(file: file.name, reason: "\(reason) at byte \(offset)")
  }

  private mutating func require(_ n: Int) throws {
    guard n >= 0, n <= end - offset else { throw corrupted("needs \(n) bytes but only \(end - offset) remain") }
  }

  mutating func readUInt8() throws -> UInt8 {
    try require(1)
    defer { offset += 1 }
    return file.base.load(fromByteOffset: offset, as: UInt8.self)
  }

  mutating func readUInt16() throws -> UInt16 {
    try require(2)
    defer { offset += 2 }
    return file.base.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian
  }

  mutating func readUInt32() throws -> UInt32 {
    try require(4)
    defer { offset += 4 }
    return file.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
  }

  mutating func readInt32() throws -> Int32 { Int32(bitPattern: try readUInt32()) }

  mutating func readUInt64() throws -> UInt64 {
    try require(8)
    defer { offset += 8 }
    return file.base.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
  }

  /// A u64 that must fit an Int offset no larger than the file.
  mutating func readOffset() throws -> Int {
    let value = try readUInt64()
    guard value <= UInt64(file.count) else { throw corrupted("offset \(value) beyond the file's \(file.count) bytes") }
    return Int(value)
  }

  mutating func readVarint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try readUInt8()
      guard shift < 64 else { throw corrupted("varint longer than 10 bytes") }
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
  }

  mutating func readVarint32() throws -> UInt32 {
    let value = try readVarint()
    guard value <= UInt64(UInt32.max) else { throw corrupted("varint \(value) exceeds 32 bits") }
    return UInt32(value)
  }

  /// A varint that is a count or length, bounded by the remaining bytes times `perItem`.
  mutating func readCount(perItem: Int = 1) throws -> Int {
    let value = try readVarint()
    guard value <= UInt64(remaining / max(perItem, 1)) else {
      throw corrupted("count \(value) larger than the bytes that remain")
    }
    return Int(value)
  }

  mutating func readBytes(count n: Int) throws -> UnsafeRawBufferPointer {
    try require(n)
    defer { offset += n }
    return UnsafeRawBufferPointer(start: file.base + offset, count: n)
  }

  mutating func readString(count n: Int) throws -> String {
    let bytes = try readBytes(count: n)
    guard let string = String(validating: bytes, as: UTF8.self) else {
      throw corrupted("invalid UTF-8 in a \(n)-byte string")
    }
    return string
  }

  /// A varint byte count, then UTF-8.
  mutating func readString() throws -> String { try readString(count: try readCount()) }
}

/// Decodes varints from memory that is not mapped (decompressed blocks).
struct ByteArrayReader {
  let bytes: [UInt8]
  var offset = 0
  let fileName: String

  init(_ bytes: [UInt8], fileName: String) {
    self.bytes = bytes
    self.fileName = fileName
  }

  func corrupted(_ reason: String) -> IndexError {
    IndexError.corrupted(file: fileName, reason: reason)
  }

  mutating func readVarint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count else { throw corrupted("varint runs past the end of a block") }
      let byte = bytes[offset]
      offset += 1
      guard shift < 64 else { throw corrupted("varint longer than 10 bytes") }
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
  }

  mutating func readInt32() throws -> Int32 {
    guard bytes.count - offset >= 4 else { throw corrupted("Int32 runs past the end of a block") }
    var v: UInt32 = 0
    for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
    offset += 4
    return Int32(bitPattern: v)
  }

  /// A varint byte count, then that many bytes, skipped: their range.
  mutating func readByteRange() throws -> Range<Int> {
    let n = try readVarint()
    guard n <= UInt64(bytes.count - offset) else { throw corrupted("string of \(n) bytes runs past the end of a block") }
    defer { offset += Int(n) }
    return offset..<(offset + Int(n))
  }

  mutating func readString() throws -> String { try string(at: try readByteRange()) }

  /// The bytes at `range` as a string; throws if they are not UTF-8.
  func string(at range: Range<Int>) throws -> String {
    guard let s = String(validating: bytes[range], as: UTF8.self) else { throw corrupted("invalid UTF-8 in a stored string") }
    return s
  }
}
