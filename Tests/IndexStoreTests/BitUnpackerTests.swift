import IndexStore
import Testing

/// The bit unpacker against a plain reference packing, at every width a
/// block can use and for counts that do and do not fill groups of eight.
@Suite struct BitUnpackerTests {
  @Test func unpacksEveryWidthAndCount() {
    var rng = SeededGenerator(seed: testSeed(5))
    for bits in 0...32 {
      for count in [0, 1, 7, 8, 9, 127, 128] {
        let limit: UInt64 = bits == 32 ? UInt64(UInt32.max) : (1 << UInt64(bits)) - 1
        // The largest value first, so that each width is used to its top bit.
        var values = (0..<count).map { _ in UInt32(UInt64.random(in: 0...limit, using: &rng)) }
        if count > 0 { values[0] = UInt32(limit) }
        // Little-endian bit stream: value i at bits i*bits ..< (i+1)*bits,
        // after three bytes of something else, and 8 readable bytes beyond.
        let offset = 3
        var bytes = [UInt8](repeating: 0xA5, count: offset) + [UInt8](repeating: 0, count: (count * bits + 7) / 8 + 8)
        for (i, value) in values.enumerated() {
          for b in 0..<bits where value >> UInt32(b) & 1 == 1 {
            let bit = i * bits + b
            bytes[offset + bit / 8] |= 1 << UInt8(bit % 8)
          }
        }
        var output = [UInt32](repeating: 0xDEAD, count: count + 1)
        bytes.withUnsafeBytes { raw in
          output.withUnsafeMutableBufferPointer { out in
            guard let base = raw.baseAddress, let target = out.baseAddress else { return }
            BitUnpacker.unpack(base, from: offset, count: count, bits: bits, into: target)
          }
        }
        #expect(Array(output.prefix(count)) == values, "width \(bits), count \(count)")
        #expect(output[count] == 0xDEAD, "width \(bits), count \(count): wrote past the end")
      }
    }
  }
}
