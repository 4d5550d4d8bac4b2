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
  var random = RandomWords("pruning equivalence")
  var documents: [Document] = []
  for number in 0..<400 {
    let body = (0..<(Int(random.next() % 40) + 3)).map { _ in random.pick() }.joined(separator: random.next() % 3 == 0 ? "，" : "")
    let title = (0..<(Int(random.next() % 4) + 1)).map { _ in random.pick() }.joined()
    documents.append(Document(id: "R\(number)", type: number % 2 == 0 ? "petition" : "briefing", title: title,
                              region: number % 3 == 0 ? "赫山区" : "南县", body: body))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 90)
  // Document at a time, where pruning applies, on both sides.
  var exhaustive = Searcher(reader: reader)
  exhaustive.options.pruning = false
  exhaustive.options.termAtATime = false
  var pruned = Searcher(reader: reader)
  pruned.options.termAtATime = false
  let termAtATime = Searcher(reader: reader)  // pruned too, by windows
  for round in 0..<150 {
    let words = (0..<(Int(random.next() % 4) + 1)).map { _ in random.pick() }
    let text: String
    switch random.next() % 4 {
    case 0: text = words.joined(separator: " ")
    case 1: text = words.joined(separator: " OR ")
    case 2: text = "+" + words.joined(separator: " ")
    default: text = "\"" + words.joined() + "\" " + random.pick()
    }
    var request = SearchRequest(query: try pruned.parser.parse(text))
    request.limit = Int(random.next() % 12) + 1
    request.snippets = false
    request.coordination = round % 3 != 0  // a third ranked by score alone, as `similar` asks
    let expected = try exhaustive.search(request)
    let actual = try pruned.search(request)
    #expect(actual.totalHits == expected.totalHits, "\(text)")
    #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(text)")
    #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(text)")
    // Term at a time sums in another order: the same scores within rounding, page for page.
    let windows = try termAtATime.search(request)
    #expect(windows.hits.count == expected.hits.count, "\(text)")
    for (hit, reference) in zip(windows.hits, expected.hits) {
      #expect(hit.matchedClauses == reference.matchedClauses && abs(hit.score - reference.score) <= 1e-9 * max(1, reference.score),
              "\(text): \(hit.id) \(hit.score) against \(reference.id) \(reference.score), coordination \(request.coordination)")
    }
    if !request.coordination {
      #expect(zip(actual.hits, actual.hits.dropFirst()).allSatisfy { $0.score >= $1.score }, "\(text)")
    }
  }
}

/// Term-at-a-time evaluation matches the same documents with the same
/// coordination and scores (within floating-point summation order) as the
/// document-at-a-time scorers, for random documents and queries with
/// filters, required and excluded words.
@Test func termAtATimeMatchesDocumentAtATime() throws {
  var random = RandomWords("term-at-a-time equivalence")
  var documents: [Document] = []
  for number in 0..<300 {
    let body = (0..<(Int(random.next() % 30) + 3)).map { _ in random.pick() }.joined(separator: random.next() % 3 == 0 ? "，" : "")
    documents.append(Document(id: "T\(number)", type: number % 2 == 0 ? "petition" : "briefing",
                              title: (0..<(Int(random.next() % 3) + 1)).map { _ in random.pick() }.joined(),
                              date: Day(daysSinceEpoch: Int32(18_000 + number)), region: number % 3 == 0 ? "赫山区" : "南县",
                              body: body))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 70)
  var scorers = Searcher(reader: reader)
  scorers.options.termAtATime = false
  let arrays = Searcher(reader: reader)
  for _ in 0..<200 {
    let words = (0..<(Int(random.next() % 4) + 1)).map { _ in random.pick() }
    var text: String
    switch random.next() % 7 {
    case 0: text = words.joined(separator: " ")
    case 1: text = words.joined(separator: " OR ")
    case 2: text = "+" + words.joined(separator: " -")
    case 3: text = words.joined(separator: " ") + " type:petition"
    case 4: text = "+" + words.joined(separator: " +")
    case 5: text = "+" + words.joined(separator: " +") + " " + random.pick()
    default: text = "\"" + words.joined() + "\" " + random.pick() + " date:2019-06-01.."
    }
    if random.next() % 4 == 0 { text += " region:赫山区" }
    var request = SearchRequest(query: try arrays.parser.parse(text))
    request.limit = 400
    request.snippets = false
    expectSameMatches(try arrays.search(request), try scorers.search(request), text)
  }
}

/// Expects term-at-a-time results (`actual`) to hold the same documents as
/// the document-at-a-time scorers' (`expected`), with the same total,
/// coordination and scores (within floating-point summation order).
private func expectSameMatches(_ actual: SearchResult, _ expected: SearchResult, _ text: String) {
  #expect(actual.totalHits == expected.totalHits, "\(text)")
  let expectedScores = Dictionary(uniqueKeysWithValues: expected.hits.map { ($0.id, ($0.matchedClauses, $0.score)) })
  let differing = Set(actual.hits.map(\.id)).symmetricDifference(expectedScores.keys)
  #expect(differing.isEmpty, "\(text): \(differing.count) documents differ, such as \(differing.sorted().prefix(3))")
  for hit in actual.hits {
    guard let (coordination, score) = expectedScores[hit.id] else { continue }
    #expect(hit.matchedClauses == coordination, "\(text) \(hit.id)")
    #expect(abs(hit.score - score) <= 1e-9 * max(1, score), "\(text) \(hit.id)")
  }
}

/// Conjunctions over lists of many blocks in one segment, with a required
/// word whose documents come in clusters: the other words' lists are
/// walked through each window for the clustered candidates, and their
/// blocks between clusters are passed over without being decoded. Term at
/// a time must still match the document-at-a-time scorers exactly.
@Test func conjunctionsOverManyBlocksMatchDocumentAtATime() throws {
  var random = RandomWords("many-block conjunction", vocabulary: RandomWords.vocabulary.prefix(17).filter { $0 != "资阳区" })
  var documents: [Document] = []
  for number in 0..<5000 {
    var words = (0..<(Int(random.next() % 12) + 2)).map { _ in random.pick() }
    // 尾矿库 only in documents 0–249, 1000–1249, ...: whole blocks of the
    // other words' lists hold none of its documents.
    if number % 1000 < 250 { words.insert("尾矿库", at: Int(random.next() % UInt64(words.count))) }
    // 渗滤液 in one document of 150: few candidates per window, so the
    // other required clauses are looked up per candidate, not walked.
    if number % 150 == 7 { words.append("渗滤液") }
    documents.append(Document(id: "M\(number)", type: "petition", title: random.pick() + random.pick(), region: "南县",
                              body: words.joined(separator: "，")))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 5000)
  #expect(reader.segments.count == 1)
  var scorers = Searcher(reader: reader)
  scorers.options.termAtATime = false
  let arrays = Searcher(reader: reader)
  for _ in 0..<40 {
    let others = (0..<(Int(random.next() % 2) + 1)).map { _ in random.pick() }
    let text = random.next() % 4 == 0 ? "+" + others.joined(separator: " +") + " +" + random.pick()
      : "+尾矿库 +" + others.joined(separator: " +")
    var request = SearchRequest(query: try arrays.parser.parse(text))
    request.limit = 2000
    request.snippets = false
    expectSameMatches(try arrays.search(request), try scorers.search(request), text)
  }
  // Every word at once: more lists than the MaxScore partition sorts in
  // place; pruned and exhaustive term-at-a-time pages are identical.
  var exhaustive = Searcher(reader: reader)
  exhaustive.options.pruning = false
  // Pruned conjunctions (candidates dropped by their bound before and while
  // the other required clauses are checked) keep the exhaustive page.
  for round in 0..<60 {
    let words = (round % 2 == 0 ? ["渗滤液"] : []) + (0..<(Int(random.next() % 3) + 1)).map { _ in random.pick() }
    let text = "+" + words.joined(separator: " +") + (random.next() % 3 == 0 ? " " + random.pick() : "")
    var request = SearchRequest(query: try arrays.parser.parse(text))
    request.limit = Int(random.next() % (round % 2 == 0 ? 4 : 20)) + 1
    request.snippets = false
    request.totalHitsThreshold = 0
    let expected = try exhaustive.search(request)
    let actual = try arrays.search(request)
    #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(text) limit \(request.limit)")
    #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(text)")
    #expect(actual.hits.map(\.matchedClauses) == expected.hits.map(\.matchedClauses), "\(text)")
  }
  for round in 0..<4 {
    var words = random.vocabulary + ["尾矿库"]
    for index in words.indices.reversed() { words.swapAt(index, Int(random.next() % UInt64(index + 1))) }
    var request = SearchRequest(query: try arrays.parser.parse(words.joined(separator: " OR ")))
    request.limit = 10 + round
    request.snippets = false
    let expected = try exhaustive.search(request)
    let actual = try arrays.search(request)
    #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(words)")
    #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(words)")
  }
}

/// Counting totals only up to a threshold (Elasticsearch's
/// track_total_hits) lets term-at-a-time evaluation skip documents, but
/// never changes the hits: for random documents and queries (optional,
/// required, excluded words, OR, phrases alone and with a word, filters), the page, its scores
/// and coordination are identical to exact counting, and the total is
/// either exact ("eq") or the threshold, at most the exact total ("gte";
/// with a threshold of 0, the number of hits kept).
@Test func totalHitsThresholdKeepsTheExactTopHits() throws {
  var random = RandomWords("total threshold equivalence")
  var documents: [Document] = []
  for number in 0..<500 {
    let body = (0..<(Int(random.next() % 40) + 3)).map { _ in random.pick() }.joined(separator: random.next() % 3 == 0 ? "，" : "")
    documents.append(Document(id: "G\(number)", type: number % 2 == 0 ? "petition" : "briefing",
                              title: (0..<(Int(random.next() % 4) + 1)).map { _ in random.pick() }.joined(),
                              date: Day(daysSinceEpoch: Int32(18_000 + number)), region: number % 3 == 0 ? "赫山区" : "南县",
                              body: body))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 80)
  let searcher = Searcher(reader: reader)
  var lowerBounds = 0
  for _ in 0..<250 {
    let words = (0..<(Int(random.next() % 4) + 1)).map { _ in random.pick() }
    var text: String
    switch random.next() % 7 {
    case 0: text = words.joined(separator: " ")
    case 1: text = words.joined(separator: " OR ")
    case 2: text = "+" + words.joined(separator: " +")
    case 3: text = "+" + words.joined(separator: " -")
    case 4: text = words.joined(separator: " ") + " type:petition"
    case 5: text = "\"" + words.prefix(2).joined() + "\""
    default: text = "\"" + words.prefix(2).joined() + "\" " + random.pick()
    }
    if random.next() % 5 == 0 { text += " date:2019-06-01.." }
    var exact = SearchRequest(query: try searcher.parser.parse(text))
    exact.limit = Int(random.next() % 12) + 1
    exact.snippets = false
    exact.exactTotal = true
    var counted = exact
    counted.totalHitsThreshold = Int(random.next() % 60)
    let expected = try searcher.search(exact)
    let actual = try searcher.search(counted)
    #expect(expected.totalHitsRelation == .equalTo)
    #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(text) threshold \(counted.totalHitsThreshold)")
    #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(text)")
    #expect(actual.hits.map(\.matchedClauses) == expected.hits.map(\.matchedClauses), "\(text)")
    switch actual.totalHitsRelation {
    case .equalTo:
      #expect(actual.totalHits == expected.totalHits, "\(text)")
    case .greaterThanOrEqualTo:
      lowerBounds += 1
      // The threshold itself; with nothing to count, the hits kept.
      let bound = counted.totalHitsThreshold > 0 ? counted.totalHitsThreshold : actual.hits.count
      #expect(actual.totalHits == bound && actual.totalHits <= expected.totalHits, "\(text)")
    }
  }
  #expect(lowerBounds > 20, "skipping happened in \(lowerBounds) of 250 searches")
}

/// Facets count the whole result set, so they keep the total exact.
@Test func facetsKeepTheTotalExact() throws {
  // Twenty short documents about noise in the title, then long ones that
  // mention it once: once ten hits are kept, the rest cannot reach them.
  let documents = (0..<200).map { number in
    number < 20
      ? Document(id: "F\(number)", type: "petition", title: "噪声", region: "赫山区", body: "噪声")
      : Document(id: "F\(number)", type: "petition", title: "来信", region: "赫山区",
                 body: String(repeating: "夜间噪声扰民，居民反映强烈。河道垃圾堆放，污水直排。", count: 4))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 50)
  let searcher = Searcher(reader: reader)
  var request = SearchRequest(query: try searcher.parser.parse("噪声"))
  request.totalHitsThreshold = 10
  request.snippets = false
  let counted = try searcher.search(request)
  #expect(counted.totalHitsRelation == .greaterThanOrEqualTo)
  #expect(counted.totalHits == 10)
  request.facets = true
  let faceted = try searcher.search(request)
  #expect(faceted.totalHitsRelation == .equalTo)
  #expect(faceted.totalHits == 200)
  #expect(faceted.hits.map(\.id) == counted.hits.map(\.id))
}

/// A frequent word's document frequency in the dictionary shows that the
/// counting threshold is reached before a posting is read, so skipping starts
/// at once; deleted documents are taken off that bound, never counted as
/// matches: with 40 documents about noise of which 35 are replaced by
/// documents without it, the bound is 5. Likewise for words required
/// together.
@Test func dictionaryBoundsNeverCountDeletedDocuments() throws {
  let path = try FixtureCorpus.temporaryDirectory() + "/index"
  let writer = try IndexWriter(path: path, analyzer: Analyzer())
  for number in 0..<40 {
    _ = try writer.add(Document(id: "N\(number)", type: "petition", title: "来信", region: "赫山区",
                                body: "夜间噪声扰民，居民反映强烈。"))
  }
  try writer.commit()
  for number in 0..<35 {
    _ = try writer.add(Document(id: "N\(number)", type: "petition", title: "来信", region: "赫山区",
                                body: "河道垃圾堆放，污水直排。"))
  }
  try writer.commit()
  writer.close()
  let searcher = Searcher(reader: try IndexReader.open(path: path))
  var request = SearchRequest(query: try searcher.parser.parse("噪声"))
  request.snippets = false
  request.totalHitsThreshold = 6
  let counted = try searcher.search(request)
  #expect(counted.totalHitsRelation == .equalTo)
  #expect(counted.totalHits == 5)
  #expect(counted.hits.map(\.id).sorted() == ["N35", "N36", "N37", "N38", "N39"])
  request.totalHitsThreshold = 5
  let bounded = try searcher.search(request)
  #expect(bounded.totalHitsRelation == .greaterThanOrEqualTo)
  #expect(bounded.totalHits == 5)
  #expect(bounded.hits.map(\.id) == counted.hits.map(\.id))
  // Two required words: in the first segment each is in all 40 documents,
  // so both are in at least 40 + 40 − 40 of them, less the 35 deleted; in
  // the second, neither is. A bound that left out the documents one word
  // lacks (80 − 35) would claim 6.
  request.query = try searcher.parser.parse("+噪声 +居民")
  request.totalHitsThreshold = 6
  let together = try searcher.search(request)
  #expect(together.totalHitsRelation == .equalTo)
  #expect(together.totalHits == 5)
  request.totalHitsThreshold = 5
  let togetherBounded = try searcher.search(request)
  #expect(togetherBounded.totalHitsRelation == .greaterThanOrEqualTo)
  #expect(togetherBounded.totalHits == 5)
  #expect(togetherBounded.hits.map(\.id) == together.hits.map(\.id))
  // Excluding a word or filtering makes the bound unknown: counted exactly.
  request.query = try searcher.parser.parse("噪声 -垃圾 type:petition")
  request.totalHitsThreshold = 5
  let filtered = try searcher.search(request)
  #expect(filtered.totalHitsRelation == .equalTo)
  #expect(filtered.totalHits == 5)
}

/// Blocks that cannot compete are passed over without being decoded (block
/// impacts): 3,000 documents about noise, of which a few dozen, spread over
/// the list, say it often in a short body, so that once they are kept most
/// blocks of 128 fall below them. The hits and scores equal exhaustive
/// counting's, for pages of 1 to 40.
@Test func blocksBelowTheLastKeptHitArePassedOverWithoutChangingTheHits() throws {
  let documents = (0..<3000).map { number in
    let strong = number % 97 == 0
    let body = strong
      ? String(repeating: "噪声", count: 3 + number % 5)
      : "夜间噪声扰民，" + String(repeating: "居民反映强烈。河道垃圾堆放，", count: 1 + number % 9)
    return Document(id: "B\(number)", type: "petition", title: strong ? "噪声" : "来信", region: "赫山区", body: body)
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 1500)
  let searcher = Searcher(reader: reader)
  for limit in [1, 5, 10, 40] {
    for text in ["噪声", "body:噪声", "噪声 OR 河道"] {
      var exact = SearchRequest(query: try searcher.parser.parse(text))
      exact.limit = limit
      exact.snippets = false
      exact.exactTotal = true
      var pruned = exact
      pruned.totalHitsThreshold = 0
      let expected = try searcher.search(exact)
      let actual = try searcher.search(pruned)
      #expect(actual.hits.map(\.id) == expected.hits.map(\.id), "\(text) limit \(limit)")
      #expect(actual.hits.map(\.score) == expected.hits.map(\.score), "\(text) limit \(limit)")
      #expect(actual.totalHitsRelation == .greaterThanOrEqualTo)
    }
  }
}

/// Ordered by date (`SearchRequest.order`), a page holds exactly the
/// matches of the whole ranked list sorted by date, newest or oldest first,
/// equal dates in their relevance order and undated documents last, on one
/// thread or several with small slices, for random documents and queries.
@Test func aDateOrderSortsEveryMatchByDateThenRelevance() throws {
  var random = RandomWords("date order")
  var documents: [Document] = []
  for number in 0..<300 {
    let body = (0..<(Int(random.next() % 30) + 3)).map { _ in random.pick() }.joined()
    // Few distinct dates, so that many ties fall back on relevance; a tenth undated.
    let date = random.next() % 10 == 0 ? nil : Day(daysSinceEpoch: Int32(18_000 + Int(random.next() % 40)))
    documents.append(Document(id: "S\(number)", type: number % 2 == 0 ? "petition" : "briefing",
                              title: (0..<(Int(random.next() % 3) + 1)).map { _ in random.pick() }.joined(), date: date,
                              region: number % 3 == 0 ? "赫山区" : "南县", body: body))
  }
  let (reader, _) = try FixtureCorpus.index(documents, batch: 70)
  let dates = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.date?.daysSinceEpoch) })
  var one = Searcher(reader: reader)
  one.threads = 1
  var spread = Searcher(reader: reader)
  spread.threads = 3
  spread.minimumSliceDocuments = 16
  for round in 0..<80 {
    let words = (0..<(Int(random.next() % 3) + 1)).map { _ in random.pick() }
    let text = round % 4 == 0 ? "+" + words.joined(separator: " +") : words.joined(separator: " ")
    var all = SearchRequest(query: try one.parser.parse(text))
    all.limit = SearchRequest.maxWindow
    all.exactTotal = true
    all.snippets = false
    let ranked = try one.search(all).hits
    for order in [HitOrder.newest, .oldest] {
      // The whole ranked list, sorted by date (undated last), relevance order kept among equal dates.
      let key = { (id: String) -> Int64 in
        guard let day = dates[id] ?? nil else { return .min }
        return order == .newest ? Int64(day) : -Int64(day)
      }
      let expected = ranked.enumerated().sorted { a, b in
        key(a.element.id) != key(b.element.id) ? key(a.element.id) > key(b.element.id) : a.offset < b.offset
      }.map(\.element)
      var request = SearchRequest(query: all.query)
      request.order = order
      request.offset = Int(random.next() % 5)
      request.limit = Int(random.next() % 15) + 1
      request.snippets = false
      // Half counting nothing, where a ranking by relevance would skip documents at once.
      if round % 2 == 1 { request.totalHitsThreshold = 0 }
      let page = Array(expected.dropFirst(request.offset).prefix(request.limit))
      for searcher in [one, spread] {
        let result = try searcher.search(request)
        let what = "\(text), \(order), offset \(request.offset), \(searcher.threads) threads"
        #expect(result.hits.map(\.id) == page.map(\.id), "\(what)")
        #expect(zip(result.hits, page).allSatisfy { $0.score == $1.score && $0.matchedClauses == $1.matchedClauses },
                "\(what)")
        if round % 2 == 0 { #expect(result.totalHits == ranked.count, "\(what)") }
      }
    }
  }
}

/// The seeded generator of a random test and the words its documents and
/// queries are made of; the seed is printed, `SEED=` replays it.
struct RandomWords {
  static let vocabulary = ["养猪场", "臭味", "噪声", "废水", "偷排", "扬尘", "整改", "督察", "赫山区", "资阳区", "码头", "砂石",
                           "夜间", "居民", "反映", "污水", "河道", "黑臭", "垃圾", "填埋场", "COD", "超标", "企业", "调查"]
  var random: SplitMix64
  let vocabulary: [String]

  init(_ label: String, vocabulary: [String] = RandomWords.vocabulary) {
    let seed = ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
    print("\(label) seed: \(seed) (rerun with SEED=\(seed))")
    random = SplitMix64(seed: seed)
    self.vocabulary = vocabulary
  }

  mutating func next() -> UInt64 { random.next() }

  mutating func pick() -> String { vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
}
