import IndexStore
import Synchronization

/// The segments of one search, handed out one at a time to the threads
/// searching them, so that a thread that finishes early takes more and a
/// worker that starts late takes fewer (a split fixed in advance leaves a
/// thread idle once its share is done, and waits for a late worker's share).
///
/// Spread over threads, the largest segments go first (the longest jobs
/// first balance best); on one thread, in index order.
final class SegmentQueue: Sendable {
  private let order: [Int]
  private let taken = Atomic<Int>(0)

  init(_ segments: [SegmentReader], largestFirst: Bool) {
    order = largestFirst
      ? segments.indices.sorted { (segments[$0].maxDoc, $1) > (segments[$1].maxDoc, $0) }
      : Array(segments.indices)
  }

  /// The next segment to search (its index in the reader), nil once all are taken.
  func next() -> Int? {
    let position = taken.wrappingAdd(1, ordering: .relaxed).oldValue
    return position < order.count ? order[position] : nil
  }
}
