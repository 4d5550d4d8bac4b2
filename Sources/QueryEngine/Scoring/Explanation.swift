/// How a score was computed: a value, what it is, and the parts it sums or
/// multiplies, for `search --explain`.
public struct Explanation: Hashable, Sendable, Codable, CustomStringConvertible {
  public var value: Double
  public var summary: String
  public var details: [Explanation]

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
