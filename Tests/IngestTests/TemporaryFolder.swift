import Foundation
import Ingest

/// A temporary folder on disk for one test, removed when the value is released.
final class TemporaryFolder {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `bytes` to `name` (subfolders are created) and returns the full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
}

/// Everything one read produced.
struct ReadResult {
  var counts: IngestCounts
  var documents: [Document]
  var locations: [SourceLocation]
  var issues: [IngestIssue]

  var rejected: [IngestIssue] { issues.filter { $0.severity == .rejected } }
  var warnings: [IngestIssue] { issues.filter { $0.severity == .warning } }

  func document(_ id: String) -> Document? { documents.first { $0.id == id } }
}

func readAll(_ paths: [String], options: IngestOptions = IngestOptions()) throws -> ReadResult {
  var result = ReadResult(counts: IngestCounts(), documents: [], locations: [], issues: [])
  result.counts = try DocumentSource(paths: paths, options: options).read(
    onDocument: { document, location in
      result.documents.append(document)
      result.locations.append(location)
    },
    onIssue: { result.issues.append($0) })
  return result
}
