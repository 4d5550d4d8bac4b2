/// An excerpt of a document's body around the words that matched.
public struct Snippet: Hashable, Sendable {
  /// The excerpt as in the original body, except that each newline becomes one space (and bytes that are not
  /// valid UTF-8 are replaced).
  public var text: String
  /// Byte range of the excerpt in the original body.
  public var sourceRange: Range<Int>
  /// Byte ranges of matched words within `text` (ascending, not overlapping).
  public var highlights: [Range<Int>]
  /// Whether the excerpt starts after the body does.
  public var isTruncatedAtStart: Bool
  /// Whether the excerpt ends before the body does.
  public var isTruncatedAtEnd: Bool

  /// A snippet made of the given parts, as they are (nothing is checked).
  public init(text: String, sourceRange: Range<Int>, highlights: [Range<Int>], isTruncatedAtStart: Bool,
              isTruncatedAtEnd: Bool) {
    self.text = text
    self.sourceRange = sourceRange
    self.highlights = highlights
    self.isTruncatedAtStart = isTruncatedAtStart
    self.isTruncatedAtEnd = isTruncatedAtEnd
  }

  /// The excerpt cut into runs of text, each either a highlight or not,
  /// in order (no "…" marks).
  public var pieces: [(text: String, isHighlight: Bool)] {
    let bytes = Array(text.utf8)
    var result: [(text: String, isHighlight: Bool)] = []
    var cursor = 0
    for range in highlights where range.lowerBound >= cursor && range.upperBound <= bytes.count {
      if cursor < range.lowerBound {
        result.append((String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self), false))
      }
      result.append((String(decoding: bytes[range], as: UTF8.self), true))
      cursor = range.upperBound
    }
    if cursor < bytes.count { result.append((String(decoding: bytes[cursor...], as: UTF8.self), false)) }
    return result
  }

  /// The excerpt with each highlight wrapped in `open` and `close`, and "…"
  /// where it was cut.
  public func marked(open: String, close: String) -> String {
    if open.isEmpty && close.isEmpty {
      // The pieces put back together are the text (JSON output, per hit).
      return (isTruncatedAtStart ? "…" : "") + text + (isTruncatedAtEnd ? "…" : "")
    }
    return marked { open + $0 + close }
  }

  /// The excerpt with every piece passed through `plain` or `highlight`
  /// (for escaping and colouring), and "…" where it was cut.
  public func marked(plain: (String) -> String = { $0 }, highlight: (String) -> String) -> String {
    let body = pieces.map { $0.isHighlight ? highlight(plain($0.text)) : plain($0.text) }.joined()
    return (isTruncatedAtStart ? "…" : "") + body + (isTruncatedAtEnd ? "…" : "")
  }
}
