import IndexStore
import Synchronization

/// The segments of one search, handed out one slice at a time to the
/// threads searching them, so that a thread that finishes early takes more
/// and a worker that starts late takes fewer (a split fixed in advance leaves
/// a thread idle once its share is done, and waits for a late worker's share).
///
/// Spread over threads, a large segment is cut into slices, consecutive
/// ranges of its documents, so that an index merged into one segment
/// (`index optimize`) or a few large ones still keeps every thread busy
/// (Lucene's intra-segment slices). The largest slices go first (the longest
/// jobs first balance best). On one thread, each segment is one slice, in
/// index order.
final class SegmentQueue: Sendable {
  /// Documents `documents` of segment `segment` (its index in the reader).
  struct Slice: Equatable {
    var segment: Int
    var documents: Range<Int>
  }

  let slices: [Slice]
  private let taken = Atomic<Int>(0)

  /// - Parameters:
  ///   - threads: the threads the search spreads over.
  ///   - minimumSliceDocuments: the fewest documents a slice is cut to;
  ///     with more documents the slices are larger (about four per thread
  ///     over the whole index), and with fewer postings too: a slice holds at
  ///     least `SearchThreads.slicePostings` of the search's
  ///     `estimatedPostings` (a smaller one would cost more to set up, a
  ///     cursor per term, than a thread saves).
  init(_ segments: [SegmentReader], threads: Int, minimumSliceDocuments: Int, estimatedPostings: Int) {
    guard threads > 1 else {
      slices = segments.indices.map { Slice(segment: $0, documents: 0..<Int(segments[$0].maxDoc)) }
      return
    }
    let total = segments.reduce(0) { $0 + Int($1.maxDoc) }
    // Slices for at most 4,096 threads: `Searcher.threads` may be anything.
    let perThread = 4 * min(threads, 4096)
    let forPostings = total / max(1, estimatedPostings / SearchThreads.slicePostings)
    let size = max(1, minimumSliceDocuments, (total + perThread - 1) / perThread, forPostings)
    var slices: [Slice] = []
    for (index, segment) in segments.enumerated() {
      let count = Int(segment.maxDoc)
      let parts = max(1, count / size)
      // `parts` near-equal ranges, each at least `size` documents.
      for part in 0..<parts {
        slices.append(Slice(segment: index, documents: (count * part / parts)..<(count * (part + 1) / parts)))
      }
    }
    self.slices = slices.sorted {
      ($0.documents.count, $1.segment, $1.documents.lowerBound)
        > ($1.documents.count, $0.segment, $0.documents.lowerBound)
    }
  }

  /// The next slice to search, nil once all are taken.
  func next() -> Slice? {
    let position = taken.wrappingAdd(1, ordering: .relaxed).oldValue
    return position < slices.count ? slices[position] : nil
  }
}
