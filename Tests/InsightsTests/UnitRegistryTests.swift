import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis
import Insights

@Suite struct UnitRegistryTests {
  @Test func aliasesResolveBothWays() throws {
    let units = try SampleCorpus.units()
    #expect(units.units.count >= 40)
    #expect(units.resolve("金源纸厂")?.name == "益阳市金源造纸有限公司")
    #expect(units.resolve("金源那个纸厂")?.name == "益阳市金源造纸有限公司")
    #expect(units.resolve("興旺豬場")?.name == "赫山区兴旺生猪养殖场")
    let full = try #require(units.resolve("益阳市金源造纸有限公司"))
    #expect(full.aliases.contains("金源纸厂"))
    #expect(full.region == "资阳区" && full.kind == "造纸企业")
    #expect(units.resolve("不存在的厂") == nil)
    #expect(units.mentions(in: "网络留言：老刘家猪场又在偷排，琼湖化工也有异味").map(\.name)
            == ["赫山区兴旺生猪养殖场", "沅江市琼湖化工有限公司"])
  }

  @Test func malformedLinesNameTheLine() {
    #expect(throws: InsightsError.self) { try UnitRegistry(text: "# c\n甲厂 | 甲 | 区 | 厂 | 多余\n", source: "u.txt") }
    do {
      _ = try UnitRegistry(text: "甲厂 | 甲\n\n甲厂 | 乙\n", source: "u.txt")
      Issue.record("a repeated unit must be rejected")
    } catch let error as InsightsError {
      #expect(error.line == 3)
      #expect(error.description.hasPrefix("u.txt:3:"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func queryExpansionFindsTheFullNameFromAShortNameAndBack() throws {
    let directory = try SampleCorpus.temporaryDirectory()
    let analyzer = Analyzer(lexicon: try Lexicon.load(path: SampleCorpus.corpus + "/lexicon.txt"))
    let writer = try IndexWriter(path: directory + "/index", analyzer: analyzer)
    _ = try writer.add(Document(id: "FULL", type: "petition", title: "偷排", body: "益阳市金源造纸有限公司夜间偷排废水。"))
    _ = try writer.add(Document(id: "NICK", type: "petition", title: "排污", body: "金源纸厂又在排污。"))
    _ = try writer.add(Document(id: "OTHER", type: "petition", title: "噪声", body: "工地夜间施工噪声扰民。"))
    _ = try writer.commit()
    writer.close()
    let plain = Searcher(reader: try IndexReader.open(path: directory + "/index"))
    let searcher = try Workbench(searcher: plain, unitsPath: SampleCorpus.corpus + "/units.txt",
                                 regionsPath: SampleCorpus.corpus + "/regions.txt").searcher
    func score(_ searcher: Searcher, _ query: String, _ id: String) throws -> Double {
      try searcher.search(query, limit: 10).hits.first { $0.id == id }?.score ?? 0
    }
    // A short name finds the full name, and the full name finds a nickname.
    #expect(try score(searcher, "金源纸厂", "FULL") > score(plain, "金源纸厂", "FULL"))
    #expect(try score(searcher, "益阳市金源造纸有限公司", "NICK") > score(plain, "益阳市金源造纸有限公司", "NICK"))
    #expect(try !searcher.search("金源纸厂", limit: 10).hits.contains { $0.id == "OTHER" })

    let sample = try SampleCorpus.searcher()
    let fullForm = sample.reader.analyzer.tokens("益阳市金源造纸有限公司").map(\.text).joined()
    let shortForm = sample.reader.analyzer.tokens("金源纸厂").map(\.text).joined()
    #expect(sample.synonyms.expansions(of: fullForm).contains(shortForm))
    #expect(sample.synonyms.expansions(of: shortForm).contains(fullForm))
    #expect(!sample.synonyms.expansions(of: "噪声").isEmpty, "the synonym file's groups are kept")
  }

  @Test func timelineHoldsEveryDocumentAboutTheUnitLinkedByCaseNumbers() throws {
    let truth = try SampleCorpus.truth()
    let builder = UnitTimelineBuilder(units: try SampleCorpus.units())
    let searcher = try SampleCorpus.searcher()
    let timeline = try #require(try builder.timeline(for: "金源纸厂", in: searcher))
    #expect(timeline.unit.name == "益阳市金源造纸有限公司")
    let expected = Set(truth.unit_mentions["益阳市金源造纸有限公司"] ?? [])
    let ids = Set(timeline.entries.map(\.id))
    let idsByBase = Set(ids.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
    let expectedByBase = Set(expected.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
    #expect(idsByBase == expectedByBase, "missing \(expectedByBase.subtracting(idsByBase)), extra \(idsByBase.subtracting(expectedByBase))")
    let report = try #require(timeline.entries.first { $0.id == "ZG-2018-430902-001" })
    #expect(Set(report.cites) == ["D430902201801190011", "D430902201804190011", "D430902201806190011"])
    let petition = try #require(timeline.entries.first { $0.id == "D430902201801190011" })
    #expect(petition.citedBy.contains("ZG-2018-430902-001"))
    #expect(timeline.byType.first?.type == "petition")
    #expect(timeline.byType.contains { $0.type == "rectification" })
    let dates = timeline.entries.compactMap(\.date)
    #expect(dates == dates.sorted())
    // Citers are listed oldest first, as the timeline is.
    let position = Dictionary(uniqueKeysWithValues: timeline.entries.enumerated().map { ($1.id, $0) })
    for entry in timeline.entries {
      let order = entry.citedBy.compactMap { position[$0] }
      #expect(order == order.sorted(), "\(entry.id) cited by \(entry.citedBy)")
    }
    #expect(timeline.entries.contains { $0.citedBy.count > 1 }, "a document cited twice, to check the order on")
  }

  @Test func everyRegisteredPolluterHasItsMentions() throws {
    let truth = try SampleCorpus.truth()
    let builder = UnitTimelineBuilder(units: try SampleCorpus.units())
    let searcher = try SampleCorpus.searcher()
    for name in ["赫山区兴旺生猪养殖场", "南县洞庭砂石码头", "沅江市琼湖化工有限公司"] {
      let timeline = try #require(try builder.timeline(for: name, in: searcher))
      let ids = Set(timeline.entries.map { $0.id.split(separator: "/").last.map(String.init) ?? $0.id })
      let expected = Set((truth.unit_mentions[name] ?? []).map { $0.split(separator: "/").last.map(String.init) ?? $0 })
      #expect(ids == expected, "\(name): missing \(expected.subtracting(ids)), extra \(ids.subtracting(expected))")
    }
  }
}
