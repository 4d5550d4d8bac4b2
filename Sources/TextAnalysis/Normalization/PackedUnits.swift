/// Short spans of normalized UTF-16 text as integers, and UTF-16 → UTF-8.
///
/// A span of at most 4 units is packed 16 bits a unit, the first unit
/// highest; normalized text has no U+0000, so the packing is unambiguous and
/// never 0. Stop-word look-ups and the index writer's term tables key short
/// terms this way instead of hashing a `String`.
package enum PackedUnits {
  /// The packed key of `units[range]`, or nil when the span is empty or longer than 4 units.
  @inline(__always)
  package static func key(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> UInt64? {
    guard range.count <= 4, !range.isEmpty else { return nil }
    var key: UInt64 = 0
    for index in range { key = key << 16 | UInt64(units[index]) }
    return key
  }

  /// Appends the UTF-8 bytes of the span packed in `key` to `bytes`.
  package static func appendUTF8(ofKey key: UInt64, to bytes: inout [UInt8]) {
    // The first unit is in the highest non-zero 16-bit lane.
    let count = (64 - key.leadingZeroBitCount + 15) / 16
    withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 4) { units in
      for i in 0..<count { units[i] = UInt16(truncatingIfNeeded: key >> UInt64(16 * (count - 1 - i))) }
      let span = UnsafeBufferPointer(rebasing: units[0..<count])
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { output in
        let written = encodeUTF8(span, into: output)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: output[0..<written]))
      }
    }
  }

  /// Appends `units` as UTF-8 to `bytes`.
  package static func appendUTF8(_ units: UnsafeBufferPointer<UInt16>, to bytes: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8Capacity(units)) { output in
      let written = encodeUTF8(units, into: output)
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: output[0..<written]))
    }
  }

  /// At most this many UTF-8 bytes encode `units` (3 per unit, 1 or 2 for ASCII and Latin).
  @inline(__always)
  static func utf8Capacity(_ units: UnsafeBufferPointer<UInt16>) -> Int {
    var size = 0
    for unit in units { size += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3 }
    return size
  }

  /// Writes `units` as UTF-8 into `output` (at least `utf8Capacity` bytes);
  /// returns the bytes written. A lone surrogate, which text made from a
  /// `String` never has, becomes U+FFFD so that the bytes stay valid UTF-8.
  @inline(__always)
  static func encodeUTF8(_ units: UnsafeBufferPointer<UInt16>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var written = 0
    var index = 0
    while index < units.count {
      let unit = UInt32(units[index])
      index += 1
      if unit < 0x80 {
        output[written] = UInt8(unit)
        written += 1
      } else if unit < 0x800 {
        output[written] = UInt8(0xC0 | (unit >> 6))
        output[written + 1] = UInt8(0x80 | (unit & 0x3F))
        written += 2
      } else if (0xD800..<0xDC00).contains(unit) && index < units.count && (0xDC00..<0xE000).contains(units[index]) {
        let scalar = 0x10000 + ((unit - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
        index += 1
        output[written] = UInt8(0xF0 | (scalar >> 18))
        output[written + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
        output[written + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        output[written + 3] = UInt8(0x80 | (scalar & 0x3F))
        written += 4
      } else if (0xD800..<0xE000).contains(unit) {
        output[written] = 0xEF
        output[written + 1] = 0xBF
        output[written + 2] = 0xBD
        written += 3
      } else {
        output[written] = UInt8(0xE0 | (unit >> 12))
        output[written + 1] = UInt8(0x80 | ((unit >> 6) & 0x3F))
        output[written + 2] = UInt8(0x80 | (unit & 0x3F))
        written += 3
      }
    }
    return written
  }
}
