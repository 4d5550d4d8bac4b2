/// Keeps the best `capacity` matches seen, across segments.
///
/// Ranking: more matched top-level words first (coordination), then higher
/// score, then index order (earlier segment, lower doc), so results are
/// deterministic. A bounded min-heap: O(log k) per better match.
struct TopHitsCollector: Sendable {
  struct Candidate: Sendable {
    var coordination: Int
    var score: Double
    var segment: Int
    var doc: UInt32

    /// Whether `self` ranks above `other`.
    func ranks(above other: Candidate) -> Bool {
      if coordination != other.coordination { return coordination > other.coordination }
      if score != other.score { return score > other.score }
      if segment != other.segment { return segment < other.segment }
      return doc < other.doc
    }
  }

  let capacity: Int
  /// Min-heap by rank: the root is the worst kept candidate.
  private var heap: [Candidate] = []
  private(set) var totalHits = 0

  init(capacity: Int) {
    self.capacity = capacity
    heap.reserveCapacity(min(capacity, 1024))
  }

  mutating func collect(_ candidate: Candidate) {
    totalHits += 1
    keep(candidate)
  }

  /// Takes in what another collector (of other segments) counted and kept.
  mutating func absorb(_ other: TopHitsCollector) {
    totalHits += other.totalHits
    for candidate in other.heap { keep(candidate) }
  }

  private mutating func keep(_ candidate: Candidate) {
    guard capacity > 0 else { return }
    if heap.count < capacity {
      heap.append(candidate)
      siftUp(heap.count - 1)
    } else if candidate.ranks(above: heap[0]) {
      heap[0] = candidate
      siftDown(0)
    }
  }

  /// Counts a match that cannot enter the kept hits (pruned).
  mutating func count() {
    totalHits += 1
  }

  /// How many candidates are kept (at most `capacity`).
  var keptCount: Int { heap.count }

  /// The worst candidate kept, once full (a pruning threshold).
  var threshold: Candidate? { heap.count == capacity ? heap.first : nil }

  /// The kept candidates, best first.
  func sorted() -> [Candidate] {
    heap.sorted { $0.ranks(above: $1) }
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[parent].ranks(above: heap[child]) else { return }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var worst = parent
      if left < heap.count, heap[worst].ranks(above: heap[left]) { worst = left }
      if right < heap.count, heap[worst].ranks(above: heap[right]) { worst = right }
      if worst == parent { return }
      heap.swapAt(parent, worst)
      parent = worst
    }
  }
}
