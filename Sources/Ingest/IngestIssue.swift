/// One problem found while reading input: what is wrong, where, and what was done about it.
///
/// `rejected` means a record (or a whole file) was not turned into a document;
/// `skipped` means input was deliberately passed over (a blank line, a binary
/// file, a symlink); `warning` means the document was kept but something was
/// repaired or is worth knowing (a stripped BOM, a lone surrogate replaced,
/// the encoding that was detected).
public struct IngestIssue: Hashable, Sendable, Codable, CustomStringConvertible {
  /// How the input concerned was treated; the raw value is the word printed and written to reports.
  public enum Severity: String, Sendable, Codable {
    /// `rejected`: a record, or a file or its rest, was refused (counted in `rejected` or `rejectedFiles`);
    /// `skipped`: input passed over on purpose (counted in `skipped` or `skippedFiles`); `warning`: nothing
    /// was refused but something is worth knowing (not counted).
    case rejected, skipped, warning
  }

  /// How the input concerned was treated.
  public var severity: Severity
  /// Where the record starts or the offending byte sits; line 0 for a whole file.
  public var location: SourceLocation
  /// Names what is wrong, e.g. "invalid UTF-8 at byte 57 (0xFF)".
  public var message: String

  /// An issue with these parts as given; making one changes no count.
  public init(severity: Severity, location: SourceLocation, message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// "petitions.jsonl:1043 (byte 57): rejected: invalid UTF-8 at byte 57 (0xFF)".
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
