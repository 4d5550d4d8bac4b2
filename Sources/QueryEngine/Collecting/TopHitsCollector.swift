import IndexStore

/// Keeps the best `capacity` matches seen, across segments.
///
/// Ranking: by relevance, more matched top-level words first (coordination),
/// then higher score, then index order (earlier segment, lower doc), so
/// results are deterministic; by date, the date first (`HitOrder`). A
/// bounded min-heap: O(log k) per better match.
struct TopHitsCollector: Sendable {
  struct Candidate: Sendable {
    var coordination: Int
    var score: Double
    var segment: Int
    var doc: UInt32
    /// What ranks first, before coordination: 0 by relevance; by date, the
    /// day (newest first) or its negation (oldest first), `Int64.min` for
    /// an undated document.
    var key: Int64 = 0

    /// Whether `self` ranks above `other`.
    func ranks(above other: Candidate) -> Bool {
      if key != other.key { return key > other.key }
      if coordination != other.coordination { return coordination > other.coordination }
      if score != other.score { return score > other.score }
      if segment != other.segment { return segment < other.segment }
      return doc < other.doc
    }
  }

  let capacity: Int
  let order: HitOrder
  /// Min-heap by rank: the root is the worst kept candidate.
  private var heap: [Candidate] = []
  private(set) var totalHits = 0
  /// The segment whose documents are collected, for their dates (only when ordered by date).
  private var segment: SegmentReader?

  init(capacity: Int, order: HitOrder = .relevance) {
    self.capacity = capacity
    self.order = order
    heap.reserveCapacity(min(capacity, 1024))
  }

  /// Collects the documents of `segment` from now on.
  mutating func begin(_ segment: SegmentReader) {
    if order != .relevance { self.segment = segment }
  }

  mutating func collect(_ candidate: Candidate) {
    totalHits += 1
    guard order != .relevance else {
      keep(candidate)
      return
    }
    var dated = candidate
    if let day = segment?.date(candidate.doc) {
      dated.key = order == .newest ? Int64(day) : -Int64(day)
    } else {
      dated.key = .min
    }
    keep(dated)
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

  /// The worst candidate kept, once full: a document that cannot score
  /// above it need not be scored. Never by date, where any match may rank
  /// above it whatever its score.
  var threshold: Candidate? { order == .relevance && heap.count == capacity ? heap.first : nil }

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
