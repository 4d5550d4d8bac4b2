/// An in-memory index of one field's term dictionary in one segment: the
/// first eight bytes of every `interval`-th term, as big-endian numbers (the
/// terms index interval of Lucene's old `.tii` files).
///
/// A look-up then compares integers in this small array to narrow the
/// binary search to one or two intervals of the mapped records: at 100k
/// documents a plain search of a bigram dictionary probed about 18 records
/// and their term bytes, most of them cache misses, and a long phrase looks
/// up each of its bigrams in three fields of every segment.
package struct TermIndex: Sendable {
  /// Terms per sample.
  static let interval = 16
  /// Look-ups of a field in a segment before its index is built: a one-off
  /// query never pays for building it (at 1M documents a 36-character
  /// phrase, 35 bigrams, took 5 ms without and 10 ms while building the
  /// indexes it touched, with 32 here), a session of queries soon does.
  package static let buildAfterLookups = 256

  private let prefixes: [UInt64]
  private let termCount: Int

  /// Samples `termCount` terms through `term(i)`; nil if a sampled term
  /// cannot be read (a damaged dictionary is left to the plain search, which
  /// reports it).
  init?(termCount: Int, term: (Int) -> UnsafeRawBufferPointer?) {
    var prefixes: [UInt64] = []
    prefixes.reserveCapacity((termCount + Self.interval - 1) / Self.interval)
    for i in stride(from: 0, to: termCount, by: Self.interval) {
      guard let bytes = term(i) else { return nil }
      prefixes.append(Self.prefix(bytes))
    }
    self.prefixes = prefixes
    self.termCount = termCount
  }

  /// The first eight bytes of `bytes` as a big-endian number, zero-padded.
  /// If prefix(a) < prefix(b), then a < b in byte order (and likewise for >);
  /// equal prefixes decide nothing.
  @inline(__always)
  static func prefix(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var value: UInt64 = 0
    let count = min(8, bytes.count)
    for i in 0..<count { value |= UInt64(bytes[i]) << UInt64(56 - 8 * i) }
    return value
  }

  /// The term numbers `key` can be at, and whose insertion point it has
  /// there: every term before the range is smaller than the key, every term
  /// from its end on larger.
  func candidates(for key: UnsafeRawBufferPointer) -> Range<Int> {
    let keyPrefix = Self.prefix(key)
    // First sample whose prefix is >= the key's, and first one > it.
    var low = 0
    var high = prefixes.count
    while low < high {
      let mid = (low + high) / 2
      if prefixes[mid] < keyPrefix { low = mid + 1 } else { high = mid }
    }
    let firstNotSmaller = low
    high = prefixes.count
    while low < high {
      let mid = (low + high) / 2
      if prefixes[mid] <= keyPrefix { low = mid + 1 } else { high = mid }
    }
    let firstLarger = low
    // Sample firstNotSmaller - 1 is smaller than the key, so the key comes
    // after it; sample firstLarger is larger, so the key comes before it.
    let start = firstNotSmaller == 0 ? 0 : (firstNotSmaller - 1) * Self.interval + 1
    let end = firstLarger == prefixes.count ? termCount : firstLarger * Self.interval
    return start..<max(start, end)
  }
}
