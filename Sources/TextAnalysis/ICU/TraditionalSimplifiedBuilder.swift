/// Derives the Traditional→Simplified character table from ICU.
///
/// Runs ICU's `Traditional-Simplified` transliterator once over every CJK
/// unified ideograph of U+3400–U+9FFF, each on its own line so that no rule
/// sees a neighbour, and keeps the one-to-one changes to another BMP
/// ideograph. Characters of GB 2312, the standard Simplified repertoire, are
/// left out (ICU would rewrite 著名 to 着名 and 乾隆 to 干隆), except those in
/// `simplifiedAnyway`. Opening the transliterator and running it costs
/// 40–70 ms, too much for every `search` process, so the result is embedded
/// in `TraditionalSimplifiedTable` (regenerate with
/// `swift run SearchBenchmarks traditional-simplified-table`), and a test
/// compares the two on ICU 72.
package enum TraditionalSimplifiedBuilder {
  /// Characters of GB 2312 that ICU maps to another character and that are
  /// far more often Traditional forms than Simplified words (之後, 於是,
  /// 什麽, 夥伴, 特徵, 摺疊, 香菸); they are simplified. The other ten such
  /// characters stay: 著 (著名), 乾 (乾坤), 俱 (俱乐部), 藉 (狼藉), 姊, 跤, 阪,
  /// 苎, 吒, 箝 (ICU 72).
  static let simplifiedAnyway: Set<UInt32> = [0x5F8C, 0x65BC, 0x9EBD, 0x5925, 0x5FB5, 0x647A, 0x83F8]

  /// The (Traditional, Simplified) pairs by ascending Traditional code
  /// point; empty when ICU lacks the transliterator.
  package static func pairsFromICU() -> [(traditional: UInt32, simplified: UInt32)] {
    let range: ClosedRange<UInt32> = 0x3400...0x9FFF
    guard let transliterator = ICUTransliterator(id: "Traditional-Simplified") else { return [] }
    var source: [UInt16] = []
    source.reserveCapacity(range.count * 2)
    for codePoint in range {
      source.append(UInt16(codePoint))
      source.append(0x0A)
    }
    guard let result = transliterator.transliterate(source) else { return [] }
    let lines = result.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard lines.count >= range.count else { return [] }
    let repertoire = GB2312Repertoire.hanCharacters()
    var pairs: [(traditional: UInt32, simplified: UInt32)] = []
    for (offset, line) in lines.prefix(range.count).enumerated() {
      let original = range.lowerBound + UInt32(offset)
      guard line.count == 1, let unit = line.first, UInt32(unit) != original,
            (0x3400...0x9FFF).contains(unit) else { continue }
      let inRepertoire = repertoire[Int(original) >> 6] & (1 << UInt64(original & 63)) != 0
      if inRepertoire && !simplifiedAnyway.contains(original) { continue }
      pairs.append((original, UInt32(unit)))
    }
    return pairs
  }
}
