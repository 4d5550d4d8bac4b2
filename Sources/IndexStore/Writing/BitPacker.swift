/// Writes values of a fixed bit width as a little-endian bit stream.
struct BitPacker {
  let bits: Int
  private var pending: UInt64 = 0
  private var pendingBits = 0

  init(bits: Int) { self.bits = bits }

  mutating func append(_ value: UInt32, to writer: inout BinaryWriter) {
    guard bits > 0 else { return }
    pending |= UInt64(value) << UInt64(pendingBits)
    pendingBits += bits
    while pendingBits >= 8 {
      writer.appendUInt8(UInt8(truncatingIfNeeded: pending))
      pending >>= 8
      pendingBits -= 8
    }
  }

  /// Writes the last partial byte.
  mutating func finish(to writer: inout BinaryWriter) {
    if pendingBits > 0 { writer.appendUInt8(UInt8(truncatingIfNeeded: pending)) }
    pending = 0
    pendingBits = 0
  }
}
