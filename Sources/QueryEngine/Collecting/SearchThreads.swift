import IndexStore

/// How one search spreads over threads: its segments, taken one at a time
/// by each thread as it becomes free (`SegmentQueue`), each thread with its
/// own collector; then the page's hits in parts, each fetched by one thread.
///
/// A thread does not start from the threshold the other threads' segments
/// set, and handing work to another thread costs a few µs even when that
/// thread is awake (`SearchWorkers`), so a search spreads only when its words
/// have many postings.
enum SearchThreads {
  /// The estimated postings from which a search's segments are spread.
  static let parallelPostings = 512
  /// The fewest estimated postings a slice of a segment is cut to.
  static let slicePostings = 1024
  /// The page size from which its hits (stored document, snippet) are
  /// fetched by several threads.
  static let parallelHits = 2

  /// `body(0) … body(count - 1)`: the caller runs the first and offers the
  /// others to `SearchWorkers`, running those no worker has claimed; their
  /// results in order.
  ///
  /// - Throws: the error of the lowest-numbered call that threw.
  static func run<Value>(_ count: Int, _ body: @escaping (Int) throws -> Value) throws -> [Value] {
    guard count > 1 else { return count == 1 ? [try body(0)] : [] }
    let outcomes = Outcomes(count: count, body: body)
    let jobs = (1..<count).map { i in SearchJob { outcomes.run(i) } }
    for job in jobs { SearchWorkers.shared.submit(job) }
    outcomes.run(0)
    for job in jobs { job.finish() }
    return try outcomes.results()
  }
}

/// The outcome of each call of `SearchThreads.run`: call i writes slot i
/// only, and the caller reads the slots after every job has finished (its
/// state stored with release ordering, loaded with acquire).
private final class Outcomes<Value>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Result<Value, any Error>?>
  private let count: Int
  private let body: (Int) throws -> Value

  init(count: Int, body: @escaping (Int) throws -> Value) {
    self.count = count
    self.body = body
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func run(_ i: Int) {
    guard i >= 0, i < count else { return }
    slots[i] = Result { try body(i) }
  }

  func results() throws -> [Value] {
    try (0..<count).map { i in
      guard let outcome = slots[i] else { throw SearchThreadsError.notRun(i) }
      return try outcome.get()
    }
  }
}

/// A job that no thread ran (never expected; reported rather than trusted).
enum SearchThreadsError: Error, CustomStringConvertible {
  case notRun(Int)

  var description: String {
    switch self {
    case .notRun(let i): return "search job \(i) was not run"
    }
  }
}
