/// How much input one ingest run saw and what became of it.
///
/// Invariant: `recordsRead == documents + rejected + skipped`. A record is a
/// JSON line (blank lines included, counted as skipped), a CSV row after the
/// header, or a text/Markdown file. Problems with a whole file (unreadable,
/// undecodable, abandoned) count in `rejectedFiles`; binary files, symlinks
/// not followed and unsupported file types count in `skippedFiles` when found
/// in a folder, in `rejectedFiles` when named among the paths.
public struct IngestCounts: Hashable, Sendable, Codable {
  /// Files handed to a reader, one per physical file, including those that could not be opened, were rejected,
  /// or were passed over as binary (those also count in `skippedFiles`, or in `rejectedFiles` when named).
  public var files: Int
  /// Files given up as a whole, each with a `rejected` issue: not openable or readable, undecodable, too large to
  /// hold, a bad CSV header, or abandoned after too many errors (records read before stay counted); also each
  /// folder that cannot be listed and each folder entry that cannot be examined; and a file named among the
  /// paths that holds no documents (binary, not a regular file, an unsupported extension).
  public var rejectedFiles: Int
  /// Records met: JSON lines (blank ones included), CSV/TSV rows after the header, and text/Markdown files that
  /// passed the file checks; always `documents + rejected + skipped`.
  public var recordsRead: Int
  /// Records handed to `onDocument`, repeated ids included (the later record replaces the earlier, with a warning).
  public var documents: Int
  /// Records not turned into documents, each with a `rejected` issue (bad encoding or JSON, missing id, ragged
  /// CSV row, empty content, over `maxRecordBytes`...).
  public var rejected: Int
  /// Records passed over on purpose, each with a `skipped` issue: blank JSON lines and blank CSV/TSV rows.
  public var skipped: Int
  /// Files found in a folder and passed over whole, each with a `skipped` issue: binary content (also counted in
  /// `files`) and hidden names (starting with a dot), symbolic links not followed, broken, looping or leading
  /// outside the root, files that are not regular, unsupported extensions and names in `.ingestignore`; also the files
  /// of `IngestOptions.excludedFiles`, wherever met.
  public var skippedFiles: Int

  /// Counts as given, zero by default; `isBalanced` is not enforced.
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
