/// Per-code-point facts about the Basic Multilingual Plane, computed once.
///
/// The normalizer asks ICU about every character it cannot decide from this
/// table, which is slow when done per character of every document. The table
/// answers, for each BMP code point, whether ICU's `nfkc_cf` leaves it as it
/// is and whether a normalization-independent chunk starts at it, and maps
/// Traditional Han characters to Simplified ones (from the embedded
/// `TraditionalSimplifiedTable`). It is built on first use (a few ms) and
/// shared by all threads.
package struct CharacterTable: Sendable {
  /// Bit 0: `nfkc_cf` leaves the character unchanged and it is no control
  /// character to drop. Bit 1: a normalization chunk starts at it.
  private let flags: [UInt8]
  /// Simplified form of each code point in `hanRange` (0 = unchanged).
  private let simplified: [UInt16]
  /// For each BMP code point that `nfkc_cf` leaves unchanged: what the
  /// normalizer emits for it (its Simplified form, or itself); 0 for the
  /// others. One read replaces three checks on the hot path.
  private let fastUnits: [UInt16]

  /// The CJK unified ideographs (Extension A and the main block) covered by
  /// the Traditional→Simplified table.
  static let hanRange: Range<UInt32> = 0x3400..<0xA000

  package static let shared = CharacterTable()

  private init() {
    let normalizer = ICUNormalizer.nfkcCasefold
    var flags = [UInt8](repeating: 0, count: 0x10000)
    for codePoint in UInt32(0)..<0x10000 {
      if (0xD800..<0xE000).contains(codePoint) { continue }
      var value: UInt8 = 0
      if normalizer.hasBoundaryBefore(codePoint) { value |= 2 }
      if !CharacterTable.isDroppedControl(codePoint) && normalizer.isNormalized(codePoint) { value |= 1 }
      flags[Int(codePoint)] = value
    }
    self.flags = flags
    var simplified = [UInt16](repeating: 0, count: CharacterTable.hanRange.count)
    TraditionalSimplifiedTable.forEachPair { traditional, simplifiedForm in
      guard CharacterTable.hanRange.contains(traditional) else { return }
      simplified[Int(traditional - CharacterTable.hanRange.lowerBound)] = UInt16(truncatingIfNeeded: simplifiedForm)
    }
    self.simplified = simplified
    var fastUnits = [UInt16](repeating: 0, count: 0x10000)
    for codePoint in 1..<0x10000 where flags[codePoint] & 1 != 0 {
      let unit = UInt16(codePoint)
      let offset = codePoint - Int(CharacterTable.hanRange.lowerBound)
      fastUnits[codePoint] = offset >= 0 && offset < simplified.count && simplified[offset] != 0 ? simplified[offset] : unit
    }
    self.fastUnits = fastUnits
  }

  /// Calls `body` with the fast-path table (see `fastUnits`) and the flags,
  /// as buffers the normalizer reads without bounds checks.
  func withFastPath<Result>(_ body: (UnsafeBufferPointer<UInt16>, UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    fastUnits.withUnsafeBufferPointer { fast in flags.withUnsafeBufferPointer { body(fast, $0) } }
  }

  /// Whether a normalization-independent chunk starts at the code point.
  @inline(__always)
  func hasBoundaryBefore(_ codePoint: UInt32) -> Bool {
    codePoint < 0x10000 ? flags[Int(codePoint)] & 2 != 0 : ICUNormalizer.nfkcCasefold.hasBoundaryBefore(codePoint)
  }

  /// The Simplified form of a code point (itself when it has none).
  @inline(__always)
  package func simplify(_ codePoint: UInt32) -> UInt32 {
    guard CharacterTable.hanRange.contains(codePoint) else { return codePoint }
    let mapped = simplified[Int(codePoint - CharacterTable.hanRange.lowerBound)]
    return mapped == 0 ? codePoint : UInt32(mapped)
  }

  /// Control characters (general category Cc) that are dropped: all but
  /// tab, line feed, vertical tab, form feed and carriage return, which stay
  /// as whitespace between words.
  static func isDroppedControl(_ codePoint: UInt32) -> Bool {
    (codePoint < 0x20 && !(0x09...0x0D).contains(codePoint)) || (0x7F...0x9F).contains(codePoint)
  }
}
