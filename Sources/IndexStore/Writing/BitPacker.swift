/// Writes values of a fixed bit width as a little-endian bit stream (read
/// back by `BitUnpacker`).
enum BitPacker {
  /// Appends `count` values of `bits` bits each (`value(i)` for i in
  /// 0..<count, each below 2^bits) to `writer`: `ceil(count * bits / 8)`
  /// bytes, none when `bits` is 0.
  @inline(__always)
  static func append(_ count: Int, bits: Int, to writer: inout BinaryWriter, value: (Int) -> UInt32) {
    guard bits > 0, count > 0 else { return }
    let length = (count * bits + 7) / 8
    let start = writer.bytes.count
    // Eight spare bytes so that every value is OR-ed in with one word store.
    writer.bytes.append(contentsOf: repeatElement(0, count: length + 8))
    writer.bytes.withUnsafeMutableBytes { raw in
      var bit = 0
      for i in 0..<count {
        let at = start + bit >> 3
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
          | UInt64(value(i)) << UInt64(bit & 7)
        raw.storeBytes(of: word.littleEndian, toByteOffset: at, as: UInt64.self)
        bit += bits
      }
    }
    writer.bytes.removeLast(8)
  }
}
