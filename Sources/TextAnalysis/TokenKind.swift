/// The kind of characters a token is made of, mapped from ICU's word-break
/// rule status (as Lucene's DefaultICUTokenizerConfig does).
public enum TokenKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Han characters (UBRK_WORD_IDEO).
  case ideographic
  /// Latin or other alphabetic letters, possibly with digits (UBRK_WORD_LETTER).
  case letter
  /// Numbers, possibly with letters, dots or dashes (UBRK_WORD_NUMBER).
  case number
  /// A character bigram of the recall stream (see `Analysis.bigrams`).
  case bigram
}
