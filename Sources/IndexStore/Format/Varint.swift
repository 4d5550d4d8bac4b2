/// Unsigned LEB128 varints as a standalone codec (the writer and readers inline the same code).
package enum Varint {
  package static func encode(_ value: UInt64) -> [UInt8] {
    var writer = BinaryWriter()
    writer.appendVarint(value)
    return writer.bytes
  }

  /// The value and the number of bytes it took; nil if the bytes end early or run past 10 bytes.
  package static func decode(_ bytes: [UInt8]) -> (value: UInt64, length: Int)? {
    bytes.withUnsafeBytes { raw -> (value: UInt64, length: Int)? in
      guard let base = raw.baseAddress, let (value, end) = readVarint(base, 0, raw.count) else { return nil }
      return (value, end)
    }
  }
}
