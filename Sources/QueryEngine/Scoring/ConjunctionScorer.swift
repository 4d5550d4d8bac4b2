/// Matches documents that every child matches; the score is their sum.
final class ConjunctionScorer: Scorer {
  private let children: [Scorer]
  /// The children again, called without retaining them.
  private let references: [ScorerReference]
  private var current: UInt32 = 0
  private var started = false
  let maxScore: Double

  /// - Precondition: at least one child.
  init(_ children: [Scorer]) {
    precondition(!children.isEmpty, "a conjunction needs a child")
    self.children = children
    references = children.map(ScorerReference.init)
    maxScore = children.reduce(0) { $0 + $1.maxScore }
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    started = true
    return settle(from: references[0].next())
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    return settle(from: references[0].advance(to: target))
  }

  /// Leapfrog: every child advances to the largest doc seen until all agree.
  private func settle(from candidate: UInt32) -> UInt32 {
    var target = candidate
    var agreed = 1
    let count = references.count
    var index = 1 % count
    while target != Scorers.exhausted, agreed < count {
      let found = references[index].advance(to: target)
      if found == target {
        agreed += 1
      } else {
        target = found
        agreed = 1
      }
      index = (index + 1) % count
    }
    current = target
    return current
  }

  func score() -> Double {
    var total = 0.0
    for index in 0..<references.count { total += references[index].score() }
    return total
  }

  func explain() -> Explanation {
    let parts = children.map { $0.explain() }
    return Explanation(value: parts.reduce(0) { $0 + $1.value }, summary: "sum of required parts", details: parts)
  }
}
