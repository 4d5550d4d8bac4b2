/// How a score was computed: a value, what it is, and the parts it sums or
/// multiplies, for `search --explain`.
public struct Explanation: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The node's value; the root's is the hit's score (up to rounding).
  public var value: Double
  /// What the value is, on one line ("sum of matching clauses", "boost", "idf = …").
  public var summary: String
  /// The parts the value sums or multiplies; empty for a leaf.
  public var details: [Explanation]

  /// A node with `value`, its one-line `summary` and the parts it is made of.
  public init(value: Double, summary: String, details: [Explanation] = []) {
    self.value = value
    self.summary = summary
    self.details = details
  }

  /// An indented tree, one line per node.
  public var description: String { lines(indent: 0).joined(separator: "\n") }

  private func lines(indent: Int) -> [String] {
    let head = String(repeating: "  ", count: indent) + String(format: "%.4f", value) + "  " + summary
    return [head] + details.flatMap { $0.lines(indent: indent + 1) }
  }
}
