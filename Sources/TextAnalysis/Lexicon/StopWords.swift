/// Words that carry no meaning for search and are not indexed.
///
/// Removed from the word stream only, leaving a position gap; the bigram
/// recall stream keeps every character. The default, `standard`, is the list
/// of `StandardStopWords` (the same as `corpus/stopwords.txt`); any list in
/// the word-list format (one entry per line, `#` comments) can replace it.
public struct StopWords: Hashable, Sendable {
  /// The normalized entries.
  public private(set) var words: Set<String>
  /// The entries of at most 4 UTF-16 units packed into integers (see
  /// `PackedUnits.key`): Swift's `String` hashing normalizes to NFC, which made the
  /// stop-word check one of the analyzer's larger costs.
  private let shortKeys: IntegerHashTable
  /// Whether some entry is longer than 4 UTF-16 units.
  private let hasLongWords: Bool

  /// A list of `words`, each normalized like analyzed text; entries empty after normalization are dropped.
  /// Nothing else is checked: unlike `init(text:source:)`, an entry with whitespace is kept, not refused.
  public init(words: Set<String>) {
    self.init(normalized: Set(words.map(WordList.normalize).filter { !$0.isEmpty }))
  }

  private init(normalized words: Set<String>) {
    self.words = words
    var keys: [UInt64: Int32] = [:]
    for word in words {
      let units = Array(word.utf16)
      if let key = units.withUnsafeBufferPointer({ PackedUnits.key($0, 0..<units.count) }) { keys[key] = 1 }
    }
    self.shortKeys = IntegerHashTable(keys)
    self.hasLongWords = words.contains { $0.utf16.count > 4 }
  }

  /// Whether the normalized span `range` of `units` (rendered as `text` on
  /// demand) is a stop word.
  @inline(__always)
  func contains(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, text: () -> String) -> Bool {
    if let key = PackedUnits.key(units, range) { return shortKeys.value(for: key) != nil }
    return hasLongWords && words.contains(text())
  }

  public static func == (lhs: StopWords, rhs: StopWords) -> Bool { lhs.words == rhs.words }
  public func hash(into hasher: inout Hasher) { hasher.combine(words) }

  /// Parses the contents of a stop-word file.
  ///
  /// - Throws: `WordListError` naming `source` and the line of an entry with
  ///   whitespace inside or one that is empty after normalization (only
  ///   zero-width or control characters).
  public init(text: String, source: String) throws(WordListError) {
    self.init(normalized: Set(try WordList.parse(text, source: source).map(\.word)))
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
