/// Matches documents that any child matches; the score is the sum of the
/// children that match the current document.
final class DisjunctionScorer: Scorer {
  private let children: [Scorer]
  /// The children again, called without retaining them (`ScorerReference`).
  private let references: [ScorerReference]
  private var current: UInt32 = 0
  private var started = false
  private let summary: String
  let maxScore: Double

  /// - Precondition: at least one child.
  init(_ children: [Scorer], summary: String = "sum of matching alternatives") {
    precondition(!children.isEmpty, "a disjunction needs a child")
    self.children = children
    references = children.map(ScorerReference.init)
    self.summary = summary
    maxScore = children.reduce(0) { $0 + $1.maxScore }
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    // Index loops, not `for child in ...`: iterating copies each element.
    var smallest = Scorers.exhausted
    if started {
      for index in 0..<references.count {
        let child = references[index]
        var doc = child.doc
        if doc == current { doc = child.next() }
        smallest = min(smallest, doc)
      }
    } else {
      started = true
      for index in 0..<references.count { smallest = min(smallest, references[index].next()) }
    }
    current = smallest
    return current
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    var smallest = Scorers.exhausted
    for index in 0..<references.count { smallest = min(smallest, references[index].advance(to: target)) }
    current = smallest
    return current
  }

  /// How many children match the current document.
  var matchCount: Int {
    var count = 0
    for index in 0..<references.count where references[index].doc == current { count += 1 }
    return count
  }

  func score() -> Double {
    var total = 0.0
    for index in 0..<references.count where references[index].doc == current { total += references[index].score() }
    return total
  }

  func explain() -> Explanation {
    let parts = children.filter { $0.doc == current }.map { $0.explain() }
    return Explanation(value: parts.reduce(0) { $0 + $1.value }, summary: summary, details: parts)
  }
}
