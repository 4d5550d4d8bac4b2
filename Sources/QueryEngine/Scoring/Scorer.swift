import IndexStore

/// Iterates the matching documents of one segment in increasing order and
/// scores the current one (Lucene's Scorer, tantivy's DocSet + score).
///
/// # Implementation requirements
/// - `doc` is `Scorers.exhausted` when iteration is over; before the first
///   `next()` or `advance(to:)` it is undefined.
/// - `advance(to:)` moves to the first match at or after `target` and never
///   moves backwards; calling it with a target at or before `doc` is allowed
///   and leaves a positioned scorer where it is.
/// - `score()` and `explain()` are only called while positioned on a match.
/// - Deleted documents may be returned; the collector drops them.
/// - `maxScore` bounds `score()` for every document of the segment; pruning
///   relies on it, so it may overestimate but never underestimate.
protocol Scorer: AnyObject {
  var doc: UInt32 { get }
  var maxScore: Double { get }
  /// A bound of `score()` over the documents `first...last` (block-max
  /// pruning); by default `maxScore`.
  func maxScore(from first: UInt32, through last: UInt32) -> Double
  func next() -> UInt32
  func advance(to target: UInt32) -> UInt32
  func score() -> Double
  func explain() -> Explanation
}

extension Scorer {
  func maxScore(from first: UInt32, through last: UInt32) -> Double { maxScore }
}

enum Scorers {
  /// The doc value of an exhausted scorer.
  static let exhausted = UInt32.max
}

/// A child scorer that a combining scorer calls without retaining it: a call
/// on an array element of protocol type retains and releases the element,
/// which was a sixth of a single word's search and half of a short unit
/// name's (宏达 at 1M: the analyzer cuts it into two characters, each a
/// disjunction of its fields, joined by a conjunction). Terms, phrases and
/// disjunctions, the usual children, are held by unretained reference; the
/// combining scorer keeps its children alive.
enum ScorerReference {
  case term(Unmanaged<TermScorer>)
  case phrase(Unmanaged<PhraseScorer>)
  case disjunction(Unmanaged<DisjunctionScorer>)
  case other(Scorer)

  init(_ scorer: Scorer) {
    if let term = scorer as? TermScorer {
      self = .term(Unmanaged.passUnretained(term))
    } else if let phrase = scorer as? PhraseScorer {
      self = .phrase(Unmanaged.passUnretained(phrase))
    } else if let disjunction = scorer as? DisjunctionScorer {
      self = .disjunction(Unmanaged.passUnretained(disjunction))
    } else {
      self = .other(scorer)
    }
  }

  @inline(__always)
  var doc: UInt32 {
    switch self {
    case .term(let term): return term._withUnsafeGuaranteedRef { $0.doc }
    case .phrase(let phrase): return phrase._withUnsafeGuaranteedRef { $0.doc }
    case .disjunction(let disjunction): return disjunction._withUnsafeGuaranteedRef { $0.doc }
    case .other(let scorer): return scorer.doc
    }
  }

  @inline(__always)
  func next() -> UInt32 {
    switch self {
    case .term(let term): return term._withUnsafeGuaranteedRef { $0.next() }
    case .phrase(let phrase): return phrase._withUnsafeGuaranteedRef { $0.next() }
    case .disjunction(let disjunction): return disjunction._withUnsafeGuaranteedRef { $0.next() }
    case .other(let scorer): return scorer.next()
    }
  }

  @inline(__always)
  func advance(to target: UInt32) -> UInt32 {
    switch self {
    case .term(let term): return term._withUnsafeGuaranteedRef { $0.advance(to: target) }
    case .phrase(let phrase): return phrase._withUnsafeGuaranteedRef { $0.advance(to: target) }
    case .disjunction(let disjunction): return disjunction._withUnsafeGuaranteedRef { $0.advance(to: target) }
    case .other(let scorer): return scorer.advance(to: target)
    }
  }

  @inline(__always)
  func score() -> Double {
    switch self {
    case .term(let term): return term._withUnsafeGuaranteedRef { $0.score() }
    case .phrase(let phrase): return phrase._withUnsafeGuaranteedRef { $0.score() }
    case .disjunction(let disjunction): return disjunction._withUnsafeGuaranteedRef { $0.score() }
    case .other(let scorer): return scorer.score()
    }
  }

  @inline(__always)
  func maxScore(from first: UInt32, through last: UInt32) -> Double {
    switch self {
    case .term(let term): return term._withUnsafeGuaranteedRef { $0.maxScore(from: first, through: last) }
    case .phrase(let phrase): return phrase._withUnsafeGuaranteedRef { $0.maxScore(from: first, through: last) }
    case .disjunction(let disjunction):
      return disjunction._withUnsafeGuaranteedRef { $0.maxScore(from: first, through: last) }
    case .other(let scorer): return scorer.maxScore(from: first, through: last)
    }
  }
}
