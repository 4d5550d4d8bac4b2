// Temporary stand-in until the synonyms branch lands.
public struct SynonymMap: Sendable, Hashable {
  public static let empty = SynonymMap()
  public init() {}
  public func expansions(of term: String) -> [String] { [] }
  public var groupCount: Int { 0 }
}
