/// An excerpt of a document's body around the words that matched.
public struct Snippet: Hashable, Sendable {
  /// The excerpt, exactly as in the original text.
  public var text: String
  /// Byte range of the excerpt in the original body.
  public var sourceRange: Range<Int>
  /// Byte ranges of matched words within `text` (ascending, not overlapping).
  public var highlights: [Range<Int>]
  /// Whether the excerpt starts after, or ends before, the body does.
  public var isTruncatedAtStart: Bool
  public var isTruncatedAtEnd: Bool

  public init(text: String, sourceRange: Range<Int>, highlights: [Range<Int>], isTruncatedAtStart: Bool,
              isTruncatedAtEnd: Bool) {
    self.text = text
    self.sourceRange = sourceRange
    self.highlights = highlights
    self.isTruncatedAtStart = isTruncatedAtStart
    self.isTruncatedAtEnd = isTruncatedAtEnd
  }

  /// The excerpt with each highlight wrapped in `open` and `close`, and "…"
  /// where it was cut.
  public func marked(open: String, close: String) -> String {
    let bytes = Array(text.utf8)
    var result = isTruncatedAtStart ? "…" : ""
    var cursor = 0
    for range in highlights where range.lowerBound >= cursor && range.upperBound <= bytes.count {
      result += String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self)
      result += open + String(decoding: bytes[range], as: UTF8.self) + close
      cursor = range.upperBound
    }
    result += String(decoding: bytes[cursor...], as: UTF8.self)
    return result + (isTruncatedAtEnd ? "…" : "")
  }
}
