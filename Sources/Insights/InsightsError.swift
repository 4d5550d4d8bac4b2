/// A registry or hierarchy file that cannot be used, with where and why.
///
/// Messages name the file, the 1-based line and what is wrong, so a user
/// editing `corpus/units.txt` or `corpus/regions.txt` can fix the line.
public struct InsightsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file as given (or a description of the text's source).
  public var source: String
  /// The 1-based line; 0 when the problem is the whole file.
  public var line: Int
  /// What is wrong, in the user's terms.
  public var message: String

  /// An error at `line` of `source` (0 for the whole file).
  public init(source: String, line: Int, message: String) {
    self.source = source
    self.line = line
    self.message = message
  }

  public var description: String {
    line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)"
  }
}
