/// MinHash signatures of character shingles, and LSH banding to find
/// near-duplicate texts without comparing every pair.
///
/// A text's shingles are its overlapping character n-grams (default 3) over
/// letters, digits and Han characters, after full-width and case folding;
/// punctuation and spaces are skipped, so 偷排，废水 and 偷排废水 shingle alike.
/// The signature keeps, for each of `hashCount` hash functions, the least
/// hash over the shingles; the fraction of equal positions of two signatures
/// estimates the Jaccard similarity of their shingle sets. Banding cuts the
/// signature into `bands` bands of `rows` rows: two texts become candidates
/// when any band matches exactly, which happens with probability
/// 1 − (1 − J^rows)^bands — about 0.5 at J = (1/bands)^(1/rows).
///
/// Out-of-range settings are clamped, on assignment as in the initializer:
/// shingles of 1 to 64 characters, 1 to 1,024 bands of 1 to 64 rows.
public struct MinHasher: Sendable, Hashable {
  /// Characters per shingle, 1 to 64.
  public var shingleLength: Int {
    didSet { shingleLength = Self.clamp(shingleLength, 64) }
  }
  /// Bands of the signature, 1 to 1,024.
  public var bands: Int {
    didSet { bands = Self.clamp(bands, 1_024) }
  }
  /// Rows (hashes) per band, 1 to 64.
  public var rows: Int {
    didSet { rows = Self.clamp(rows, 64) }
  }

  /// 8 bands of 4 rows (32 hashes, candidate threshold near J = 0.59) over 3-grams.
  public init(shingleLength: Int = 3, bands: Int = 8, rows: Int = 4) {
    self.shingleLength = Self.clamp(shingleLength, 64)
    self.bands = Self.clamp(bands, 1_024)
    self.rows = Self.clamp(rows, 64)
  }

  private static func clamp(_ value: Int, _ maximum: Int) -> Int { min(max(1, value), maximum) }

  /// The signature's length: `bands × rows`.
  public var hashCount: Int { bands * rows }

  /// The MinHash signature of a text (all `UInt64.max` for a text with no shingle).
  public func signature(of text: String) -> [UInt64] {
    signature(ofFolded: NameMatcher.folded(text))
  }

  func signature(ofFolded scalars: [UInt32]) -> [UInt64] {
    var signature = [UInt64](repeating: .max, count: hashCount)
    var window: [UInt32] = []
    window.reserveCapacity(shingleLength)
    var kept: [UInt32] = []
    kept.reserveCapacity(scalars.count)
    for value in scalars where Self.isContent(value) { kept.append(value) }
    if kept.isEmpty { return signature }
    let n = min(shingleLength, kept.count)
    var seen: Set<UInt64> = []
    for start in 0...(kept.count - n) {
      var shingle: UInt64 = 0xcbf2_9ce4_8422_2325
      for k in 0..<n { shingle = (shingle ^ UInt64(kept[start + k])) &* 0x0000_0100_0000_01b3 }
      guard seen.insert(shingle).inserted else { continue }
      for i in 0..<signature.count {
        let h = Self.mix(shingle &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
        if h < signature[i] { signature[i] = h }
      }
    }
    return signature
  }

  /// The estimated Jaccard similarity of two signatures: the fraction of
  /// positions holding the same shingle hash. A position no shingle reached
  /// (`UInt64.max`) never counts as equal, so a text without shingles is
  /// similar to nothing (0), itself included.
  public func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
    let count = min(a.count, b.count)
    guard count > 0 else { return 0 }
    var equal = 0
    for i in 0..<count where a[i] == b[i] && a[i] != .max { equal += 1 }
    return Double(equal) / Double(count)
  }

  /// One key per band of a signature; equal keys in the same band make a candidate pair.
  public func bandKeys(of signature: [UInt64]) -> [UInt64] {
    (0..<bands).map { band in
      var key: UInt64 = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
      for row in 0..<rows {
        let i = band * rows + row
        key = Self.mix(key ^ (i < signature.count ? signature[i] : 0))
      }
      return key
    }
  }

  /// Pairs (i < j) of signatures sharing at least one band key.
  ///
  /// A bucket holding more than `maximumBucket` signatures is skipped (such a
  /// band matches boilerplate, not a near duplicate), which bounds the work.
  ///
  /// With `partitions` (one per signature, by index), only signatures of the
  /// same partition (a block of petitions about one unit) are paired: the
  /// partition is part of the bucket key, so boilerplate shared across
  /// partitions costs nothing. A signature beyond the end of `partitions`
  /// is paired with none.
  public func candidatePairs(_ signatures: [[UInt64]], partitions: [Int]? = nil,
                             maximumBucket: Int = 200) -> Set<Pair> {
    var pairs: Set<Pair> = []
    let keys = signatures.map { $0.first == .max ? [] : bandKeys(of: $0) }
    for band in 0..<bands {
      var buckets: [UInt64: [Int]] = [:]
      for (index, bandKeys) in keys.enumerated() where band < bandKeys.count {
        if let partitions, index >= partitions.count { continue }
        let key = partitions.map { Self.mix(bandKeys[band] ^ UInt64(truncatingIfNeeded: $0[index])) } ?? bandKeys[band]
        buckets[key, default: []].append(index)
      }
      for members in buckets.values where members.count > 1 && members.count <= maximumBucket {
        for a in 0..<members.count {
          for b in (a + 1)..<members.count { pairs.insert(Pair(members[a], members[b])) }
        }
      }
    }
    return pairs
  }

  /// Two indexes, the smaller first.
  public struct Pair: Hashable, Sendable {
    /// The smaller index.
    public var first: Int
    /// The larger index.
    public var second: Int
    /// The pair of `a` and `b`, given in either order.
    public init(_ a: Int, _ b: Int) {
      first = min(a, b)
      second = max(a, b)
    }
  }

  /// Letters, digits and CJK ideographs take part in shingles; the rest is skipped.
  static func isContent(_ value: UInt32) -> Bool {
    switch value {
    case 0x30...0x39, 0x61...0x7A, 0x41...0x5A: return true
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return true
    default: return false
    }
  }

  /// SplitMix64's finalizer: a fast, well-spread 64-bit mix.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
