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

  /// Whether `origins` is kept (otherwise it stays empty).
  let tracksOrigins: Bool

  init(capacity: Int, tracksOrigins: Bool = true) {
    self.tracksOrigins = tracksOrigins
    units.reserveCapacity(capacity)
    if tracksOrigins { origins.reserveCapacity(capacity) }
  }

  /// The original byte range of the normalized span `range` (non-empty;
  /// text made with `tracksOrigins`).
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
      let span = UnsafeBufferPointer(rebasing: buffer[range])
      return String(unsafeUninitializedCapacity: PackedUnits.utf8Capacity(span)) { output in
        PackedUnits.encodeUTF8(span, into: output)
      }
    }
  }

  @inline(__always)
  mutating func append(_ unit: UInt16, from start: Int, to end: Int) {
    units.append(unit)
    if tracksOrigins { origins.append(Origin(start: start, end: end)) }
  }
}
