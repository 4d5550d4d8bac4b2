import Synchronization

/// When a search must stop looking for matches (`SearchRequest.timeLimit`),
/// shared by its threads: once one of them finds it past, every one stops at
/// its next check (before each window of 2,048 documents, every 1,024
/// matches found one at a time, before each slice), so a search overruns its
/// limit by about one window; a scorer that scans far between two matches
/// (a filter on a rare value) is not interrupted while it scans.
final class SearchDeadline: Sendable {
  private let end: ContinuousClock.Instant
  private let passed = Atomic<Bool>(false)

  /// A deadline `limit` from now; nil for no limit.
  static func starting(_ limit: Duration?) -> SearchDeadline? {
    limit.map { SearchDeadline(end: ContinuousClock.now + $0) }
  }

  private init(end: ContinuousClock.Instant) { self.end = end }

  /// Whether the search must stop (and from now on always true).
  func isPast() -> Bool {
    if passed.load(ordering: .relaxed) { return true }
    guard ContinuousClock.now >= end else { return false }
    passed.store(true, ordering: .relaxed)
    return true
  }

  /// Whether it was found past by any thread.
  var wasPassed: Bool { passed.load(ordering: .relaxed) }
}
