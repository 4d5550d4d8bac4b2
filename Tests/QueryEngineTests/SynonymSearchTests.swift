import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis

/// Query-time synonym expansion over real documents: one form of a word
/// finds documents written with another, the user's own word ranks first,
/// phrases expand member by member, and the switch turns it all off.
@Suite struct SynonymSearchTests {
  static let examples: [(String, String)] = [
    ("噪音", "噪声"), ("臭味", "异味"), ("恶臭", "气味难闻"), ("偷排", "直排"), ("灰尘", "扬尘"), ("黑水", "废水"),
    ("养猪场", "生猪养殖场"), ("渣土车", "运输车辆"), ("COD", "化学需氧量"), ("NH3-N", "氨氮"), ("SO2", "二氧化硫"),
    ("PM2.5", "细颗粒物"), ("VOCs", "挥发性有机物"),
  ]

  @Test func oneFormFindsDocumentsWrittenWithAnother() throws {
    let (searcher, folder) = try RelevanceFixtures.searcher(synonyms: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var plain = searcher
    plain.options.expandSynonyms = false
    var documents: [Document] = []
    try searcher.reader.forEachDocument { documents.append($0) }
    var checked = 0
    for (typed, other) in Self.examples {
      let normalizedTyped = typed.lowercased()
      // Documents that use the other form and never the typed one.
      let onlyOther = Set(documents.filter {
        let text = ($0.title + " " + $0.body).lowercased()
        return text.contains(other.lowercased()) && !text.contains(normalizedTyped)
      }.map(\.id))
      guard !onlyOther.isEmpty else { continue }
      checked += 1
      var request = SearchRequest(query: .words(typed, field: nil))
      request.limit = 500
      request.snippets = false
      let expanded = Set(try searcher.search(request).hits.map(\.id))
      let literal = Set(try plain.search(request).hits.map(\.id))
      #expect(!expanded.isDisjoint(with: onlyOther), "\(typed) finds documents that only say \(other)")
      #expect(literal.isDisjoint(with: onlyOther), "\(typed) without synonyms finds none of them")
    }
    #expect(checked >= 8, "the sample corpus exercises most example pairs")
  }

  @Test func theUsersOwnWordRanksAboveItsSynonym() throws {
    let documents = [
      Document(id: "A", type: "petition", title: "夜间噪音扰民", body: "工地夜间施工噪音很大，影响休息。"),
      Document(id: "B", type: "petition", title: "夜间噪声扰民", body: "工地夜间施工噪声很大，影响休息。"),
    ]
    let (reader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer())
    var searcher = Searcher(reader: reader)
    searcher.synonyms = try SynonymMap(text: "噪音, 噪声\n", source: "test")
    #expect(try searcher.search("噪音").hits.map(\.id) == ["A", "B"])
    #expect(try searcher.search("噪声").hits.map(\.id) == ["B", "A"])
    var request = SearchRequest(query: .words("噪音", field: nil))
    request.explain = true
    let synonymHit = try #require(try searcher.search(request).hits.first { $0.id == "B" })
    #expect(synonymHit.explanation?.description.contains("synonym 噪声 of 噪音") == true)
  }

  @Test func aLongRareSynonymScoresBelowTheTypedWordInTheSamePlace() throws {
    // 生猪养殖场 is matched as a phrase of four bigrams, each as rare as 养猪场:
    // by its own idf it would outscore the word the user typed.
    let documents = [
      Document(id: "A", type: "petition", title: "养猪场粪污问题", body: "村里的养猪场粪污直排，臭味很大。"),
      Document(id: "B", type: "petition", title: "生猪养殖场粪污问题", body: "村里的生猪养殖场粪污直排，臭味很大。"),
      Document(id: "C", type: "petition", title: "码头扬尘", body: "砂石码头扬尘很大。"),
    ]
    let (reader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer())
    var searcher = Searcher(reader: reader)
    searcher.synonyms = try SynonymMap(text: "养猪场, 生猪养殖场\n", source: "test")
    let hits = try searcher.search("养猪场").hits
    #expect(hits.map(\.id) == ["A", "B"])
    #expect(hits.count == 2 && hits[1].score < hits[0].score * 0.75, "\(hits.map(\.score))")
    var request = SearchRequest(query: .words("养猪场", field: nil))
    request.explain = true
    let synonymHit = try #require(try searcher.search(request).hits.first { $0.id == "B" })
    #expect(synonymHit.explanation?.description.contains("idf of the typed text in this field, below the synonym's own") == true)
    // Typed, the long word keeps its own idf.
    #expect(try searcher.search("生猪养殖场").hits.map(\.id) == ["B", "A"])
  }

  @Test func phrasesExpandMemberByMember() throws {
    let documents = [
      Document(id: "A", type: "petition", title: "投诉", body: "反映夜间噪声扰民，要求处理。"),
      Document(id: "B", type: "petition", title: "投诉", body: "反映噪声问题，夜间也有。"),
    ]
    let (reader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer())
    var searcher = Searcher(reader: reader)
    searcher.synonyms = try SynonymMap(text: "噪音, 噪声\n", source: "test")
    #expect(try searcher.search("\"夜间噪音\"").hits.map(\.id) == ["A"])
    searcher.options.expandSynonyms = false
    #expect(try searcher.search("\"夜间噪音\"").hits.isEmpty)
  }

  /// A place counts once: a phrase's member-by-member variant that is also
  /// a synonym of the whole phrase, a Traditional spelling of a member, and
  /// a member holding a shorter one (a unit's full name beside its alias)
  /// are not scored again, so the text the user typed ranks first.
  @Test func anExpansionIsScoredOncePerPlace() throws {
    let documents = [
      Document(id: "A", type: "petition", title: "某KTV噪音扰民", body: "夜间噪音扰民。"),
      Document(id: "B", type: "petition", title: "工地噪声扰民", body: "夜间施工噪声扰民。"),
      Document(id: "C", type: "petition", title: "关于金源纸厂污水问题的信访件", body: "金源纸厂排污。"),
      Document(id: "D", type: "petition", title: "关于益阳市金源造纸有限公司污水问题的信访件", body: "益阳市金源造纸有限公司排污。"),
    ]
    // With 扰民 a word, 噪音扰民 is read as its words plus the chunk's phrase (the sample corpus's lexicon does so).
    let (reader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer(lexicon: try Lexicon(text: "扰民\n", source: "test")))
    var searcher = Searcher(reader: reader)
    searcher.synonyms = try SynonymMap(text: """
      噪音, 噪声
      噪声扰民, 噪音扰民
      金源纸厂, 金源造纸, 益阳市金源造纸有限公司, 益陽市金源造紙有限公司, 金源紙廠

      """, source: "test")
    var request = SearchRequest(query: try searcher.parser.parse("噪音扰民"))
    request.explain = true
    let noise = try searcher.search(request).hits
    #expect(noise.map(\.id) == ["A", "B"])
    let variant = try #require(noise.last?.explanation?.description)
    #expect(variant.components(separatedBy: "phrase \"噪声 声扰 扰民\" in title").count == 2, "once:\n\(variant)")
    // Without the lexicon the chunk stays one (its other words are single characters): the same order.
    let (plainReader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer())
    var plain = Searcher(reader: plainReader)
    plain.synonyms = searcher.synonyms
    #expect(try plain.search("噪音扰民").hits.map(\.id) == ["A", "B"])

    request.query = try searcher.parser.parse("\"金源纸厂\"")
    let unit = try searcher.search(request).hits
    #expect(unit.map(\.id) == ["C", "D"], "\(unit.map(\.score))")
    let alias = try #require(unit.last?.explanation?.description)
    #expect(alias.contains("synonym phrase 金源造纸"))
    #expect(!alias.contains("synonym phrase 益阳市金源造纸有限公司") && !alias.contains("synonym phrase 益陽市"), "\(alias)")
    #expect(!alias.contains("synonym phrase 金源紙廠"), "the typed phrase itself")
  }

  /// Containment is judged against the expansions kept: one left out (as
  /// broader than a quoted phrase) does not take a longer one with it; a
  /// quoted phrase's variants are all phrases, so a longer variant holding a
  /// one-word variant is left out; and an unquoted word keeps its broader
  /// synonyms.
  @Test func containmentIsJudgedAgainstTheExpansionsKept() throws {
    let documents = [
      Document(id: "A", type: "petition", title: "通报", body: "开展黑臭水体污染防治。"),
      Document(id: "B", type: "petition", title: "投诉", body: "池塘水发黑。"),
      Document(id: "C", type: "petition", title: "投诉", body: "河水发黑。"),
    ]
    let analyzer = Analyzer(lexicon: try Lexicon(text: "黑臭水体\n", source: "test"))
    let (reader, _) = try FixtureCorpus.index(documents, analyzer: analyzer)
    var searcher = Searcher(reader: reader)
    searcher.synonyms = try SynonymMap(text: """
      水体污染问题, 水体污染, 黑臭水体污染防治
      河水发黑, 水发黑
      水体黑臭, 黑臭水体, 黑臭水体污染防治

      """, source: "test")
    #expect(try searcher.search("\"水体污染问题\"").hits.map(\.id) == ["A"], "水体污染 left out does not take the longer one")
    #expect(Set(try searcher.search("河水发黑").hits.map(\.id)) == ["B", "C"], "unquoted: the broader synonym too")
    #expect(try searcher.search("\"河水发黑\"").hits.map(\.id) == ["C"], "quoted: not widened")
    var request = SearchRequest(query: try searcher.parser.parse("\"水体黑臭\""))
    request.explain = true
    let explanation = try #require(try searcher.search(request).hits.first { $0.id == "A" }?.explanation?.description)
    #expect(explanation.contains("synonym phrase 黑臭水体") && !explanation.contains("synonym phrase 黑臭水体污染防治"),
            "\(explanation)")
  }

  /// A synonym the typed phrase holds is broader than it: not expanded to.
  @Test func aPhraseIsNotWidenedToASynonymItHolds() throws {
    let documents = [
      Document(id: "A", type: "petition", title: "复核", body: "经核查，反映问题属实。"),
      Document(id: "B", type: "petition", title: "复核", body: "经核查，反映问题不属实。"),
      Document(id: "C", type: "petition", title: "复核", body: "经核查，情况属实。"),
    ]
    let (reader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer())
    var searcher = Searcher(reader: reader)
    searcher.synonyms = try SynonymMap(text: "属实, 情况属实, 问题属实\n", source: "test")
    #expect(Set(try searcher.search("\"问题属实\"").hits.map(\.id)) == ["A", "C"])
    // Quoted beside the same text unquoted (which is spread into its words and its phrase), still quoted.
    #expect(Set(try searcher.search("+\"问题属实\" 问题属实").hits.map(\.id)) == ["A", "C"])
  }
}

/// An exclusion is literal: its exact characters, no synonyms, and a stop
/// word inside it still counts.
@Test func exclusionsAreLiteral() throws {
  let documents = [
    Document(id: "A", type: "petition", title: "噪声", body: "夜间噪声扰民，该问题已整改。"),
    Document(id: "B", type: "petition", title: "噪声", body: "夜间噪声扰民，正在整改。"),
    Document(id: "C", type: "petition", title: "噪声", body: "夜间噪声扰民，该问题已整治。"),
  ]
  let (reader, _) = try FixtureCorpus.index(documents, analyzer: Analyzer())
  var searcher = Searcher(reader: reader)
  searcher.synonyms = try SynonymMap(text: "整改, 整治\n", source: "test")
  #expect(Set(try searcher.search("噪声 -已整改").hits.map(\.id)) == ["B", "C"])
  #expect(Set(try searcher.search("噪声 AND NOT 整改").hits.map(\.id)) == ["C"])
  // Quoted, the same: its own characters, not its synonym's.
  #expect(Set(try searcher.search("噪声 -\"整改\"").hits.map(\.id)) == ["C"])
  #expect(Set(try searcher.search("噪声 AND NOT “整治”").hits.map(\.id)) == ["A", "B"])
}
