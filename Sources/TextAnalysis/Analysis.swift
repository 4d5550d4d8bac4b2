/// The result of analyzing one text: two token streams over the same input.
public struct Analysis: Hashable, Sendable {
  /// Word tokens: ICU words merged by the lexicon, stop words removed
  /// (leaving position gaps). Ranked search uses these.
  public var words: [Token]
  /// The recall stream: every run of Han characters cut into overlapping
  /// character bigrams (a run of one character gives that character), and
  /// every Latin or number word kept whole, at consecutive positions. An exact
  /// phrase of two or more Chinese characters that occurs in a text is always
  /// a consecutive sequence of this stream, whatever the segmenter did.
  public var bigrams: [Token]

  /// Pairs two token streams as given; nothing is checked (`Analyzer.analyze` makes matching ones).
  public init(words: [Token], bigrams: [Token]) {
    self.words = words
    self.bigrams = bigrams
  }
}

extension Analysis {
  /// Whether a query text analyzed so has something to search for: a word,
  /// or a bigram-stream term of two characters or more. Not punctuation, a
  /// `+` standing alone or stop words (的 and 了 alone are only single
  /// characters of the bigram stream, which holds them only where they
  /// stand alone; 虽然 is a stop word but a bigram).
  public var hasSearchableTerms: Bool {
    !words.isEmpty || bigrams.contains { $0.text.unicodeScalars.count >= 2 }
  }
}
