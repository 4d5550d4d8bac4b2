/// Per-code-point facts about the Basic Multilingual Plane, computed once.
///
/// The normalizer asks ICU about every character it cannot decide from this
/// table, which is slow when done per character of every document. The table
/// answers, for each BMP code point, whether ICU's `nfkc_cf` leaves it as it
/// is and whether a normalization-independent chunk starts at it, and maps
/// Traditional Han characters to Simplified ones (never a character of the
/// Simplified standard repertoire GB 2312: 著 and 乾 stay as they are). It is built on first use
/// (about 30 ms, mostly one call of the Traditional-Simplified transliterator
/// over every CJK unified ideograph) and shared by all threads.
struct CharacterTable: Sendable {
  /// Bit 0: `nfkc_cf` leaves the character unchanged and it is no control
  /// character to drop. Bit 1: a normalization chunk starts at it.
  private let flags: [UInt8]
  /// Simplified form of each code point in `hanRange` (0 = unchanged).
  private let simplified: [UInt16]

  /// The CJK unified ideographs (Extension A and the main block) covered by
  /// the Traditional→Simplified table.
  static let hanRange: Range<UInt32> = 0x3400..<0xA000

  static let shared = CharacterTable()

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
    self.simplified = CharacterTable.buildSimplifiedTable()
  }

  /// Whether `nfkc_cf` leaves the BMP code point unchanged.
  @inline(__always)
  func isStable(_ codePoint: UInt32) -> Bool { flags[Int(codePoint)] & 1 != 0 }

  /// Whether a normalization-independent chunk starts at the code point.
  @inline(__always)
  func hasBoundaryBefore(_ codePoint: UInt32) -> Bool {
    codePoint < 0x10000 ? flags[Int(codePoint)] & 2 != 0 : ICUNormalizer.nfkcCasefold.hasBoundaryBefore(codePoint)
  }

  /// The Simplified form of a code point (itself when it has none).
  @inline(__always)
  func simplify(_ codePoint: UInt32) -> UInt32 {
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

  /// Characters of GB 2312 that ICU maps to another character and that are
  /// far more often Traditional forms than Simplified words (之後, 於是,
  /// 什麽, 夥伴, 特徵, 摺疊, 香菸); they are simplified. The other ten such
  /// characters stay: 著 (著名), 乾 (乾坤), 俱 (俱乐部), 藉 (狼藉), 姊, 跤, 阪,
  /// 苎, 吒, 箝 (measured with ICU 72).
  private static let simplifiedAnyway: Set<UInt16> = [0x5F8C, 0x65BC, 0x9EBD, 0x5925, 0x5FB5, 0x647A, 0x83F8]

  /// Transliterates every ideograph of `hanRange`, each on its own line so no
  /// rule sees a neighbour, and keeps the one-to-one changes of characters
  /// that are not themselves standard Simplified characters (GB 2312).
  private static func buildSimplifiedTable() -> [UInt16] {
    var table = [UInt16](repeating: 0, count: hanRange.count)
    let simplifiedRepertoire = GB2312Repertoire.hanCharacters()
    guard let transliterator = ICUTransliterator(id: "Traditional-Simplified") else { return table }
    var source: [UInt16] = []
    source.reserveCapacity(hanRange.count * 2)
    for codePoint in hanRange {
      source.append(UInt16(codePoint))
      source.append(0x0A)
    }
    guard let result = transliterator.transliterate(source) else { return table }
    let lines = result.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard lines.count >= hanRange.count else { return table }
    for (offset, line) in lines.prefix(hanRange.count).enumerated() {
      guard line.count == 1, let unit = line.first, unit != UInt16(hanRange.lowerBound) + UInt16(offset) else {
        continue
      }
      if (0xD800..<0xE000).contains(unit) { continue }
      let original = Int(hanRange.lowerBound) + offset
      if simplifiedRepertoire[original >> 6] & (1 << UInt64(original & 63)) != 0
          && !simplifiedAnyway.contains(UInt16(original)) { continue }
      table[offset] = unit
    }
    return table
  }
}
