/// Domain words that merge ICU's fragments into known terms.
///
/// ICU's dictionary splits many words of the served region and domain
/// (益阳市 → 益/阳/市, 黑臭水体 → 黑/臭/水体); each lexicon word is kept
/// whole where the text allows it (see `LexiconMerger` for the rule). A
/// lexicon is a plain UTF-8 file, one word per line, `#` comments (see
/// `corpus/lexicon.txt` and docs/ANALYZER.md); adding a word never needs
/// code. Entries are Han words of 2 to `maxWordLength` characters, stored
/// normalized (Traditional entries become Simplified). `Lexicon()` is empty:
/// the analyzer then keeps ICU's words.
public struct Lexicon: Hashable, Sendable {
  /// The longest accepted entry, in characters.
  public static let maxWordLength = 20

  /// The normalized entries.
  public private(set) var words: Set<String>
  let trie: LexiconTrie

  /// A lexicon of already valid words (normalized here; entries that are not
  /// Han words of 2 to `maxWordLength` characters are skipped).
  public init(words: Set<String> = []) {
    var accepted: Set<String> = []
    for word in words {
      let normalized = WordList.normalize(word)
      if Lexicon.problem(with: normalized) == nil { accepted.insert(normalized) }
    }
    self.words = accepted
    self.trie = LexiconTrie(words: accepted)
  }

  /// Parses the contents of a lexicon file.
  ///
  /// - Throws: `WordListError` naming `source` and the line of the first
  ///   entry that has whitespace inside, is empty after normalization,
  ///   has characters other than Han, or fewer than 2 or more than
  ///   `maxWordLength` characters.
  public init(text: String, source: String) throws(WordListError) {
    var accepted: Set<String> = []
    for entry in try WordList.parse(text, source: source) {
      if let problem = Lexicon.problem(with: entry.word) {
        throw WordListError(source: source, line: entry.line, reason: "\"\(entry.word)\" \(problem)")
      }
      accepted.insert(entry.word)
    }
    self.words = accepted
    self.trie = LexiconTrie(words: accepted)
  }

  /// Loads a lexicon file.
  ///
  /// - Throws: `WordListError` when the file cannot be read, is not UTF-8,
  ///   or has a bad entry.
  public static func load(path: String) throws(WordListError) -> Lexicon {
    try Lexicon(text: try WordList.read(path: path), source: path)
  }

  /// The canonical contents: sorted normalized entries, one per line. An
  /// index stores it; `Lexicon(text:source:)` rebuilds the same lexicon.
  public var text: String { WordList.canonicalText(words) }

  /// FNV-1a 64 of `text` in hex; "none" for the empty lexicon.
  public var checksum: String { words.isEmpty ? "none" : fnv1aChecksum(text) }

  public static func == (lhs: Lexicon, rhs: Lexicon) -> Bool { lhs.words == rhs.words }
  public func hash(into hasher: inout Hasher) { hasher.combine(words) }

  /// Why a normalized entry cannot be a lexicon word, or nil.
  static func problem(with word: String) -> String? {
    let scalars = word.unicodeScalars
    if scalars.contains(where: { !isHan($0) }) {
      return "contains characters that are not Han; the lexicon merges Chinese words only"
    }
    if scalars.count < 2 { return "has one character; a lexicon word has at least 2" }
    if scalars.count > maxWordLength { return "has more than \(maxWordLength) characters" }
    return nil
  }

  static func isHan(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF, 0x3007: return true
    default: return false
    }
  }
}
