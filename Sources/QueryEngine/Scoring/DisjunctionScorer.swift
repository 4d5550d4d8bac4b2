/// Matches documents that any child matches; the score is the sum of the
/// children that match the current document.
final class DisjunctionScorer: Scorer {
  private let children: [Scorer]
  private var current: UInt32 = 0
  private var started = false
  private let summary: String
  let maxScore: Double

  /// - Precondition: at least one child.
  init(_ children: [Scorer], summary: String = "sum of matching alternatives") {
    precondition(!children.isEmpty, "a disjunction needs a child")
    self.children = children
    self.summary = summary
    maxScore = children.reduce(0) { $0 + $1.maxScore }
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    // Index loops, not `for child in children`: iterating copies (and
    // retains) each child, which was a third of all query time.
    var smallest = Scorers.exhausted
    if !started {
      started = true
      for index in 0..<children.count { smallest = min(smallest, children[index].next()) }
    } else {
      for index in 0..<children.count {
        var doc = children[index].doc
        if doc == current { doc = children[index].next() }
        smallest = min(smallest, doc)
      }
    }
    current = smallest
    return current
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    var smallest = Scorers.exhausted
    for index in 0..<children.count { smallest = min(smallest, children[index].advance(to: target)) }
    current = smallest
    return current
  }

  /// How many children match the current document.
  var matchCount: Int {
    var count = 0
    for index in 0..<children.count where children[index].doc == current { count += 1 }
    return count
  }

  func score() -> Double {
    var total = 0.0
    for index in 0..<children.count where children[index].doc == current { total += children[index].score() }
    return total
  }

  func explain() -> Explanation {
    let parts = children.filter { $0.doc == current }.map { $0.explain() }
    return Explanation(value: parts.reduce(0) { $0 + $1.value }, summary: summary, details: parts)
  }
}
