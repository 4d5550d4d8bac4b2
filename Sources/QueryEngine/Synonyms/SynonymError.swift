/// A synonym file that cannot be used, with where and why.
///
/// `line` and `column` count from 1; `column` counts characters (not bytes),
/// the way an editor shows them. A problem with the file as a whole (it
/// cannot be read, it is too large) has `line` 0 and `column` 0.
public struct SynonymError: Error, CustomStringConvertible, Equatable, Hashable, Sendable {
  /// The file path (or any name the caller gave the text).
  public var source: String
  /// The 1-based line, or 0 for the whole file.
  public var line: Int
  /// The 1-based character column, or 0 for the whole line or file.
  public var column: Int
  /// What is wrong and what was expected, in the user's terms.
  public var message: String

  /// An error at `line` and `column` of `source` (0 for the whole file or line).
  public init(source: String, line: Int, column: Int, message: String) {
    self.source = source
    self.line = line
    self.column = column
    self.message = message
  }

  /// `source:line:column: message`, the shape compilers and editors use.
  public var description: String {
    if line == 0 { return "\(source): \(message)" }
    if column == 0 { return "\(source):\(line): \(message)" }
    return "\(source):\(line):\(column): \(message)"
  }
}
