/// Normalized text as UTF-16, with a map back to the original UTF-8 bytes.
///
/// Unit `i` of `units` came from the original bytes
/// `originalStart[i]..<originalEnd[i]`: the normalization-independent chunk
/// it was produced from (one character in the common case; a base character
/// with its combining marks, or a character that expands, such as ㎏ → kg,
/// otherwise). A normalized span `s..<e` therefore covers the original bytes
/// `originalStart[s]..<originalEnd[e - 1]`, which always fall on character
/// boundaries and never go backwards.
struct NormalizedText {
  /// The normalized text: NFKC_Casefold, Simplified Chinese, no control or
  /// zero-width characters.
  var units: [UInt16] = []
  /// For each unit, the first original byte of its chunk.
  var originalStart: [Int] = []
  /// For each unit, the original byte just past its chunk.
  var originalEnd: [Int] = []

  init(capacity: Int) {
    units.reserveCapacity(capacity)
    originalStart.reserveCapacity(capacity)
    originalEnd.reserveCapacity(capacity)
  }

  /// The original byte range of the normalized span `range` (non-empty).
  @inline(__always)
  func originalRange(_ range: Range<Int>) -> Range<Int> {
    originalStart[range.lowerBound]..<originalEnd[range.upperBound - 1]
  }

  /// The normalized span as a string.
  func string(_ range: Range<Int>) -> String {
    units.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF16.self) }
  }

  @inline(__always)
  mutating func append(_ unit: UInt16, from start: Int, to end: Int) {
    units.append(unit)
    originalStart.append(start)
    originalEnd.append(end)
  }
}
