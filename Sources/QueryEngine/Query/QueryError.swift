/// A query that cannot be run, with where and why.
///
/// `column` counts characters (not bytes) from 1, so a terminal can put a
/// caret under the offending character.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, in the user's terms.
  public var message: String
  /// The 1-based character column where the problem starts.
  public var column: Int
  /// The query text, for rendering with a caret.
  public var query: String

  /// An error with `message` at the 1-based character `column` of `query`.
  public init(_ message: String, column: Int, query: String) {
    self.message = message
    self.column = column
    self.query = query
  }

  public var description: String { "query error at column \(column): \(message)" }

  /// The query on one line and a caret under the column on the next.
  public var caretDiagram: String {
    let prefix = query.prefix(max(0, column - 1))
    // Wide (CJK) characters take two terminal cells.
    let width = prefix.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    return query + "\n" + String(repeating: " ", count: width) + "^"
  }
}

private func isWide(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.value {
  case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
       0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
    return true
  default:
    return false
  }
}
