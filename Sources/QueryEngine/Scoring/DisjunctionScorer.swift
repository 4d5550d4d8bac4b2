/// Matches documents that any child matches; the score is the sum of the
/// children that match the current document.
final class DisjunctionScorer: Scorer {
  private let children: [Scorer]
  /// The children again when all are terms (a word in its fields and
  /// bigram streams), unretained: a call on an array element of protocol
  /// type retains and releases it, which was a sixth of a single-word query.
  private let terms: [Unmanaged<TermScorer>]?
  private var current: UInt32 = 0
  private var started = false
  private let summary: String
  let maxScore: Double

  /// - Precondition: at least one child.
  init(_ children: [Scorer], summary: String = "sum of matching alternatives") {
    precondition(!children.isEmpty, "a disjunction needs a child")
    self.children = children
    let terms = children.compactMap { ($0 as? TermScorer).map(Unmanaged.passUnretained) }
    self.terms = terms.count == children.count ? terms : nil
    self.summary = summary
    maxScore = children.reduce(0) { $0 + $1.maxScore }
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    // Index loops, not `for child in children`: iterating copies (and
    // retains) each child, which was a third of all query time.
    var smallest = Scorers.exhausted
    if let terms, started {
      for index in 0..<terms.count {
        smallest = min(smallest, terms[index]._withUnsafeGuaranteedRef { term in
          term.doc == current ? term.next() : term.doc
        })
      }
    } else if !started {
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
    if let terms {
      for index in 0..<terms.count {
        smallest = min(smallest, terms[index]._withUnsafeGuaranteedRef { $0.advance(to: target) })
      }
    } else {
      for index in 0..<children.count { smallest = min(smallest, children[index].advance(to: target)) }
    }
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
    if let terms {
      for index in 0..<terms.count {
        total += terms[index]._withUnsafeGuaranteedRef { $0.doc == current ? $0.score() : 0 }
      }
      return total
    }
    for index in 0..<children.count where children[index].doc == current { total += children[index].score() }
    return total
  }

  func explain() -> Explanation {
    let parts = children.filter { $0.doc == current }.map { $0.explain() }
    return Explanation(value: parts.reduce(0) { $0 + $1.value }, summary: summary, details: parts)
  }
}
