import Testing
import TextAnalysis

/// The embedded Traditional→Simplified table (a `package` seam) agrees with
/// what ICU's transliterator computes.
struct TraditionalSimplifiedTableTests {
  @Test(.enabled(if: icuVersion.hasPrefix("72."), "the embedded table was generated with ICU 72"))
  func embeddedTableEqualsICUTransliterator() {
    var embedded: [UInt64] = []
    TraditionalSimplifiedTable.forEachPair { embedded.append(UInt64($0) << 32 | UInt64($1)) }
    let computed = TraditionalSimplifiedBuilder.pairsFromICU().map { UInt64($0.traditional) << 32 | UInt64($0.simplified) }
    #expect(embedded.count == TraditionalSimplifiedTable.pairCount)
    #expect(embedded == computed)
  }

  @Test func commonTraditionalCharactersAreMapped() {
    var table: [UInt32: UInt32] = [:]
    TraditionalSimplifiedTable.forEachPair { table[$0] = $1 }
    for (traditional, simplified) in zip("環境保護後於來臺灣髮發", "环境保护后于来台湾发发") {
      let from = traditional.unicodeScalars.first?.value ?? 0
      let to = simplified.unicodeScalars.first?.value ?? 0
      #expect(table[from] ?? from == to, "\(traditional) → \(simplified)")
    }
    #expect(table[0x8457] == nil)  // 著 stays
    #expect(table[0x4E7E] == nil)  // 乾 stays
  }
}
