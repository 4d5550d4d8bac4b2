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
