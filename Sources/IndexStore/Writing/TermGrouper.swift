import TextAnalysis

/// Groups one field's tokens by term and appends them to the term runs of
/// their inversion tasks; one per analysis worker, its buffers reused from
/// document to document.
struct TermGrouper {
  /// Inversion tasks: each field's terms split into `TermInterner.shardCount` shards.
  static let taskCount = IndexedField.allCases.count * TermInterner.shardCount

  private var interner = TermInterner(expected: 4096, reusable: true)
  /// Per term (in first-occurrence order): its packed key (0 for a long term),
  /// frequency, last position kept and, while placing positions, its next slot.
  private var keys: [UInt64] = []
  private var counts: [UInt32] = []
  private var last: [UInt32] = []
  private var next: [Int] = []
  /// The first span of each long term, in the order of their 0 keys.
  private var longSpans: [Range<Int>] = []
  /// Per token, its term, or -1 for a token dropped as a repeated position.
  private var termOfToken: [Int32] = []
  /// Positions of the first term, then of the second, …
  private var positions: [UInt32] = []

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
    keys.removeAll(keepingCapacity: true)
    counts.removeAll(keepingCapacity: true)
    last.removeAll(keepingCapacity: true)
    longSpans.removeAll(keepingCapacity: true)
    termOfToken.removeAll(keepingCapacity: true)
    termOfToken.reserveCapacity(spans.count)
    for span in spans {
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
        keys.append(key)
        counts.append(1)
        last.append(span.position)
      } else {
        if span.position <= last[i] {
          termOfToken.append(-1)
          continue
        }
        last[i] = span.position
        counts[i] += 1
      }
      termOfToken.append(id)
    }
    // Place the positions term by term (a counting sort on the term).
    next.removeAll(keepingCapacity: true)
    var total = 0
    for count in counts {
      next.append(total)
      total += Int(count)
    }
    positions.removeAll(keepingCapacity: true)
    positions.append(contentsOf: repeatElement(0, count: total))
    positions.withUnsafeMutableBufferPointer { positions in
      for (k, span) in spans.enumerated() where termOfToken[k] >= 0 {
        let i = Int(termOfToken[k])
        positions[next[i]] = span.position
        next[i] += 1
      }
    }
    // Hand each term to its shard's run.
    var start = 0
    var longIndex = 0
    positions.withUnsafeBufferPointer { positions in
      for (i, key) in keys.enumerated() {
        let count = Int(counts[i])
        defer { start += count }
        let task: Int
        let low: UInt32
        var high = UInt32(truncatingIfNeeded: key >> 32)
        var frequency = UInt32(count)
        if key != 0 {
          task = field * TermInterner.shardCount + TermInterner.shard(ofPacked: key)
          low = UInt32(truncatingIfNeeded: key)
        } else {
          let text = UnsafeBufferPointer(rebasing: units[longSpans[longIndex]])
          longIndex += 1
          task = field * TermInterner.shardCount + TermInterner.shard(ofLong: text)
          low = UInt32(runs[task].longUnits.count)
          high = UInt32(text.count)
          runs[task].longUnits.append(contentsOf: text)
          frequency |= TermRun.longFlag
        }
        runs[task].values.append(document)
        runs[task].values.append(low)
        runs[task].values.append(high)
        runs[task].values.append(frequency)
        runs[task].values.append(contentsOf: UnsafeBufferPointer(rebasing: positions[start..<(start + count)]))
      }
    }
    return UInt32(clamping: total)
  }
}
