/// One term of analyzed text, with where it came from.
///
/// A token's `text` is the normalized term that gets indexed and looked up.
/// Its `utf8Range` always points into the ORIGINAL text handed to the
/// analyzer (before normalization), so a snippet can highlight exactly the
/// characters the user wrote, full-width and Traditional forms included.
public struct Token: Hashable, Sendable {
  /// The normalized term (NFKC, case-folded, Simplified Chinese).
  public var text: String
  /// Zero-based position in the token stream. Removed stop words leave a
  /// gap, so phrase matching sees the same distances at index and query time.
  public var position: Int
  /// Byte range of the token's characters in the original UTF-8 text.
  public var utf8Range: Range<Int>
  /// What kind of characters the token is made of.
  public var kind: TokenKind

  /// A token with these parts as given; nothing is checked against any text.
  public init(text: String, position: Int, utf8Range: Range<Int>, kind: TokenKind) {
    self.text = text
    self.position = position
    self.utf8Range = utf8Range
    self.kind = kind
  }
}
