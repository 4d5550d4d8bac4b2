/// The state of one `DocumentSource.read` call: counts, callbacks and the ids seen so far.
///
/// Every reader reports through it, so the count invariant
/// `recordsRead == documents + rejected + skipped` is kept in one place.
final class IngestRun {
  let options: IngestOptions
  var counts = IngestCounts()
  private let onDocument: (Document, SourceLocation) throws -> Void
  private let onIssue: (IngestIssue) -> Void
  /// First location of every id, packed as file index << 32 | line, for duplicate warnings.
  private var seenIDs: [ExactID: Int] = [:]
  private var fileNames: [String] = []
  /// Rejected records in the current file, for the error budget.
  private(set) var fileRejections = 0

  init(options: IngestOptions, onDocument: @escaping (Document, SourceLocation) throws -> Void,
       onIssue: @escaping (IngestIssue) -> Void) {
    self.options = options
    self.onDocument = onDocument
    self.onIssue = onIssue
  }

  func beginFile(_ display: String) {
    fileNames.append(display)
    fileRejections = 0
    counts.files += 1
  }

  func issue(_ severity: IngestIssue.Severity, _ location: SourceLocation, _ message: String) {
    onIssue(IngestIssue(severity: severity, location: location, message: message))
  }

  /// A good record: checks for emptiness and duplicate ids, then hands it on.
  func document(_ document: Document, at location: SourceLocation) throws {
    counts.recordsRead += 1
    if !options.allowEmpty, document.title.allSatisfy(\.isWhitespace), document.body.allSatisfy(\.isWhitespace) {
      counts.rejected += 1
      fileRejections += 1
      issue(.rejected, location, "empty content (no title and an empty body), id \"\(document.id)\"")
      return
    }
    let packed = (fileNames.count - 1) << 32 | (location.line & 0xFFFF_FFFF)
    let key = ExactID(document.id)
    if let first = seenIDs[key] {
      let file = fileNames[first >> 32]
      let line = first & 0xFFFF_FFFF
      issue(.warning, location, "duplicate id \"\(document.id)\" (also at \(file):\(line)); the later record replaces the earlier")
    }
    seenIDs[key] = packed
    counts.documents += 1
    try onDocument(document, location)
  }

  func reject(_ location: SourceLocation, _ message: String) {
    counts.recordsRead += 1
    counts.rejected += 1
    fileRejections += 1
    issue(.rejected, location, message)
  }

  func skip(_ location: SourceLocation, _ message: String) {
    counts.recordsRead += 1
    counts.skipped += 1
    issue(.skipped, location, message)
  }

  func rejectFile(_ location: SourceLocation, _ message: String) {
    counts.rejectedFiles += 1
    issue(.rejected, location, message)
  }

  func skipFile(_ location: SourceLocation, _ message: String) {
    counts.skippedFiles += 1
    issue(.skipped, location, message)
  }
}
