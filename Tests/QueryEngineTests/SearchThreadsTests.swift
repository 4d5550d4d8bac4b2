import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis

/// A search spread over threads (its segments, whole or cut into slices of
/// documents, taken by each thread as it becomes free, one collector per
/// thread, merged at the end) gives what one thread gives: the same
/// documents, scores and coordination, the same facets, and the same total
/// and relation for every counting threshold (the threads share their count;
/// a count that reaches the threshold is reported as the threshold). The
/// words are common enough that the searches are spread (`Searcher.threads`),
/// and the segments differ in size.
@Test func threadsNeverChangeThePage() throws {
  let seed = ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
  print("search threads seed: \(seed) (rerun with SEED=\(seed))")
  var random = SplitMix64(seed: seed)
  let vocabulary = ["养猪场", "臭味", "噪声", "废水", "偷排", "扬尘", "整改", "督察", "赫山区", "码头", "砂石", "夜间",
                    "居民", "反映"]
  func pick() -> String { vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
  var documents: [Document] = []
  for number in 0..<2400 {
    let body = (0..<(Int(random.next() % 16) + 4)).map { _ in pick() }.joined(separator: random.next() % 3 == 0 ? "，" : "")
    documents.append(Document(id: "P\(number)", type: number % 3 == 0 ? "petition" : "briefing",
                              title: (0..<(Int(random.next() % 3) + 1)).map { _ in pick() }.joined(),
                              date: Day(daysSinceEpoch: Int32(17_500 + number)), region: number % 4 == 0 ? "赫山区" : "南县",
                              body: body))
  }
  // Commits after 900, 1,500, 1,800, 2,100 and 2,400 documents: segments of
  // 900, 600, 300, 300 and 300, then every 13th document deleted (documents
  // that slices and threads must pass over alike).
  let path = try FixtureCorpus.temporaryDirectory() + "/index"
  let writer = try IndexWriter(path: path, analyzer: Analyzer())
  for (number, document) in documents.enumerated() {
    _ = try writer.add(document)
    if [900, 1500, 1800, 2100].contains(number + 1) { try writer.commit() }
  }
  try writer.commit()
  for number in stride(from: 5, to: documents.count, by: 13) { _ = try writer.delete(id: "P\(number)") }
  try writer.commit()
  writer.close()
  let reader = try IndexReader.open(path: path)
  #expect(reader.segments.count == 5)

  var one = Searcher(reader: reader)
  one.threads = 1
  // By default these segments are too small to be cut; with slices of at
  // least 100 or 1 documents they are (on two threads, the 900 documents of
  // the first in up to three slices of 300: fewer when the words have few
  // postings). The last settings are absurd, and clamped rather than
  // trusted: more threads than any machine has, slices of no documents.
  let settings: [(threads: Int, slice: Int?)] = [(2, nil), (3, nil), (4, nil), (2, 100), (3, 1), (4, 100), (.max, 0)]
  let spread = settings.map { threads, slice -> Searcher in
    var searcher = Searcher(reader: reader)
    searcher.threads = threads
    if let slice { searcher.minimumSliceDocuments = slice }
    return searcher
  }
  var lowerBounds = 0
  for round in 0..<160 {
    let words = (0..<(Int(random.next() % 3) + 1)).map { _ in pick() }
    var text: String
    switch random.next() % 6 {
    case 0: text = words.joined(separator: " ")
    // More than 64 clauses: scored document at a time, not term at a time
    // (slow in a debug build, so in the first rounds only).
    case 5 where round < 50: text = (0..<70).map { _ in pick() }.joined(separator: " OR ")
    case 1: text = words.joined(separator: " OR ")
    case 2: text = "+" + words.joined(separator: " +")
    case 3: text = "+" + words.joined(separator: " -")
    default: text = "\"" + words.prefix(2).joined() + "\" " + pick()
    }
    if random.next() % 4 == 0 { text += " type:petition" }
    var request = SearchRequest(query: try one.parser.parse(text))
    request.limit = Int(random.next() % 30) + 1
    request.offset = Int(random.next() % 3)
    request.snippets = round % 10 == 0
    request.facets = round % 3 == 0
    // Exact totals, the default threshold, a small one (reached by one
    // thread or only by the threads together) and none (only the page).
    request.totalHitsThreshold = [Int.max, SearchRequest.defaultTotalHitsThreshold, 150, 0][round % 4]
    var exact = request
    exact.totalHitsThreshold = .max
    let expected = try one.search(request)
    let exactTotal = try one.search(exact).totalHits
    for searcher in spread {
      let actual = try searcher.search(request)
      let what = "\(text) with \(searcher.threads) threads, slices of \(searcher.minimumSliceDocuments)"
      #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(what)")
      #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(what)")
      #expect(actual.hits.map(\.matchedClauses) == expected.hits.map(\.matchedClauses), "\(what)")
      #expect(actual.hits.map(\.snippet) == expected.hits.map(\.snippet), "\(what)")
      #expect(actual.facets == expected.facets, "\(what)")
      #expect(actual.totalHits == expected.totalHits, "\(what)")
      // With exactly the threshold matching, a thread may still have had
      // windows to pass over once the count was reached ("gte"), or not.
      if exactTotal != request.totalHitsThreshold {
        #expect(actual.totalHitsRelation == expected.totalHitsRelation, "\(what)")
      }
    }
    switch expected.totalHitsRelation {
    case .equalTo:
      #expect(expected.totalHits == exactTotal, "\(text)")
    case .greaterThanOrEqualTo:
      lowerBounds += 1
      #expect(expected.totalHits <= exactTotal, "\(text)")
    }
  }
  // The thresholds were reached in some rounds.
  #expect(lowerBounds > 0)
}
