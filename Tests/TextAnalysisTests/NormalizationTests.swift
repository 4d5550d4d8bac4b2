import Testing
import TextAnalysis

/// Normalization before segmentation (NFKC_Casefold, Traditional →
/// Simplified, dropped characters) and offsets into the original text.
struct NormalizationTests {
  @Test func aSpanOutsideTheNormalizedTextMapsToNothing() throws {
    let form = Analyzer().normalizedForm(of: "環境ＣＯＤ")
    #expect(form.utf16.count == 5)
    #expect(try #require(form.originalUTF8Range(of: 0..<2)) == 0..<6)
    #expect(try #require(form.originalUTF8Range(of: 2..<5)) == 6..<15)
    for span in [-1..<1, 4..<6, 3..<3, Int.min..<0, 0..<Int.max] {
      #expect(form.originalUTF8Range(of: span) == nil, "\(span)")
    }
  }

  static let cases: [TokenCase] = [
    // Full-width letters are 3 bytes each: the range covers the original.
    TokenCase(text: "Ｄ４３０９ ＣＯＤ", expected: [
      .init("d4309", 0..<15, .number, 0),
      .init("cod", 16..<25, .letter, 1),
    ]),
    // A base letter with a combining mark is one chunk (ｅ + U+0301 → é).
    TokenCase(text: "ｅ\u{0301}té Ａ\u{0300}", expected: [
      .init("été", 0..<8, .letter, 0),
      .init("à", 9..<14, .letter, 1),
    ]),
    // Compatibility characters expand; the token covers the one original.
    TokenCase(text: "5㎏ ﬁle Ⅻ", expected: [
      .init("5", 0..<1, .number, 0),
      .init("kg", 1..<4, .letter, 1),
      .init("file", 5..<10, .letter, 2),
      .init("xii", 11..<14, .letter, 3),
    ]),
    // Traditional → Simplified, offsets of the Traditional characters.
    TokenCase(text: "之後臺灣颱風", expected: [
      .init("之后", 0..<6, .ideographic, 0),
      .init("台湾", 6..<12, .ideographic, 1),
      .init("台风", 12..<18, .ideographic, 2),
    ]),
    // Characters of the Simplified repertoire stay (著 is not rewritten to 着).
    TokenCase(text: "著名乾隆", expected: [
      .init("著名", 0..<6, .ideographic, 0),
      .init("乾隆", 6..<12, .ideographic, 1),
    ]),
  ]

  @Test("normalized text, original offsets", arguments: cases)
  func normalizedTextOriginalOffsets(_ testCase: TokenCase) {
    let tokens = Analyzer(lexicon: Lexicon()).tokens(testCase.text).map(ExpectedToken.init)
    #expect(tokens == testCase.expected)
  }

  @Test func fullWidthAndTraditionalInputMatchesHalfWidthSimplifiedTerms() {
    let analyzer = Analyzer(lexicon: testLexicon)
    let original = analyzer.analyze("ＣＯＤ超標，環境保護區內黑臭水體")
    let simplified = analyzer.analyze("COD超标，环境保护区内黑臭水体")
    #expect(original.words.map(\.text) == simplified.words.map(\.text))
    #expect(original.bigrams.map(\.text) == simplified.bigrams.map(\.text))
    // The highlight of 超标 is exactly the Traditional 超標 of the original.
    let text = "ＣＯＤ超標"
    let token = analyzer.tokens(text)[1]
    #expect(String(decoding: Array(text.utf8)[token.utf8Range], as: UTF8.self) == "超標")
  }

  @Test func simplifiedTextIsUnchangedByNormalization() {
    let text = "益阳市生态环境局对资阳区某砂石码头扬尘问题立案查处，处罚款三万元"
    let bigrams = Analyzer(lexicon: Lexicon()).analyze(text).bigrams.map(\.text)
    var expected: [String] = []
    for run in text.split(separator: "，") {
      let characters = Array(run)
      for index in 0..<(characters.count - 1) { expected.append(String(characters[index...index + 1])) }
    }
    #expect(bigrams == expected)
  }
}
