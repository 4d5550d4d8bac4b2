import Testing
import TextAnalysis

/// `termSpans` (the index writer's input) must be exactly the tokens of `analyze`.
struct TermSpansTests {
  @Test func spansAreTheTokensOfAnalyze() {
    let texts = Array(SegmentationCacheTests.corpusTexts.prefix(400)) + [
      AnalyzerInvariantTests.largeText,
      "經調查核實，ＣＯＤ浓度为４５ｍｇ／Ｌ，𠀀𠀁𪚥 益阳金源造纸有限公司 supercalifragilisticexpialidocious123456789",
    ]
    for text in texts {
      let analysis = lexiconAnalyzer.analyze(text)
      let spans = lexiconAnalyzer.termSpans(text)
      let words = spans.words.map { String(decoding: spans.units[Int($0.start)..<Int($0.end)], as: UTF16.self) }
      let bigrams = spans.bigrams.map { String(decoding: spans.units[Int($0.start)..<Int($0.end)], as: UTF16.self) }
      #expect(words == analysis.words.map(\.text))
      #expect(spans.words.map { Int($0.position) } == analysis.words.map(\.position))
      #expect(bigrams == analysis.bigrams.map(\.text))
      #expect(spans.bigrams.map { Int($0.position) } == analysis.bigrams.map(\.position))
    }
  }
}
