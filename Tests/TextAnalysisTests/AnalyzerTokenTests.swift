import Testing
import TextAnalysis

/// Word tokens of inspection-style sentences, with exact byte ranges into
/// the original text, kinds and positions (stop words leave gaps).
struct AnalyzerTokenTests {
  static let briefingCases: [TokenCase] = [
    TokenCase(text: "省第四督察组交办的信访件已整改到位", expected: [
      .init("省", 0..<3, .ideographic, 0),
      .init("第四", 3..<9, .ideographic, 1),
      .init("督察组", 9..<18, .ideographic, 2),
      .init("交办", 18..<24, .ideographic, 3),
      // 的 (4) and 已 (6) are stop words.
      .init("信访件", 27..<36, .ideographic, 5),
      .init("整改", 39..<45, .ideographic, 7),
      .init("到", 45..<48, .ideographic, 8),
      .init("位", 48..<51, .ideographic, 9),
    ]),
    TokenCase(text: "赫山区某养猪场排污，群众举报异味", expected: [
      .init("赫山区", 0..<9, .ideographic, 0),
      .init("某", 9..<12, .ideographic, 1),
      .init("养猪场", 12..<21, .ideographic, 2),
      .init("排污", 21..<27, .ideographic, 3),
      .init("群众", 30..<36, .ideographic, 4),
      .init("举报", 36..<42, .ideographic, 5),
      .init("异", 42..<45, .ideographic, 6),
      .init("味", 45..<48, .ideographic, 7),
    ]),
    TokenCase(text: "南洞庭湖保护区内黑臭水体", expected: [
      .init("南洞庭湖", 0..<12, .ideographic, 0),
      .init("保护区", 12..<21, .ideographic, 1),
      .init("内", 21..<24, .ideographic, 2),
      .init("黑臭水体", 24..<36, .ideographic, 3),
    ]),
  ]

  @Test("briefing sentences", arguments: briefingCases)
  func briefingSentences(_ testCase: TokenCase) {
    let tokens = lexiconAnalyzer.tokens(testCase.text).map(ExpectedToken.init)
    #expect(tokens == testCase.expected)
  }

  static let mixedCases: [TokenCase] = [
    TokenCase(text: "ＣＯＤ超标３倍", expected: [
      .init("cod", 0..<9, .letter, 0),
      .init("超标", 9..<15, .ideographic, 1),
      .init("3", 15..<18, .number, 2),
      .init("倍", 18..<21, .ideographic, 3),
    ]),
    TokenCase(text: "環境保護督察組進駐益陽市", expected: [
      .init("环境", 0..<6, .ideographic, 0),
      .init("保护", 6..<12, .ideographic, 1),
      .init("督察组", 12..<21, .ideographic, 2),
      .init("进", 21..<24, .ideographic, 3),
      .init("驻", 24..<27, .ideographic, 4),
      .init("益阳市", 27..<36, .ideographic, 5),
    ]),
    TokenCase(text: "受理编号D430900202009150012", expected: [
      .init("受理", 0..<6, .ideographic, 0),
      .init("编号", 6..<12, .ideographic, 1),
      .init("d430900202009150012", 12..<31, .number, 2),
    ]),
    TokenCase(text: "2020年9月15日", expected: [
      .init("2020", 0..<4, .number, 0),
      .init("年", 4..<7, .ideographic, 1),
      .init("9", 7..<8, .number, 2),
      .init("月", 8..<11, .ideographic, 3),
      .init("15", 11..<13, .number, 4),
      .init("日", 13..<16, .ideographic, 5),
    ]),
    TokenCase(text: "2020-09-15", expected: [
      .init("2020", 0..<4, .number, 0),
      .init("09", 5..<7, .number, 1),
      .init("15", 8..<10, .number, 2),
    ]),
    TokenCase(text: "氨氮（NH3-N）浓度1.5mg/L，PM2.5为75μg/m³", expected: [
      .init("氨氮", 0..<6, .ideographic, 0),
      .init("nh3", 9..<12, .number, 1),
      .init("n", 13..<14, .letter, 2),
      .init("浓度", 17..<23, .ideographic, 3),
      .init("1.5", 23..<26, .number, 4),
      .init("mg", 26..<28, .letter, 5),
      .init("l", 29..<30, .letter, 6),
      .init("pm2.5", 33..<38, .number, 7),
      // 为 (8) is a stop word.
      .init("75", 41..<43, .number, 9),
      .init("μg", 43..<46, .letter, 10),
      .init("m3", 47..<50, .number, 11),
    ]),
    TokenCase(text: "The SO2 and VOCs", expected: [
      .init("so2", 4..<7, .number, 1),
      .init("vocs", 12..<16, .letter, 3),
    ]),
    TokenCase(text: "ＰＭ２．５", expected: [.init("pm2.5", 0..<15, .number, 0)]),
    TokenCase(text: "污染😀环境", expected: [
      .init("污染", 0..<6, .ideographic, 0),
      .init("环境", 10..<16, .ideographic, 1),
    ]),
  ]

  @Test("mixed Chinese, Latin, digits, full-width and Traditional", arguments: mixedCases)
  func mixedText(_ testCase: TokenCase) {
    let tokens = lexiconAnalyzer.tokens(testCase.text).map(ExpectedToken.init)
    #expect(tokens == testCase.expected)
  }

  @Test("no tokens from empty, whitespace, punctuation or emoji", arguments: [
    "", "   ", "\n\t\r\n", "，。！？……", "“”《》（）【】", "😀🌊❤️", "\u{200B}\u{FEFF}\u{00AD}", "\u{1}\u{7F}",
  ])
  func noTokens(_ text: String) {
    let analysis = lexiconAnalyzer.analyze(text)
    #expect(analysis.words.isEmpty)
    #expect(analysis.bigrams.isEmpty)
  }

  @Test func zeroWidthAndControlCharactersAreDroppedInsideWords() {
    let text = "环\u{200B}境\u{FEFF}保\u{0001}护"  // 环 ZWSP 境 BOM 保 U+0001 护
    let tokens = Analyzer().tokens(text).map(ExpectedToken.init)
    // U+FEFF has no normalization boundary before it, so it belongs to the
    // chunk of 境 and its bytes to the range of 环境.
    let expected: [ExpectedToken] = [.init("环境", 0..<12, .ideographic, 0), .init("保护", 12..<19, .ideographic, 1)]
    #expect(tokens == expected)
  }

  @Test func withoutLexiconICUFragmentsStay() {
    let tokens = Analyzer(lexicon: Lexicon()).tokens("益阳市黑臭水体").map(\.text)
    #expect(tokens == ["益", "阳", "市", "黑", "臭", "水体"])
  }

  @Test func longLatinAndNumberTokensAreCutAt64Bytes() {
    let digits = String(repeating: "1234567890", count: 15)  // 150 bytes
    let tokens = Analyzer().tokens("编号" + digits).map(ExpectedToken.init)
    let first = String(digits.prefix(64))
    let second = String(digits.dropFirst(64).prefix(64))
    let third = String(digits.suffix(22))
    let expected: [ExpectedToken] = [
      .init("编号", 0..<6, .ideographic, 0),
      .init(first, 6..<70, .number, 1),
      .init(second, 70..<134, .number, 2),
      .init(third, 134..<156, .number, 3),
    ]
    #expect(tokens == expected)
    #expect(tokens.allSatisfy { $0.text.utf8.count <= Analyzer.maxTokenBytes })
  }

  @Test func identityHasVersionOneAndStableChecksums() {
    let identity = lexiconAnalyzer.identity
    #expect(identity.analyzerVersion == 1)
    #expect(identity.icuVersion == icuVersion)
    #expect(identity.lexiconChecksum == testLexicon.checksum)
    #expect(identity.lexiconChecksum.count == 16)
    #expect(Analyzer(lexicon: Lexicon()).identity.lexiconChecksum == "none")
    #expect(identity.stopWordsChecksum == StopWords.standard.checksum)
    #expect(identity != Analyzer().identity)
  }
}
