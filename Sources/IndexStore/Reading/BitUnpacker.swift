/// Reads values of a fixed bit width from a little-endian bit stream (as
/// `BitPacker` writes them), one unaligned eight-byte load per value.
enum BitUnpacker {
  /// Writes the `count` values of `bits` bits each that start at byte
  /// `offset` of `base` to `output`. `bits` is at most 32, and the caller
  /// guarantees that 8 bytes past the stream's end are readable (a load may
  /// reach them).
  @inline(__always)
  static func unpack(_ base: UnsafeRawPointer, from offset: Int, count: Int, bits: Int,
                     into output: UnsafeMutablePointer<UInt32>)
  {
    guard bits > 0 else {
      output.update(repeating: 0, count: count)
      return
    }
    let mask = UInt64(1) << UInt64(bits) &- 1
    var bit = 0
    for i in 0..<count {
      let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + bit >> 3, as: UInt64.self))
      output[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
      bit += bits
    }
  }
}
