/// A boolean combination: documents matching every required part (or, with
/// none, at least one optional part) and no excluded part. Optional parts
/// that match add their score.
///
/// With `requireOptional`, at least one optional part must match even when
/// required parts exist: `噪声 type:petition` means petitions about noise,
/// not every petition. The optional parts then lead the iteration.
final class BooleanScorer: Scorer {
  private let driver: Scorer
  private let required: Scorer?
  private let optional: [Scorer]
  /// When the optional parts are part of the required conjunction, the
  /// disjunction that counts them.
  private let requiredOptional: DisjunctionScorer?
  private let excluded: Scorer?
  let maxScore: Double
  private var current: UInt32 = 0
  private var started = false

  /// - Parameters:
  ///   - required: the conjunction of the must clauses, or nil.
  ///   - optional: the should clauses.
  ///   - excluded: the disjunction of the must-not clauses, or nil.
  /// - Precondition: `required` is non-nil or `optional` is non-empty.
  init(required: Scorer?, optional: [Scorer], excluded: Scorer?, requireOptional: Bool = false) {
    precondition(required != nil || !optional.isEmpty, "a boolean scorer needs something to match")
    self.excluded = excluded
    maxScore = (required?.maxScore ?? 0) + optional.reduce(0) { $0 + $1.maxScore }
    if requireOptional, let required, !optional.isEmpty {
      let any = DisjunctionScorer(optional)
      let both = ConjunctionScorer([any, required])
      self.required = both
      self.optional = []
      self.requiredOptional = any
      driver = both
      return
    }
    self.required = required
    self.optional = optional
    self.requiredOptional = nil
    if let required {
      driver = required
    } else if optional.count == 1 {
      driver = optional[0]
    } else {
      driver = DisjunctionScorer(optional)
    }
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    started = true
    return skipExcluded(from: driver.next())
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    return skipExcluded(from: driver.advance(to: target))
  }

  private func skipExcluded(from candidate: UInt32) -> UInt32 {
    var target = candidate
    if let excluded {
      while target != Scorers.exhausted, excluded.advance(to: target) == target {
        target = driver.next()
      }
    }
    current = target
    return current
  }

  /// How many optional parts match the current document: the coordination
  /// that ranks documents matching more of the user's words first.
  var optionalMatchCount: Int {
    if let requiredOptional { return requiredOptional.matchCount }
    var count = 0
    for index in 0..<optional.count where optional[index].advance(to: current) == current { count += 1 }
    return count
  }

  /// An upper bound of the current document's score: the required part's
  /// bound plus the bounds of the optional parts on this document. Cheaper
  /// than `score()`, which decodes positions and field lengths.
  func scoreUpperBound() -> Double {
    var total = required?.maxScore ?? 0
    for index in 0..<optional.count where optional[index].advance(to: current) == current {
      total += optional[index].maxScore
    }
    return total
  }

  func score() -> Double {
    var total = required?.score() ?? 0
    for index in 0..<optional.count where optional[index].advance(to: current) == current {
      total += optional[index].score()
    }
    return total
  }

  func explain() -> Explanation {
    var parts: [Explanation] = []
    if let required { parts.append(required.explain()) }
    for scorer in optional where scorer.advance(to: current) == current { parts.append(scorer.explain()) }
    return Explanation(value: parts.reduce(0) { $0 + $1.value }, summary: "sum of matching clauses", details: parts)
  }
}
