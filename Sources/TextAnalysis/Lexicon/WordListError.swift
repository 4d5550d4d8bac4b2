/// A word-list file (lexicon or stop words) that cannot be used.
///
/// The message names the source and, for a bad entry, the line:
/// `corpus/lexicon.txt:12: "pm2.5" contains characters that are not Han; the lexicon merges Chinese words only`.
public struct WordListError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file path or other name of the word list.
  public var source: String
  /// The 1-based line of the bad entry; nil when the whole source failed.
  public var line: Int?
  /// What is wrong.
  public var reason: String

  /// An error with these parts as given; `line` is nil for a problem with the whole source.
  public init(source: String, line: Int?, reason: String) {
    self.source = source
    self.line = line
    self.reason = reason
  }

  public var description: String {
    if let line { return "\(source):\(line): \(reason)" }
    return "\(source): \(reason)"
  }
}
