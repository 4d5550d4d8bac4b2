import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis

/// Pruning never changes results: for random documents and random queries,
/// the top hits, their scores and the totals are identical with pruning on
/// and off. The seed is printed; `SEED=` reproduces a run.
@Test func pruningReturnsExactlyTheExhaustiveTopHits() throws {
  let seed = ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
  print("pruning equivalence seed: \(seed) (rerun with SEED=\(seed))")
  var random = SplitMix64(seed: seed)
  let vocabulary = ["养猪场", "臭味", "噪声", "废水", "偷排", "扬尘", "整改", "督察", "赫山区", "资阳区", "码头", "砂石",
                    "夜间", "居民", "反映", "污水", "河道", "黑臭", "垃圾", "填埋场", "COD", "超标", "企业", "调查"]
  func pick() -> String { vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
  var documents: [Document] = []
  for number in 0..<400 {
    let body = (0..<(Int(random.next() % 40) + 3)).map { _ in pick() }.joined(separator: random.next() % 3 == 0 ? "，" : "")
    let title = (0..<(Int(random.next() % 4) + 1)).map { _ in pick() }.joined()
    documents.append(Document(id: "R\(number)", type: number % 2 == 0 ? "petition" : "briefing", title: title,
                              region: number % 3 == 0 ? "赫山区" : "南县", body: body))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 90)
  var exhaustive = Searcher(reader: reader)
  exhaustive.options.pruning = false
  let pruned = Searcher(reader: reader)
  for _ in 0..<150 {
    let words = (0..<(Int(random.next() % 4) + 1)).map { _ in pick() }
    let text: String
    switch random.next() % 4 {
    case 0: text = words.joined(separator: " ")
    case 1: text = words.joined(separator: " OR ")
    case 2: text = "+" + words.joined(separator: " ")
    default: text = "\"" + words.joined() + "\" " + pick()
    }
    var request = SearchRequest(query: try pruned.parser.parse(text))
    request.limit = Int(random.next() % 12) + 1
    request.snippets = false
    let expected = try exhaustive.search(request)
    let actual = try pruned.search(request)
    #expect(actual.totalHits == expected.totalHits, "\(text)")
    #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(text)")
    #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(text)")
  }
}
