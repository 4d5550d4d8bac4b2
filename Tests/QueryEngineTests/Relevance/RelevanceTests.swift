// The judged relevance set (Tests/Fixtures/relevance): nDCG@10 and
// recall@100 per query kind over the sample corpus must stay at or above the
// recorded floors, with synonym expansion on and off.
import Foundation
import Testing
import QueryEngine

struct RelevanceTests {
  /// The kinds the set must cover, in report order.
  static let kinds = ["full_name", "short_name", "synonym", "location_problem", "phrase", "case_number",
                      "traditional", "mixed"]

  @Test func judgmentSetCoversEveryKindWithAtLeastSixtyQueries() throws {
    let judgments = try RelevanceJudgment.loadAll()
    #expect(judgments.count >= 60)
    for kind in Self.kinds {
      #expect(judgments.filter { $0.kind == kind }.count >= 5, "kind \(kind)")
    }
    #expect(Set(judgments.map(\.kind)).isSubset(of: Set(Self.kinds)))
    #expect(Set(judgments.map(\.query)).count == judgments.count, "queries are unique")
    for judgment in judgments {
      #expect(judgment.relevant.values.allSatisfy { $0 == 1 || $0 == 2 }, "grades of \(judgment.query)")
    }
  }

  @Test(arguments: [true, false])
  func qualityStaysAboveTheFloors(synonyms: Bool) throws {
    let judgments = try RelevanceJudgment.loadAll()
    let floors = try RelevanceFloors.load(setting: synonyms ? "synonyms_on" : "synonyms_off")
    let (searcher, folder) = try RelevanceFixtures.searcher(synonyms: synonyms)
    defer { try? FileManager.default.removeItem(at: folder) }

    // Every judged document is a document of the index (a renamed corpus file
    // must not silently turn judgments into misses).
    let everything = try searcher.search("-没有这个词的文档", limit: 1_000)
    let ids = Set(everything.hits.map(\.id))
    #expect(ids.count == 497)
    for judgment in judgments {
      let unknown = judgment.relevant.keys.filter { !ids.contains($0) }
      #expect(unknown.isEmpty, "\(judgment.query): judged ids not in the index: \(unknown.sorted())")
    }

    var perKind: [String: [(ndcg: Double, recall: Double)]] = [:]
    for judgment in judgments {
      let ranked = try searcher.search(judgment.query, limit: 100).hits.map(\.id)
      let figures = (ndcg: RelevanceMetrics.ndcg(ranked: ranked, relevant: judgment.relevant),
                     recall: RelevanceMetrics.recall(ranked: ranked, relevant: judgment.relevant))
      perKind[judgment.kind, default: []].append(figures)
      perKind["all", default: []].append(figures)
    }
    var report = "relevance, synonyms \(synonyms ? "on" : "off"):"
    for kind in Self.kinds + ["all"] {
      let figures = perKind[kind] ?? []
      let ndcg = figures.map(\.ndcg).reduce(0, +) / Double(max(figures.count, 1))
      let recall = figures.map(\.recall).reduce(0, +) / Double(max(figures.count, 1))
      report += "\n  \(kind): nDCG@10 \(String(format: "%.3f", ndcg)), recall@100 \(String(format: "%.3f", recall))"
      let floor = try #require(floors[kind], "no floor for kind \(kind)")
      #expect(ndcg >= floor.ndcg, "\(kind): nDCG@10 \(ndcg) fell below the floor \(floor.ndcg)")
      #expect(recall >= floor.recall, "\(kind): recall@100 \(recall) fell below the floor \(floor.recall)")
    }
    print(report)
  }
}
