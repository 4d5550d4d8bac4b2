import Synchronization

/// The matches one thread of a search has counted, and those all its
/// threads have: a thread may stop counting exactly once together they
/// reach the counting threshold (each alone would count up to it).
struct MatchCounting {
  /// Shared by the threads of one search; nil for a search on one thread.
  let shared: SharedMatchCount?
  /// This thread's matches already added to `shared`.
  private var published = 0

  init(shared: SharedMatchCount?) { self.shared = shared }

  /// The matches counted by all threads, given this thread's `own`.
  mutating func total(_ own: Int) -> Int {
    guard let shared else { return own }
    let total = shared.add(own - published)
    published = own
    return total
  }
}

/// A count of matches that the threads of one search add to.
final class SharedMatchCount: Sendable {
  private let count = Atomic<Int>(0)

  init() {}

  /// Adds `matches`; the count after.
  func add(_ matches: Int) -> Int {
    count.wrappingAdd(matches, ordering: .relaxed).newValue
  }
}
