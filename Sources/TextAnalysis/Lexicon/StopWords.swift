/// Words that carry no meaning for search and are not indexed.
///
/// Removed from the word stream only, leaving a position gap; the bigram
/// recall stream keeps every character. The default, `standard`, is the list
/// of `StandardStopWords` (the same as `corpus/stopwords.txt`); any list in
/// the word-list format (one entry per line, `#` comments) can replace it.
public struct StopWords: Hashable, Sendable {
  /// The normalized entries.
  public private(set) var words: Set<String>

  public init(words: Set<String>) {
    self.words = Set(words.map(WordList.normalize).filter { !$0.isEmpty })
  }

  /// Parses the contents of a stop-word file.
  ///
  /// - Throws: `WordListError` naming `source` and the line of an entry with
  ///   whitespace inside.
  public init(text: String, source: String) throws(WordListError) {
    self.words = Set(try WordList.parse(text, source: source).map(\.word))
  }

  /// Loads a stop-word file.
  public static func load(path: String) throws(WordListError) -> StopWords {
    try StopWords(text: try WordList.read(path: path), source: path)
  }

  /// The built-in list (see `StandardStopWords.text`).
  public static let standard: StopWords = {
    (try? StopWords(text: StandardStopWords.text, source: "StandardStopWords")) ?? StopWords(words: [])
  }()

  /// No stop words (every word is indexed).
  public static let none = StopWords(words: [])

  /// The canonical contents: sorted normalized entries, one per line.
  public var text: String { WordList.canonicalText(words) }

  /// FNV-1a 64 of `text` in hex; "none" for the empty list.
  public var checksum: String { words.isEmpty ? "none" : fnv1aChecksum(text) }
}
