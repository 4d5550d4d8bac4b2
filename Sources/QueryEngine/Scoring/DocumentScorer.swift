/// Matches one document of a segment with a fixed score: a query word that
/// is a document's id (a case number such as D430900202009150012) finds that
/// document first.
final class DocumentScorer: Scorer {
  private let target: UInt32
  private let value: Double
  private let summary: String
  private var current: UInt32 = 0
  private var started = false

  init(doc: UInt32, score: Double, summary: String) {
    target = doc
    value = score
    self.summary = summary
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started {
      current = Scorers.exhausted
    } else {
      started = true
      current = target
    }
    return current
  }

  func advance(to position: UInt32) -> UInt32 {
    if started, current >= position { return current }
    started = true
    current = position <= target ? target : Scorers.exhausted
    return current
  }

  func score() -> Double { value }

  var maxScore: Double { value }

  func explain() -> Explanation { Explanation(value: value, summary: summary) }
}
