/// Words that carry no meaning for search and are not indexed.
public struct StopWords: Hashable, Sendable {
  public var words: Set<String>
  public init(words: Set<String>) { self.words = words }
  public static let standard = StopWords(words: ["的", "了", "和", "与", "及", "或", "在", "是"])
  public var checksum: String { String(words.count) }
}
