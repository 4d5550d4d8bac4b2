/// How much input one ingest run saw and what became of it.
///
/// Invariant: `recordsRead == documents + rejected + skipped`. A record is a
/// JSON line (blank lines included, counted as skipped), a CSV row after the
/// header, or a text/Markdown file. Problems with a whole file (unreadable,
/// undecodable, abandoned) count in `rejectedFiles`; binary files, symlinks
/// not followed and unsupported file types count in `skippedFiles`.
public struct IngestCounts: Hashable, Sendable, Codable {
  /// Files opened and read (including those later rejected).
  public var files: Int
  public var rejectedFiles: Int
  public var recordsRead: Int
  public var documents: Int
  public var rejected: Int
  public var skipped: Int
  public var skippedFiles: Int

  public init(files: Int = 0, rejectedFiles: Int = 0, recordsRead: Int = 0, documents: Int = 0, rejected: Int = 0,
              skipped: Int = 0, skippedFiles: Int = 0) {
    self.files = files
    self.rejectedFiles = rejectedFiles
    self.recordsRead = recordsRead
    self.documents = documents
    self.rejected = rejected
    self.skipped = skipped
    self.skippedFiles = skippedFiles
  }

  /// Whether `recordsRead == documents + rejected + skipped`.
  public var isBalanced: Bool { recordsRead == documents + rejected + skipped }
}
