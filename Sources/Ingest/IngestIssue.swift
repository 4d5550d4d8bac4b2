/// One problem found while reading input: what is wrong, where, and what was done about it.
///
/// `rejected` means a record (or a whole file) was not turned into a document;
/// `skipped` means input was deliberately passed over (a blank line, a binary
/// file, a symlink); `warning` means the document was kept but something was
/// repaired or is worth knowing (a stripped BOM, a lone surrogate replaced,
/// the encoding that was detected).
public struct IngestIssue: Hashable, Sendable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Codable {
    case rejected, skipped, warning
  }

  public var severity: Severity
  public var location: SourceLocation
  /// Names what is wrong, e.g. "invalid UTF-8 at byte 57 (0xFF)".
  public var message: String

  public init(severity: Severity, location: SourceLocation, message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// "petitions.jsonl:1043 (byte 57): rejected: invalid UTF-8 at byte 57 (0xFF)".
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
