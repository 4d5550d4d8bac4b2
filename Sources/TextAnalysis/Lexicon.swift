/// Domain words that merge ICU's fragments into known terms.
///
/// Placeholder shape; the full lexicon (file format, merging) lands with the
/// Foundation issue.
public struct Lexicon: Hashable, Sendable {
  public var words: Set<String>
  public init(words: Set<String> = []) { self.words = words }
  public var checksum: String { words.isEmpty ? "none" : String(words.sorted().joined(separator: "\n").hashValue, radix: 16) }
}
