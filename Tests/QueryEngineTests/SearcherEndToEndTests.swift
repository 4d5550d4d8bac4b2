import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis

/// The fixture corpus in, ranked lists out.
@Suite struct SearcherEndToEndTests {
  let reader: IndexReader
  let searcher: Searcher

  init() throws {
    (reader, _) = try FixtureCorpus.index()
    searcher = Searcher(reader: reader)
  }

  private func ids(_ text: String, limit: Int = 20) throws -> [String] {
    try searcher.search(text, limit: limit).hits.map(\.id)
  }

  @Test("exact ranked lists", arguments: [
    ("噪声 OR 噪音", ["P07", "P15", "B02"]),
    ("偷排 废水", ["P04", "R02", "P09"]),
    ("\"黑臭\"", ["P05", "P04"]),
  ])
  func exactRankedList(query: String, expected: [String]) throws {
    #expect(try ids(query) == expected)
  }

  @Test func singleWordFindsEveryDocumentWithIt() throws {
    #expect(Set(try ids("臭味")) == ["P01", "R01"])
  }

  @Test func documentsMatchingMoreWordsRankFirst() throws {
    let result = try searcher.search("赫山区 养猪场 臭味", limit: 20)
    let first = try #require(result.hits.first)
    #expect(first.id == "P01")
    #expect(first.matchedClauses == result.hits.map(\.matchedClauses).max())
    let counts = result.hits.map(\.matchedClauses)
    #expect(counts == counts.sorted(by: >), "coordination orders the list")
    #expect(result.totalHits > 3, "documents with only some words still come back")
  }

  @Test func requiredAndExcludedWords() throws {
    #expect(try ids("+金源 -整改") == ["P04"])
    #expect(Set(try ids("金源 AND 整改")) == ["R02"])
    #expect(Set(try ids("(噪音 OR 噪声) NOT 码头")).isDisjoint(with: ["P07"]))
  }

  @Test func shortNameFindsTheFullName() throws {
    let found = Set(try ids("金源造纸"))
    #expect(found.isSuperset(of: ["P04", "R02"]))
  }

  @Test func exactPhrasesMatchWhateverTheSegmenterDid() throws {
    #expect(try ids("\"黑臭水体\"") == ["P04"])
    #expect(try ids("“龙光桥镇”").sorted() == ["P01", "P02"])
    #expect(try ids("\"水体黑臭\"").isEmpty)
  }

  @Test func everyHanSubstringOfADocumentFindsIt() throws {
    var generator = SplitMix64(seed: 20_201_115)
    for document in FixtureCorpus.documents {
      let characters = Array(document.body.unicodeScalars)
      for _ in 0..<8 {
        let length = Int(generator.next() % 5) + 2
        guard characters.count > length else { continue }
        let start = Int(generator.next() % UInt64(characters.count - length))
        let slice = characters[start..<(start + length)]
        guard slice.allSatisfy({ $0.properties.isIdeographic }) else { continue }
        let phrase = String(String.UnicodeScalarView(slice))
        let found = try ids("\"\(phrase)\"", limit: 100)
        #expect(found.contains(document.id), "phrase \(phrase) of \(document.id)")
      }
    }
  }

  @Test func fullWidthAndTraditionalQueriesFindNormalizedText() throws {
    #expect(Set(try ids("ＣＯＤ")).isSuperset(of: ["P05", "R02"]))
    #expect(try ids("環境保護").contains("P08"))
    #expect(try ids("环境保护").contains("P08"))
    #expect(try ids("pm2.5").contains("P06"))
  }

  @Test func fieldsRestrictWhereWordsMatch() throws {
    #expect(Set(try ids("title:整改")) == ["R01", "R02", "R03"])
    #expect(Set(try ids("unit:金源")) == ["P04", "R02"])
  }

  /// A quoted Chinese character finds at least what it finds unquoted (the
  /// bigram stream holds it only where it stands alone).
  @Test func aQuotedCharacterFindsItsWord() throws {
    let unquoted = Set(try ids("臭"))
    #expect(!unquoted.isEmpty)
    #expect(Set(try ids("\"臭\"")).isSuperset(of: unquoted))
  }

  /// A case number finds its document first however it is typed: in
  /// another case, in full-width characters, quoted; and excluding it
  /// excludes the document.
  @Test func aDocumentIdFindsItsDocumentInAnySpelling() throws {
    for typed in ["P04", "p04", "Ｐ０４", "\"P04\"", "“ｐ０４”"] {
      #expect(try ids(typed).first == "P04", "\(typed)")
    }
    #expect(try ids("噪声").contains("P15"))
    #expect(try !ids("噪声 -P15").contains("P15"))
    #expect(try !ids("噪声 -\"p15\"").contains("P15"))
    // As a filter: `id:` (or `_id:`), exactly that document; a field search does not look ids up.
    #expect(try ids("id:p04") == ["P04"])
    #expect(try Set(ids("_id:(P04 OR Ｐ１５)")) == ["P04", "P15"])
    #expect(try ids("噪声 id:P04").isEmpty, "the filter restricts the words beside it")
    #expect(try !ids("title:P04").contains("P04"))
  }

  /// Text with no term at all (punctuation, a lone +) is left out beside
  /// searchable words; alone it finds nothing. A stop word keeps its term of
  /// the bigram stream (where it stands alone) and still restricts.
  @Test func unsearchableWordsBesideOthersAreLeftOut() throws {
    let noise = try ids("噪声")
    #expect(!noise.isEmpty)
    for query in ["噪声 +，", "噪声 AND 。", "+， 噪声", "噪声 + "] { #expect(try ids(query) == noise, "\(query)") }
    #expect(try ids("， type:petition").isEmpty)
    let documents = [
      Document(id: "A", type: "petition", title: "投诉", body: "噪音来自A栋。"),
      Document(id: "B", type: "petition", title: "投诉", body: "噪音很大。"),
    ]
    let (reader, _) = try FixtureCorpus.index(documents)
    #expect(try Searcher(reader: reader).search("+a +噪音").hits.map(\.id) == ["A"], "a stop word alone is still a term")
  }

  /// A star standing alone is every document only with no word beside it;
  /// a group of filters restricts the words beside it, exclusions included;
  /// filters given as parameters act as if typed in the query.
  @Test func starsGroupsAndParameterFiltersActAsTyped() throws {
    #expect(try ids("噪声 * 超标") == ids("噪声 超标"))
    #expect(try ids("噪声 OR *") == ids("噪声"))
    let all = try searcher.search("*", limit: 0).totalHits
    #expect(try searcher.search("* OR -噪声", limit: 0).totalHits == all)
    #expect(try searcher.search("* -噪声 、", limit: 0).totalHits == searcher.search("* -噪声", limit: 0).totalHits)
    #expect(try Set(ids("噪声 type:(-petition)")) == Set(ids("噪声 -type:petition")))
    #expect(try Set(ids("臭味 region:(赫山区 -资阳区)")) == Set(ids("臭味 region:赫山区")))
    for text in ["噪音扰民", "金源 偷排", "\"黑臭水体\"", "+养猪场 臭味"] {
      var request = SearchRequest(query: try searcher.parser.parse(text))
      request.filters = [.type("petition")]
      let typed = try searcher.search(SearchRequest(query: try searcher.parser.parse(text + " type:petition")))
      let given = try searcher.search(request)
      #expect(given.hits.map(\.id) == typed.hits.map(\.id) && given.hits.map(\.score) == typed.hits.map(\.score), "\(text)")
      #expect(given.totalHits == typed.totalHits)
    }
  }

  @Test func filtersInTheQueryAndAsParameters() throws {
    #expect(Set(try ids("噪声 type:petition")) == ["P15"])
    #expect(Set(try ids("噪声 type:信访件")) == ["P15"], "a type's Chinese name")
    #expect(Set(try ids("噪声 type:Petition")) == ["P15"])
    let either = Set(try ids("噪声 type:petition")).union(try ids("噪声 type:briefing"))
    #expect(either.count > 1)
    #expect(Set(try ids("噪声 type:(petition OR briefing)")) == either, "a group of filters restricts the words beside it")
    #expect(Set(try ids("title:(兴旺 臭气)")) == Set(try ids("title:兴旺 OR title:臭气")))
    #expect(Set(try ids("region:南县")) == ["P06", "P07"])
    #expect(Set(try ids("整改 date:2020-12-01..2021-12-31")) == ["P03", "R01"])
    var request = SearchRequest(query: .words("整改", field: nil))
    request.filters = [.type("rectification"), .date(from: Day(iso: "2023-01-01"), to: nil)]
    #expect(try searcher.search(request).hits.map(\.id) == ["R03"])
  }

  @Test func facetsCountTheWholeResultSet() throws {
    var request = SearchRequest(query: .all)
    request.limit = 1
    request.facets = true
    let result = try searcher.search(request)
    #expect(result.totalHits == FixtureCorpus.documents.count)
    #expect(result.hits.count == 1)
    let facets = try #require(result.facets)
    #expect(facets.type.first == FacetCounts.Bucket(value: "petition", count: 15))
    #expect(facets.region.first(where: { $0.value == "资阳区" })?.count == 5)
    #expect(facets.month.first == FacetCounts.Bucket(value: "2020-06", count: 1))
    #expect(facets.month.reduce(0) { $0 + $1.count } == 20)
  }

  /// Region and category spellings the analyzer normalizes alike are one
  /// bucket, named by the most frequent spelling, across segments.
  @Test func facetsCountSpellingsThatNormalizeAlikeTogether() throws {
    let documents = [("F1", "赫山区", "大气"), ("F2", "赫山區", "大气"), ("F3", "赫山区", "大氣"), ("F4", "资阳区", "ＣＯＤ"),
                     ("F5", "資陽區", "cod"), ("F6", "赫山区", "噪声")].map { id, region, category in
      Document(id: id, type: "petition", title: "臭味扰民", region: region, category: category, body: "群众反映养猪场臭味扰民。")
    }
    let (reader, path) = try FixtureCorpus.index(documents, batch: 2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var request = SearchRequest(query: .words("臭味", field: nil))
    request.facets = true
    let facets = try #require(try Searcher(reader: reader).search(request).facets)
    // Equally frequent spellings: the smallest names the bucket (資 U+8CC7 before 资 U+8D44; c before Ｃ).
    #expect(facets.region == [FacetCounts.Bucket(value: "赫山区", count: 4), FacetCounts.Bucket(value: "資陽區", count: 2)])
    #expect(facets.category == [FacetCounts.Bucket(value: "大气", count: 3), FacetCounts.Bucket(value: "cod", count: 2),
                                FacetCounts.Bucket(value: "噪声", count: 1)])
    // A filter on a bucket's value finds the bucket's count, whichever spelling it names.
    for (filter, count) in [(Filter.category("大气"), 3), (.category("大氣"), 3), (.category("ＣＯＤ"), 2), (.region("赫山区"), 4),
                            (.region("赫山區"), 4), (.region("资阳区"), 2), (.type("Petition"), 6)] {
      var filtered = SearchRequest(query: .words("臭味", field: nil))
      filtered.filters = [filter]
      #expect(try Searcher(reader: reader).search(filtered).totalHits == count, "\(filter)")
    }
  }

  @Test func aTimeLimitAnswersWithWhatWasFound() throws {
    for text in ["臭味 噪声", "type:petition"] {  // term at a time; document at a time
      var request = SearchRequest(query: try QueryParser().parse(text))
      request.facets = true
      let full = try searcher.search(request)
      #expect(!full.timedOut)
      #expect(full.totalHits > 0)
      // Time enough: the same answer.
      request.timeLimit = .seconds(3_600)
      let generous = try searcher.search(request)
      #expect(!generous.timedOut)
      #expect(generous.hits.map(\.id) == full.hits.map(\.id))
      #expect(generous.totalHits == full.totalHits && generous.totalHitsRelation == .equalTo)
      // Past before the first window: nothing looked at, and said so.
      request.timeLimit = .nanoseconds(1)
      let cut = try searcher.search(request)
      #expect(cut.timedOut, "\(text)")
      #expect(cut.totalHitsRelation == .greaterThanOrEqualTo)
      #expect(cut.hits.count <= full.hits.count && cut.totalHits <= full.totalHits)
      #expect(cut.facets.map { $0.type.reduce(0) { $0 + $1.count } } == cut.totalHits, "facets count what was looked at")
    }
  }

  @Test func paginationWalksTheSameRanking() throws {
    let all = try searcher.search("整改 OR 噪声 OR 臭味", limit: 20).hits.map(\.id)
    var request = SearchRequest(query: try searcher.parser.parse("整改 OR 噪声 OR 臭味"))
    request.offset = 2
    request.limit = 3
    #expect(try searcher.search(request).hits.map(\.id) == Array(all[2..<5]))
    request.offset = 9_000
    request.limit = 2_000
    #expect(throws: SearchError.self) { try searcher.search(request) }
    // A page whose end does not fit in an Int is refused the same way, not
    // trapped on (the CLI passes --offset through as given).
    request.offset = .max
    request.limit = 1
    #expect(throws: SearchError.windowTooLarge(requested: .max, maximum: SearchRequest.maxWindow)) {
      try searcher.search(request)
    }
  }

  @Test func snippetHighlightsTheOriginalCharacters() throws {
    var request = SearchRequest(query: .words("ＣＯＤ", field: .body))
    request.limit = 5
    let hit = try #require(try searcher.search(request).hits.first { $0.id == "R02" })
    let snippet = try #require(hit.snippet)
    let marked = highlightedWords(snippet)
    #expect(marked.contains("ＣＯＤ"))
    let traditional = try #require(try searcher.search("环境保护").hits.first { $0.id == "P08" }?.snippet)
    let words = highlightedWords(traditional)
    #expect(words.contains("環境保護"))
  }

  /// Quoted Latin and number phrases are highlighted as the words the
  /// bigram stream keeps whole, and a number and its unit are two words
  /// (as the analyzer cuts 50mg), while a code is one (PM2.5).
  @Test func latinAndNumberPhrasesAreHighlighted() throws {
    let marked = { (query: String, id: String) throws -> [String] in
      let hit = try #require(try searcher.search(query, limit: 20).hits.first { $0.id == id }, "\(query) finds \(id)")
      return highlightedWords(try #require(hit.snippet))
    }
    #expect(try marked("\"PM2.5\"", "P06") == ["PM2.5"])
    #expect(try marked("\"COD\"", "P05") == ["COD"])
    #expect(try marked("\"COD 超标\"", "P05").contains("COD"))
    #expect(try marked("５０mg", "R02").contains("５０ｍｇ"), "number and unit, full-width in the body")
    #expect(try searcher.search("PM2", limit: 20).hits.allSatisfy { $0.id != "P06" }, "a code is one word")
  }

  /// The window never cuts a highlighted word in two, at either end.
  @Test func aSnippetNeverCutsAHighlight() throws {
    let filler = String(repeating: "该镇今年继续推进人居环境整治工作村容村貌有所改善", count: 4)  // 96 characters, no punctuation
    let body = "夜噪声" + filler + "噪声扰民" + filler  // the window of 100 characters ends inside the second 噪声
    let (reader, _) = try FixtureCorpus.index([Document(id: "N", type: "petition", title: "投诉", body: body)])
    let snippet = try #require(try Searcher(reader: reader).search("噪声").hits.first?.snippet)
    #expect(highlightedWords(snippet) == ["噪声", "噪声"], "\(snippet.text)")
  }

  @Test func theSnippetHoldsTheMostDistinctQueryWords() throws {
    // 噪声 three times near the start; 噪声 and 扬尘 together far later.
    let filler = String(repeating: "该镇今年继续推进人居环境整治工作，村容村貌有所改善。", count: 8)
    let body = "夜间噪声扰民，噪声很大，噪声持续到凌晨。" + filler + "码头作业噪声和扬尘都很严重，居民多次反映。"
    let (reader, _) = try FixtureCorpus.index([Document(id: "S", type: "petition", title: "投诉", body: body)],
                                              analyzer: Analyzer())
    let hit = try #require(try Searcher(reader: reader).search("噪声 扬尘").hits.first)
    let words = highlightedWords(try #require(hit.snippet))
    #expect(Set(words) == ["噪声", "扬尘"], "\(words)")
    // A synonym or another case of the same word is not a second query word.
    let variants = "夜间噪声扰民，噪音很大，ＣＯＤ超标，cod偏高。" + filler + "码头作业噪声和扬尘都很严重，COD也超标。"
    let (other, _) = try FixtureCorpus.index([Document(id: "V", type: "petition", title: "投诉", body: variants)],
                                             analyzer: Analyzer())
    var searcher = Searcher(reader: other)
    searcher.synonyms = try SynonymMap(text: "噪声, 噪音\n", source: "test")
    for query in ["噪声 扬尘", "COD 扬尘"] {
      let snippet = try #require(try searcher.search(query).hits.first?.snippet)
      #expect(highlightedWords(snippet).contains("扬尘"), "\(query): \(snippet.text)")
    }
    // Two typed words stay two even when one is a synonym of the other, and
    // two words side by side (one highlight) count twice.
    for (body, query, synonyms, expected) in [
      ("厂房噪声和轰鸣不断。" + filler + "噪声，噪声，噪声，噪声。", "噪声 轰鸣", "噪声 => 轰鸣\n", "噪声和轰鸣"),
      ("群众反映噪声扬尘问题。" + filler + "扬尘，扬尘，扬尘严重。", "噪声 扬尘", "", "噪声扬尘问题"),
    ] {
      let (index, _) = try FixtureCorpus.index([Document(id: "W", type: "petition", title: "投诉", body: body)],
                                               analyzer: Analyzer())
      var words = Searcher(reader: index)
      words.synonyms = try SynonymMap(text: synonyms, source: "test")
      let snippet = try #require(try words.search(query).hits.first?.snippet)
      #expect(snippet.text.contains(expected), "\(query): \(snippet.text)")
    }
    // A character normalization turns into Han (㊌ is 水) is highlighted.
    let (circled, _) = try FixtureCorpus.index([Document(id: "C", type: "petition", title: "投诉", body: "河边有黑臭㊌体。")],
                                               analyzer: Analyzer())
    let snippet = try #require(try Searcher(reader: circled).search("\"黑臭水体\"").hits.first?.snippet)
    #expect(highlightedWords(snippet) == ["黑臭㊌体"], "\(snippet.text)")
  }

  /// Without bodies (what the CLI asks, as it never prints them) the hits,
  /// their snippets and highlights are the same, read from the stored bytes;
  /// only `document.body` is empty. Full-width and Traditional bodies
  /// included.
  @Test func hitsWithoutBodiesKeepTheirSnippets() throws {
    for text in ["ＣＯＤ", "环境保护", "兴旺 养猪场 臭味", "\"黑臭水体\""] {
      var request = SearchRequest(query: try searcher.parser.parse(text))
      request.limit = 10
      let full = try searcher.search(request)
      request.bodies = false
      let bare = try searcher.search(request)
      #expect(!full.hits.isEmpty, "\(text)")
      #expect(bare.hits.map(\.id) == full.hits.map(\.id), "\(text)")
      #expect(bare.hits.map(\.snippet) == full.hits.map(\.snippet), "\(text)")
      #expect(full.hits.allSatisfy { !$0.document.body.isEmpty }, "\(text)")
      #expect(bare.hits.allSatisfy { $0.document.body.isEmpty && !$0.document.title.isEmpty }, "\(text)")
    }
  }

  /// Snippet building skips the normalization check for CJK Unified
  /// Ideographs (it only asks whether a character is Traditional): none of
  /// them changes under NFKC case folding.
  @Test func unifiedIdeographsAreLeftAloneByCaseFolding() throws {
    for value in UInt32(0x4E00)...0x9FFF {
      let scalar = try #require(Unicode.Scalar(value))
      #expect(!scalar.properties.changesWhenNFKCCaseFolded, "U+\(String(value, radix: 16, uppercase: true))")
    }
  }

  @Test func explanationAddsUpToTheScore() throws {
    var request = SearchRequest(query: try searcher.parser.parse("兴旺 养猪场 臭味"))
    request.explain = true
    for hit in try searcher.search(request).hits {
      let explanation = try #require(hit.explanation)
      #expect(abs(explanation.value - hit.score) <= 1e-9 * max(1, hit.score))
      #expect(explanation.description.contains("idf"))
    }
  }
}

/// The original characters each highlight of a snippet covers.
func highlightedWords(_ snippet: Snippet) -> [String] {
  let bytes = Array(snippet.text.utf8)
  return snippet.highlights.map { range in String(decoding: bytes[range], as: UTF8.self) }
}

/// A small seeded generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The README's library example (with the default analyzer instead of the
/// lexicon file), through the public API only.
@Test func theReadmeLibraryExampleRuns() throws {
  let path = try FixtureCorpus.temporaryDirectory() + "/my-index"
  let writer = try IndexWriter(path: path, analyzer: Analyzer())
  try writer.add(Document(id: "P-1", type: "petition", title: "养猪场臭味扰民", date: Day(iso: "2020-09-15"),
                          region: "赫山区", body: "群众反映龙光桥镇某生猪养殖场臭味很大。"))
  try writer.add(Document(id: "P-2", type: "petition", title: "码头噪音", region: "南县", body: "砂石码头夜间噪音扰民。"))
  try writer.commit()
  writer.close()
  let searcher = Searcher(reader: try IndexReader.open(path: path))
  let result = try searcher.search("臭味 OR 噪音", limit: 10)
  #expect(Set(result.hits.map(\.id)) == ["P-1", "P-2"])
  #expect(result.hits.allSatisfy { $0.snippet?.marked(open: "[", close: "]").contains("[") == true })

  var request = SearchRequest(query: try searcher.parser.parse("臭味 OR 噪音"))
  request.filters = [.region("赫山区"), .date(from: Day(iso: "2020-01-01"), to: nil)]
  request.limit = 20
  request.facets = true
  request.totalHitsThreshold = 1_000
  request.bodies = false
  let page = try searcher.search(request)
  #expect(page.totalHits == 1)
  #expect(page.totalHitsRelation == .equalTo)
  #expect(page.facets?.region.first?.value == "赫山区")
  #expect(page.hits.map(\.id) == ["P-1"])
  #expect(page.hits.first?.document.body == "")
  #expect(page.hits.first?.snippet?.text.contains("臭味") == true)
}
