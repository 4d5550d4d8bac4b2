/// Normalized text as UTF-16, with a map back to the original UTF-8 bytes.
///
/// Unit `i` of `units` came from the original bytes
/// `origins[i].start..<origins[i].end`: the normalization-independent chunk
/// it was produced from (one character in the common case; a base character
/// with its combining marks, or a character that expands, such as ㎏ → kg,
/// otherwise). A normalized span `s..<e` therefore covers the original bytes
/// `origins[s].start..<origins[e - 1].end`, which always fall on character
/// boundaries and never go backwards.
struct NormalizedText {
  /// The normalized text: NFKC_Casefold, Simplified Chinese, no control or
  /// zero-width characters.
  var units: [UInt16] = []
  /// For each unit, the original bytes of its chunk (one array of pairs:
  /// one append per character instead of two).
  var origins: [Origin] = []

  /// The original byte range of a chunk.
  struct Origin {
    var start: Int
    var end: Int
  }

  init(capacity: Int) {
    units.reserveCapacity(capacity)
    origins.reserveCapacity(capacity)
  }

  /// The original byte range of the normalized span `range` (non-empty).
  @inline(__always)
  func originalRange(_ range: Range<Int>) -> Range<Int> {
    origins[range.lowerBound].start..<origins[range.upperBound - 1].end
  }

  /// The normalized span as a string.
  ///
  /// Transcodes UTF-16 to UTF-8 by hand straight into the string's storage:
  /// the standard library's generic `String(decoding:as:)` over a slice
  /// was the analyzer's largest cost after ICU itself.
  func string(_ range: Range<Int>) -> String {
    units.withUnsafeBufferPointer { buffer in
      var size = 0
      var index = range.lowerBound
      while index < range.upperBound {
        let unit = buffer[index]
        if unit < 0x80 { size += 1 } else if unit < 0x800 { size += 2 } else { size += 3 }
        index += 1
      }
      return String(unsafeUninitializedCapacity: size) { output in
        var written = 0
        var index = range.lowerBound
        while index < range.upperBound {
          let unit = UInt32(buffer[index])
          index += 1
          if unit < 0x80 {
            output[written] = UInt8(unit)
            written += 1
          } else if unit < 0x800 {
            output[written] = UInt8(0xC0 | (unit >> 6))
            output[written + 1] = UInt8(0x80 | (unit & 0x3F))
            written += 2
          } else if (0xD800..<0xDC00).contains(unit) && index < range.upperBound
                      && (0xDC00..<0xE000).contains(buffer[index]) {
            let scalar = 0x10000 + ((unit - 0xD800) << 10) + (UInt32(buffer[index]) - 0xDC00)
            index += 1
            output[written] = UInt8(0xF0 | (scalar >> 18))
            output[written + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[written + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[written + 3] = UInt8(0x80 | (scalar & 0x3F))
            written += 4
          } else if (0xD800..<0xE000).contains(unit) {
            // A lone surrogate cannot occur in text made from a String;
            // write U+FFFD so the bytes stay valid UTF-8.
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
  }

  @inline(__always)
  mutating func append(_ unit: UInt16, from start: Int, to end: Int) {
    units.append(unit)
    origins.append(Origin(start: start, end: end))
  }
}
