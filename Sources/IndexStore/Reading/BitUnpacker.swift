/// Reads values of a fixed bit width from a little-endian bit stream (as
/// `BitPacker` writes them), eight bytes at a time.
enum BitUnpacker {
  /// Calls `body(i, value)` for the `count` values of `bits` bits each that
  /// start at byte `offset` of `base`. Bytes up to `readableEnd` may be read
  /// (a word load can pass the stream's end); the caller has checked that the
  /// stream itself ends before it. `bits` is at most 32.
  @inline(__always)
  static func unpack(_ base: UnsafeRawPointer, from offset: Int, count: Int, bits: Int, readableEnd: Int,
                     _ body: (Int, UInt32) -> Void)
  {
    guard bits > 0 else {
      for i in 0..<count { body(i, 0) }
      return
    }
    let mask = UInt64(1) << UInt64(bits) &- 1
    var bit = 0
    for i in 0..<count {
      let byte = offset + bit >> 3
      let word: UInt64
      if byte + 8 <= readableEnd {
        word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
      } else {
        var partial: UInt64 = 0
        for k in 0..<min(8, readableEnd - byte) {
          partial |= UInt64(base.load(fromByteOffset: byte + k, as: UInt8.self)) << UInt64(8 * k)
        }
        word = partial
      }
      body(i, UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask))
      bit += bits
    }
  }
}
