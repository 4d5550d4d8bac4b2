/// Matches the documents of a segment that satisfy a predicate, with score 0
/// (filters restrict, they do not rank).
final class FilterScorer: Scorer {
  private let maxDoc: UInt32
  private let accepts: (UInt32) -> Bool
  private let summary: String
  private var current: UInt32 = 0
  private var started = false

  init(maxDoc: UInt32, summary: String, accepts: @escaping (UInt32) -> Bool) {
    self.maxDoc = maxDoc
    self.summary = summary
    self.accepts = accepts
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if !started {
      started = true
      return settle(from: 0)
    }
    if current == Scorers.exhausted { return current }
    return settle(from: current + 1)
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    return settle(from: target)
  }

  private func settle(from start: UInt32) -> UInt32 {
    var candidate = start
    while candidate < maxDoc, !accepts(candidate) { candidate += 1 }
    current = candidate < maxDoc ? candidate : Scorers.exhausted
    return current
  }

  func score() -> Double { 0 }

  var maxScore: Double { 0 }

  func explain() -> Explanation { Explanation(value: 0, summary: summary) }
}
