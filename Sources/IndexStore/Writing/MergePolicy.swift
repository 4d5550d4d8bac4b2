/// Decides which segments to merge so that the segment count stays logarithmic.
///
/// A log-merge policy (Lucene's LogMergePolicy, simplified): a segment's
/// level is ⌊log_f(live documents / minimum)⌋ with f = `mergeFactor`.
/// Whenever `mergeFactor` adjacent segments share a level they are merged
/// into one of the next level. Because deletions can break runs of equal
/// levels, a second rule caps the count: when there are more than
/// `mergeFactor × (highest level + 2)` segments, the adjacent window of
/// `mergeFactor` segments with the fewest documents is merged. Either way an
/// index of N documents has O(f · log_f N) segments.
public struct MergePolicy: Sendable, Equatable {
  /// At least 2 (a smaller value set is taken as 2: with 1, levels never end).
  public var mergeFactor: Int { didSet { mergeFactor = max(2, mergeFactor) } }
  /// Segments smaller than this count as this size (level 0); at least 1.
  public var minimumSegmentDocuments: Int { didSet { minimumSegmentDocuments = max(1, minimumSegmentDocuments) } }

  /// A policy with these parameters, each raised to its minimum (2 and 1) if below it.
  public init(mergeFactor: Int = 10, minimumSegmentDocuments: Int = 1000) {
    self.mergeFactor = max(2, mergeFactor)
    self.minimumSegmentDocuments = max(1, minimumSegmentDocuments)
  }

  /// `mergeFactor` 10 and `minimumSegmentDocuments` 1,000.
  public static let `default` = MergePolicy()
  /// Never merges (tests that need many segments).
  public static let never = MergePolicy(mergeFactor: Int.max)

  func level(_ documents: Int) -> Int {
    var level = 0
    var size = max(documents, minimumSegmentDocuments) / minimumSegmentDocuments
    while size >= mergeFactor {
      size /= mergeFactor
      level += 1
    }
    return level
  }

  /// The adjacent segments to merge next, given their live document counts; nil when none.
  func findMerge(_ sizes: [Int]) -> Range<Int>? {
    guard mergeFactor < Int.max, sizes.count >= mergeFactor else { return nil }
    let levels = sizes.map(level)
    var runStart = 0
    for i in 0..<levels.count {
      if i > 0 && levels[i] != levels[i - 1] { runStart = i }
      if i - runStart + 1 >= mergeFactor { return (i + 1 - mergeFactor)..<(i + 1) }
    }
    let highest = levels.max() ?? 0
    if sizes.count > mergeFactor * (highest + 2) { return MergePolicy.smallestRun(sizes, width: mergeFactor) }
    return nil
  }

  /// The `width` adjacent segments with the fewest documents between them
  /// (the first such run on a tie); `width` must be between 1 and `sizes.count`.
  static func smallestRun(_ sizes: [Int], width: Int) -> Range<Int> {
    var best = 0
    var bestTotal = Int.max
    for start in 0...(sizes.count - width) {
      let total = sizes[start..<(start + width)].reduce(0, +)
      if total < bestTotal {
        bestTotal = total
        best = start
      }
    }
    return best..<(best + width)
  }
}
