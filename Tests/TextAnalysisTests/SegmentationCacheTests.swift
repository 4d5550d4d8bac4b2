import Foundation
import Testing
import TextAnalysis

/// The segmentation cache must never change a token: every text analyzed
/// with the cache gives exactly what the same analyzer gives without it.
struct SegmentationCacheTests {
  /// The sample corpus's documents (JSONL, Markdown and text briefings) as
  /// separate texts, each twice, so that both the miss and the hit path run.
  static let corpusTexts: [String] = {
    let root = repositoryRoot() + "/corpus"
    var texts: [String] = []
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    for case let path as String in walker where path.hasSuffix(".jsonl") || path.hasSuffix(".md") || path.hasSuffix(".txt") {
      guard let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
      texts += String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }
    return texts
  }()

  @Test func cachedAnalysisEqualsUncachedOnTheSampleCorpus() {
    #expect(Self.corpusTexts.count > 1000)
    let cached = lexiconAnalyzer
    var uncached = lexiconAnalyzer
    uncached.cachesSegmentation = false
    var differing: [String] = []
    for _ in 0..<2 {
      for text in Self.corpusTexts where cached.analyze(text) != uncached.analyze(text) { differing.append(text) }
    }
    #expect(differing.isEmpty, "first: \(differing.first ?? "")")
  }

  @Test func cachedAnalysisEqualsUncachedOnMixedScripts() {
    // Pieces whose neighbours matter to ICU (kana next to Han, combining
    // marks, supplementary ideographs, numbers and codes against Han text,
    // the middle dot in names) must come out as ICU cuts them in context.
    let texts = [
      "益阳市赫山区龙光桥街道养猪场，益阳市赫山区龙光桥街道养猪场。",
      "约翰·史密斯在2020年9月15日反映COD超标45mg/L，NH3-N为1.2mg/L。",
      "東京タワーの近くでカタカナ漢字かな混じり文、東京タワー。",
      "々〇𠀀𠀁𪚥漢字e\u{0301}字，字\u{0301}漢",
      "PM2.5浓度75μg/m³，PM2.5浓度75μg/m³；pm2.5_浓度",
      "受理编号D430900202009150012，受理编号D430900202009150012。",
      "“黑臭水体”‘整改’…—资阳区（长春镇）《督察报告》【交办】",
    ]
    let cached = lexiconAnalyzer
    var uncached = lexiconAnalyzer
    uncached.cachesSegmentation = false
    for _ in 0..<3 {
      for text in texts {
        #expect(cached.analyze(text) == uncached.analyze(text), "\(text)")
      }
    }
    let large = AnalyzerInvariantTests.largeText
    #expect(cached.analyze(large) == uncached.analyze(large))
  }
}
