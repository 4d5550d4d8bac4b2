import Testing
import TextAnalysis

/// Invariants over large inputs: ranges on character boundaries, offsets
/// never going backwards, bounded work on long runs, identical results
/// from concurrent callers.
struct AnalyzerInvariantTests {
  /// About 200 KB of inspection-style text with full-width, Traditional,
  /// Latin, digits, emoji, combining marks and zero-width characters.
  static let largeText: String = {
    let pieces = [
      "群众反映赫山区龙光桥街道某养猪场粪污直排水塘，夏季异味严重。",
      "經調查核實，該問題基本屬實，責任單位已責令其限期整改。",
      "ＣＯＤ浓度为４５ｍｇ／Ｌ，NH3-N 1.2mg/L，PM2.5为75μg/m³；",
      "受理编号D430900202009150012（2020-09-15），回头看督察组交办。",
      "café naïve Ｅｘａｍｐｌｅ e\u{0301}\u{0323}te ﬁle ㎏ ½ Ⅻ ",
      "污\u{200B}染\u{00AD}源\u{FEFF}清单😀🌊 \u{1}\u{7F}南洞庭湖保护区内禁止投肥养殖\n",
      "𠀀𠀁𪚥 鿿 〇 々 ｶﾀｶﾅ かな 한국어 العربية Русский\r\n",
    ]
    var text = ""
    var index = 0
    while text.utf8.count < 200_000 {
      text += pieces[index % pieces.count]
      index += 1
    }
    return text
  }()

  @Test func everyRangeSlicesTheOriginalOnCharacterBoundaries() {
    let analysis = lexiconAnalyzer.analyze(Self.largeText)
    #expect(analysis.words.count > 20_000)
    expectRangesOnCharacterBoundaries(analysis.words, in: Self.largeText)
    expectRangesOnCharacterBoundaries(analysis.bigrams, in: Self.largeText)
    var previous = -1
    for token in analysis.words {
      #expect(token.position > previous)
      previous = token.position
      #expect(!token.text.isEmpty && token.text.utf8.count <= Analyzer.maxTokenBytes)
    }
    #expect(analysis.bigrams.map(\.position) == Array(0..<analysis.bigrams.count))
  }

  @Test func aHundredThousandCharacterRunWithoutPunctuationStaysBounded() {
    let sentence = Array("益阳市生态环境局督察组对资阳区黑臭水体整改情况开展现场核查发现污水处理厂提质改造工程推进缓慢")
    let text = String((0..<100_000).map { sentence[$0 % sentence.count] })
    let analysis = lexiconAnalyzer.analyze(text)
    // Every character is covered by exactly one word (no stop words here).
    let covered = analysis.words.reduce(0) { $0 + $1.text.count }
    #expect(covered + stopWordCharacters(text) == 100_000)
    #expect(analysis.bigrams.count == 99_999)
    expectRangesOnCharacterBoundaries(analysis.words, in: text)
    #expect(analysis.words.allSatisfy { $0.text.count <= Lexicon.maxWordLength })
  }

  @Test func concurrentCallersGetIdenticalResults() async {
    let characters = Array(Self.largeText)
    let texts = (0..<16).map { index in String(characters[(index * 3_000)..<(index * 3_000 + 4_000)]) }
    let expected = texts.map { lexiconAnalyzer.analyze($0) }
    let results = await withTaskGroup(of: (Int, Analysis).self) { group in
      for _ in 0..<4 {
        for (index, text) in texts.enumerated() {
          group.addTask { (index, lexiconAnalyzer.analyze(text)) }
        }
      }
      var collected: [(Int, Analysis)] = []
      for await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 64)
    for (index, analysis) in results {
      #expect(analysis == expected[index])
    }
  }

  private func stopWordCharacters(_ text: String) -> Int {
    let analysis = Analyzer(lexicon: testLexicon, stopWords: .none).tokens(text)
    let kept = lexiconAnalyzer.tokens(text)
    return analysis.reduce(0) { $0 + $1.text.count } - kept.reduce(0) { $0 + $1.text.count }
  }
}
