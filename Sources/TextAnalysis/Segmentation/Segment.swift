/// A word found in normalized text: a UTF-16 span and its kind.
struct Segment: Hashable {
  var start: Int
  var end: Int
  var kind: TokenKind

  /// The token kind for an ICU word rule status (Lucene's
  /// DefaultICUTokenizerConfig maps the same ranges); nil for spaces and
  /// punctuation (`UBRK_WORD_NONE`, below 100).
  static func kind(ruleStatus: Int32) -> TokenKind? {
    switch ruleStatus {
    case ..<100: return nil
    case 100..<200: return .number
    case 400..<500: return .ideographic
    default: return .letter  // letters (200–299) and kana (300–399)
    }
  }
}
