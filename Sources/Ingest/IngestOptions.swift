/// Settings of one ingest run.
///
/// The defaults are the safe ones: encodings detected (strict UTF-8, then
/// GB18030, then Big5), symlinks not followed, empty documents rejected, and
/// a record capped at 64 MiB.
public struct IngestOptions: Sendable {
  /// Forces the encoding of every file: "utf-8", "gb18030" (also "gbk", "gb2312"), "big5",
  /// "utf-16le", "utf-16be". `nil` detects it.
  public var encoding: String? = nil
  /// Follows symbolic links while walking, staying inside the walked root and stopping at loops.
  public var followSymlinks = false
  /// Replaces invalid UTF-8 with U+FFFD (reported as a warning) instead of rejecting the record
  /// (`--on-invalid=replace`). Applies to UTF-8 input; legacy encodings stay strict.
  public var replaceInvalid = false
  /// Gives a record without an id the id "relative/path.jsonl:LINE" (with a warning) instead of
  /// rejecting it (`--id-from=path+line`). Never a random id.
  public var idFromLocation = false
  /// Accepts documents with neither title nor body.
  public var allowEmpty = false
  /// The largest record (a JSON line, a text file) accepted, in bytes (at
  /// least 1: smaller values are raised to it). CSV/TSV rows are not capped,
  /// but a quoted field that runs past it from its row's start is rejected
  /// as a quote never closed.
  public var maxRecordBytes = 64 << 20 {
    didSet { maxRecordBytes = max(1, maxRecordBytes) }
  }
  /// After this many consecutive malformed JSON lines a file is abandoned
  /// ("looks like JSON, not JSON Lines"); at least 1.
  public var maxConsecutiveErrors = 20 {
    didSet { maxConsecutiveErrors = max(1, maxConsecutiveErrors) }
  }
  /// After this many rejected records a file is abandoned (an error budget
  /// against floods); at least 1.
  public var maxErrorsPerFile = 1000 {
    didSet { maxErrorsPerFile = max(1, maxErrorsPerFile) }
  }

  /// Files that are other inputs of the run, not documents, with the reason
  /// shown when one is met, named or inside a folder: it is skipped (the
  /// withdrawal list of `search index add --withdrawn`, kept in the delivery's folder).
  public var excludedFiles: [String: String] = [:]

  /// The safe defaults above.
  public init() {}
}
