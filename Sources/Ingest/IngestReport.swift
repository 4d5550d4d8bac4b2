/// The counts and every issue of an ingest run, as written by `--report FILE`.
///
/// The JSON form has sorted keys and a stable order (issues in the order they
/// were found, files in walk order), so two reports can be compared byte for
/// byte. It is also `Codable`, for clients that decode it with Foundation.
public struct IngestReport: Codable, Hashable, Sendable {
  /// The run's counts, as `DocumentSource.read` returned them.
  public var counts: IngestCounts
  /// Every issue in the order reported: those found while walking first, then each file's, in walk order.
  public var issues: [IngestIssue]

  /// A report of these parts as given; the counts and issues are not checked against each other.
  public init(counts: IngestCounts, issues: [IngestIssue]) {
    self.counts = counts
    self.issues = issues
  }

  /// Reads a source completely and collects the report, handing documents to `onDocument`.
  public static func collect(
    _ source: DocumentSource, onDocument: (Document, SourceLocation) throws -> Void = { _, _ in }
  ) throws -> IngestReport {
    var issues: [IngestIssue] = []
    let counts = try source.read(onDocument: onDocument, onIssue: { issues.append($0) })
    return IngestReport(counts: counts, issues: issues)
  }

  /// Pretty-printed JSON with sorted keys, one issue per line, ending in a newline.
  public var json: String {
    let c = counts
    var out = "{\n  \"counts\": {"
    let fields: [(String, Int)] = [
      ("documents", c.documents), ("files", c.files), ("recordsRead", c.recordsRead), ("rejected", c.rejected),
      ("rejectedFiles", c.rejectedFiles), ("skipped", c.skipped), ("skippedFiles", c.skippedFiles),
    ]
    out += fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
    out += "},\n  \"issues\": ["
    for (index, issue) in issues.enumerated() {
      out += index == 0 ? "\n    " : ",\n    "
      out += "{\"location\": {\"byteOffset\": \(issue.location.byteOffset), \"file\": \(issue.location.file.jsonQuoted), "
      out += "\"line\": \(issue.location.line)}, \"message\": \(issue.message.jsonQuoted), "
      out += "\"severity\": \(issue.severity.rawValue.jsonQuoted)}"
    }
    out += issues.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return out
  }
}
