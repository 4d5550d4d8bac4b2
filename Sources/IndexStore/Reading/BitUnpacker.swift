/// Reads values of a fixed bit width from a little-endian bit stream (as
/// `BitPacker` writes them), one unaligned eight-byte load per value.
package enum BitUnpacker {
  /// Writes the `count` values of `bits` bits each that start at byte
  /// `offset` of `base` to `output`. `bits` is at most 32, and the caller
  /// guarantees that 8 bytes past the stream's end are readable (a load may
  /// reach them).
  ///
  /// Eight values of `bits` bits fill exactly `bits` bytes, so each group of
  /// eight starts on a byte and, for a width known when compiling, every
  /// load offset and shift in it is a constant: the widths a postings block
  /// uses get such a copy of the loop (measured on single-word and AND
  /// queries, the loop with a running bit offset was the larger part of
  /// decoding a block).
  @inline(__always)
  package static func unpack(_ base: UnsafeRawPointer, from offset: Int, count: Int, bits: Int,
                             into output: UnsafeMutablePointer<UInt32>)
  {
    switch bits {
    case 0: output.update(repeating: 0, count: count)
    case 1: unpack(base, from: offset, count: count, width: 1, into: output)
    case 2: unpack(base, from: offset, count: count, width: 2, into: output)
    case 3: unpack(base, from: offset, count: count, width: 3, into: output)
    case 4: unpack(base, from: offset, count: count, width: 4, into: output)
    case 5: unpack(base, from: offset, count: count, width: 5, into: output)
    case 6: unpack(base, from: offset, count: count, width: 6, into: output)
    case 7: unpack(base, from: offset, count: count, width: 7, into: output)
    case 8: unpack(base, from: offset, count: count, width: 8, into: output)
    case 9: unpack(base, from: offset, count: count, width: 9, into: output)
    case 10: unpack(base, from: offset, count: count, width: 10, into: output)
    case 11: unpack(base, from: offset, count: count, width: 11, into: output)
    case 12: unpack(base, from: offset, count: count, width: 12, into: output)
    case 13: unpack(base, from: offset, count: count, width: 13, into: output)
    case 14: unpack(base, from: offset, count: count, width: 14, into: output)
    case 15: unpack(base, from: offset, count: count, width: 15, into: output)
    case 16: unpack(base, from: offset, count: count, width: 16, into: output)
    default: unpackAnyWidth(base, from: offset, count: count, bits: bits, into: output)
    }
  }

  /// Groups of eight values with constant offsets and shifts (once `width`
  /// is a literal), then the rest one by one.
  @inline(__always)
  private static func unpack(_ base: UnsafeRawPointer, from offset: Int, count: Int, width: Int,
                             into output: UnsafeMutablePointer<UInt32>)
  {
    let mask = UInt64(1) << UInt64(width) &- 1
    var source = base + offset
    var target = output
    for _ in 0..<count / 8 {
      for j in 0..<8 {
        let bit = j * width
        let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
        target[j] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
      }
      source += width
      target += 8
    }
    unpackAnyWidth(source, from: 0, count: count % 8, bits: width, into: target)
  }

  @inline(__always)
  private static func unpackAnyWidth(_ base: UnsafeRawPointer, from offset: Int, count: Int, bits: Int,
                                     into output: UnsafeMutablePointer<UInt32>)
  {
    let mask = UInt64(1) << UInt64(bits) &- 1
    var bit = 0
    for i in 0..<count {
      let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + bit >> 3, as: UInt64.self))
      output[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
      bit += bits
    }
  }
}
