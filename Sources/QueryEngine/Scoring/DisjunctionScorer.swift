/// Matches documents that any child matches; the score is the sum of the
/// children that match the current document.
final class DisjunctionScorer: Scorer {
  private let children: [Scorer]
  private var current: UInt32 = 0
  private var started = false
  private let summary: String

  /// - Precondition: at least one child.
  init(_ children: [Scorer], summary: String = "sum of matching alternatives") {
    precondition(!children.isEmpty, "a disjunction needs a child")
    self.children = children
    self.summary = summary
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    if !started {
      started = true
      for child in children { _ = child.next() }
    } else {
      for child in children where child.doc == current { _ = child.next() }
    }
    current = children.reduce(Scorers.exhausted) { min($0, $1.doc) }
    return current
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    var smallest = Scorers.exhausted
    for child in children { smallest = min(smallest, child.advance(to: target)) }
    current = smallest
    return current
  }

  /// How many children match the current document.
  var matchCount: Int { children.reduce(0) { $0 + ($1.doc == current ? 1 : 0) } }

  func score() -> Double {
    var total = 0.0
    for child in children where child.doc == current { total += child.score() }
    return total
  }

  func explain() -> Explanation {
    let parts = children.filter { $0.doc == current }.map { $0.explain() }
    return Explanation(value: parts.reduce(0) { $0 + $1.value }, summary: summary, details: parts)
  }
}
