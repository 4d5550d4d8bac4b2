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
