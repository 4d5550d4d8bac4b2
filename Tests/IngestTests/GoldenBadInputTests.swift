import Foundation
import Ingest
import Testing

/// The golden bad-input corpus (RELIABILITY.md R7): one file per checklist case and the expected report.
@Suite struct GoldenBadInputTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/bad-input")

  /// The options of the golden run: a 128 KiB record limit so the oversize cases stay small.
  static var options: IngestOptions {
    var options = IngestOptions()
    options.maxRecordBytes = 128 << 10
    return options
  }

  /// Reads the folder and returns the report with paths relative to it.
  static func report() throws -> (IngestReport, [String]) {
    var ids: [String] = []
    var report = try IngestReport.collect(DocumentSource(paths: [folder.path], options: options)) { document, _ in
      ids.append(document.id)
    }
    let prefix = folder.path + "/"
    report.issues = report.issues.map { issue in
      var issue = issue
      if issue.location.file.hasPrefix(prefix) { issue.location.file.removeFirst(prefix.count) }
      issue.message = issue.message.replacingOccurrences(of: prefix, with: "")
      return issue
    }
    return (report, ids)
  }

  @Test func badInputReportMatchesGolden() throws {
    let (report, _) = try Self.report()
    let expectedURL = Self.folder.appendingPathComponent("report.json")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try report.json.write(to: expectedURL, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(report.json == expected)
    // The JSON form decodes back to the same report.
    let decoded = try JSONDecoder().decode(IngestReport.self, from: Data(expected.utf8))
    #expect(decoded == report)
  }

  @Test func badInputCountsBalance() throws {
    let (report, ids) = try Self.report()
    #expect(report.counts.isBalanced)
    #expect(report.counts.documents == ids.count)
    #expect(report.counts.rejected > 0)
    // Everything good is still read: one document per good line of each case.
    for id in ["B01-1", "B01-3", "B02-1", "B04-1", "B05-2", "B06-2", "B07-2", "B08-1", "B10-1", "B10-3", "B11-1",
               "B12-2", "B17-2", "B19-4", "B20-4", "B21-3", "B22-1", "B24-2", "B27-1", "B29-2", "B31-3", "B36-1",
               "B37-1", "B37-2", "B38-3", "B39-4", "B40C-1", "2601"] {
      #expect(ids.contains(id), "missing \(id)")
    }
  }
}
