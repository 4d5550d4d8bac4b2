import Foundation
import Ingest
import Testing

/// The sample corpus a new user indexes first: it must read cleanly and match its ground truth.
@Suite struct SampleCorpusTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func readCorpus() throws -> (IngestReport, [Document]) {
    var documents: [Document] = []
    let source = DocumentSource(paths: [repository.appendingPathComponent("corpus").path])
    let report = try IngestReport.collect(source) { document, _ in documents.append(document) }
    return (report, documents)
  }

  @Test func corpusReadsWithoutRejections() throws {
    let (report, documents) = try Self.readCorpus()
    #expect(report.issues.filter { $0.severity == .rejected }.isEmpty, "\(report.issues.filter { $0.severity == .rejected })")
    #expect(report.counts.rejected == 0)
    #expect(report.counts.documents >= 400)
    #expect(report.counts.isBalanced)
    #expect(Set(documents.map(\.id)).count == documents.count, "ids must be unique across the corpus")
    #expect(!report.issues.contains { $0.message.hasPrefix("duplicate id") })
    // Every kind is present, with dates.
    for type in ["briefing", "petition", "rectification"] {
      #expect(documents.contains { $0.type == type }, "no \(type)")
    }
    #expect(documents.filter { $0.date == nil }.isEmpty, "\(documents.filter { $0.date == nil }.map(\.id))")
  }

  @Test func legacyEncodingsAreDetected() throws {
    let (report, documents) = try Self.readCorpus()
    let decoded = report.issues.filter { $0.message.hasPrefix("decoded as") }
    #expect(decoded.contains { $0.location.file.hasSuffix("traditional-big5.jsonl") && $0.message == "decoded as Big5" })
    #expect(decoded.contains { $0.location.file.hasSuffix("petitions-2019-gb18030.jsonl") && $0.message == "decoded as GB18030" })
    #expect(decoded.contains { $0.location.file.hasSuffix("gb18030.txt") && $0.message == "decoded as GB18030" })
    let traditional = try #require(documents.first { $0.id == "T2020031202" })
    #expect(traditional.body.contains("金源紙廠"))
    #expect(traditional.body.contains("ＣＯＤ"))
    #expect(documents.contains { $0.body.contains("督察") && $0.id.hasPrefix("briefings/") })
  }

  @Test func corpusMatchesGroundTruth() throws {
    let (_, documents) = try Self.readCorpus()
    let ids = Set(documents.map(\.id))
    let url = Self.repository.appendingPathComponent("Tests/Fixtures/corpus-truth.json")
    let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    #expect(truth["documents"] as? Int == documents.count)
    let groups = truth["recurring_complaints"] as? [[String: Any]] ?? []
    #expect(groups.count >= 20)
    for group in groups {
      let petitions = group["petitions"] as? [String] ?? []
      #expect(petitions.allSatisfy(ids.contains))
      let report = try #require(documents.first { $0.id == group["rectification"] as? String })
      #expect(report.type == "rectification")
      // The report cites the petitions that came before it.
      let before = petitions.filter { !((group["petitions_after"] as? [String] ?? []).contains($0)) }
      #expect(before.allSatisfy { report.body.contains($0) })
    }
    let mentions = truth["unit_mentions"] as? [String: [String]] ?? [:]
    #expect(mentions.count >= 40)
    #expect(mentions.values.allSatisfy { $0.allSatisfy(ids.contains) })
  }
}
