import TextAnalysis

/// Groups one field's tokens by term and appends them to the term runs of
/// their inversion tasks; one per analysis worker, its buffers reused from
/// document to document.
struct TermGrouper {
  /// Inversion tasks: each field's terms split into `TermInterner.shardCount` shards.
  static let taskCount = IndexedField.allCases.count * TermInterner.shardCount

  private var interner = TermInterner(expected: 4096, reusable: true)
  private let scratch = Scratch()
  /// The first span of each long term, in the order of their 0 keys.
  private var longSpans: [Range<Int>] = []

  /// Per-token and per-term buffers, raw so that the loops over tokens pay
  /// no bounds, uniqueness or exclusivity checks; sized for the longest
  /// field seen so far (a field has at most as many terms as tokens).
  private final class Scratch {
    private(set) var capacity = 0
    /// Per term (first-occurrence order): packed key (0 for a long term),
    /// frequency, last position kept, next slot while placing positions.
    private(set) var keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    private(set) var counts = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var last = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var next = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    /// Per token: its term, or -1 for a token dropped as a repeated position.
    private(set) var termOfToken = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    /// Per kept token: its position, grouped by term.
    private(set) var positions = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)

    func reserve(_ count: Int) {
      guard count > capacity else { return }
      release()
      capacity = max(count, 2 * capacity)
      keys = .allocate(capacity: capacity)
      counts = .allocate(capacity: capacity)
      last = .allocate(capacity: capacity)
      next = .allocate(capacity: capacity)
      termOfToken = .allocate(capacity: capacity)
      positions = .allocate(capacity: capacity)
    }

    private func release() {
      keys.deallocate()
      counts.deallocate()
      last.deallocate()
      next.deallocate()
      termOfToken.deallocate()
      positions.deallocate()
    }

    deinit { release() }
  }

  /// Groups `spans` (over `units`) of field number `field` of the batch's
  /// document `document` into `runs`; returns the field length.
  ///
  /// Terms keep their first-occurrence order and positions ascend. A token
  /// at a position not after its term's previous occurrence is dropped, so
  /// the field length (the positions kept) is the sum of the frequencies.
  mutating func group(_ spans: [TermSpan], _ units: UnsafeBufferPointer<UInt16>, field: Int, document: UInt32,
                      into runs: inout [TermRun]) -> UInt32
  {
    guard !spans.isEmpty else { return 0 }
    interner.removeAll()
    longSpans.removeAll(keepingCapacity: true)
    scratch.reserve(spans.count)
    let keys = scratch.keys
    let counts = scratch.counts
    let last = scratch.last
    let next = scratch.next
    let termOfToken = scratch.termOfToken
    let positions = scratch.positions
    var terms = 0
    for (k, span) in spans.enumerated() {
      let range = Int(span.start)..<Int(span.end)
      let key = PackedUnits.key(units, range) ?? 0
      let (id, isNew): (Int32, Bool)
      if key != 0 {
        (id, isNew) = interner.intern(key: key)
      } else {
        (id, isNew) = interner.intern(long: UnsafeBufferPointer(rebasing: units[range]))
        if isNew { longSpans.append(range) }
      }
      let i = Int(id)
      if isNew {
        keys[i] = key
        counts[i] = 1
        last[i] = span.position
        terms += 1
      } else {
        if span.position <= last[i] {
          termOfToken[k] = -1
          continue
        }
        last[i] = span.position
        counts[i] += 1
      }
      termOfToken[k] = id
    }
    // Place the positions term by term (a counting sort on the term).
    var total = 0
    for i in 0..<terms {
      next[i] = total
      total += Int(counts[i])
    }
    for (k, span) in spans.enumerated() where termOfToken[k] >= 0 {
      let i = Int(termOfToken[k])
      positions[next[i]] = span.position
      next[i] += 1
    }
    // Hand each term to its shard's run.
    var start = 0
    var longIndex = 0
    for i in 0..<terms {
      let key = keys[i]
      let count = Int(counts[i])
      let task: Int
      var low = UInt32(truncatingIfNeeded: key)
      var high = UInt32(truncatingIfNeeded: key >> 32)
      var frequency = UInt32(count)
      if key != 0 {
        task = field * TermInterner.shardCount + TermInterner.shard(ofPacked: key)
      } else {
        let text = UnsafeBufferPointer(rebasing: units[longSpans[longIndex]])
        longIndex += 1
        task = field * TermInterner.shardCount + TermInterner.shard(ofLong: text)
        low = UInt32(runs[task].longUnits.count)
        high = UInt32(text.count)
        runs[task].longUnits.append(contentsOf: text)
        frequency |= TermRun.longFlag
      }
      runs[task].append(document: document, low: low, high: high, frequency: frequency,
                        positions: UnsafeBufferPointer(start: positions + start, count: count))
      start += count
    }
    return UInt32(clamping: total)
  }
}
