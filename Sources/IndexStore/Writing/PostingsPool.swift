/// The postings of one field shard's terms, all in one growing array of chunks.
///
/// Each term's values (for each document: its number, the term frequency,
/// then that many positions) go into a chain of chunks of 4, 8, 16, … up to
/// 512 values, linked by their first slot (Lucene's block pools do the same
/// for bytes). One array for every term means no allocation, reference
/// count or uniqueness check per term, and appending never moves a term's
/// earlier values; a term with few documents wastes at most its last chunk.
struct PostingsPool {
  /// Slot 0 is unused, so that 0 can mean "no chunk".
  private var values: [UInt32] = [0]
  private var cursors: [Cursor] = []

  private struct Cursor {
    /// Where the first and the current chunk start (their link slot).
    var first: UInt32 = 0
    var chunk: UInt32 = 0
    /// The next free slot and the end of the current chunk.
    var next: UInt32 = 0
    var end: UInt32 = 0
    /// Values written, and the current chunk's size class.
    var count: UInt32 = 0
    var level: UInt32 = 0
  }

  var termCount: Int { cursors.count }

  /// Adds a term with no postings yet; its index is the previous `termCount`.
  mutating func addTerm() { cursors.append(Cursor()) }

  /// Appends one document's entry to a term: `doc`, the frequency, the positions.
  mutating func append(term: Int, doc: UInt32, positions: UnsafeBufferPointer<UInt32>) {
    var cursor = cursors[term]
    if Int(cursor.end &- cursor.next) >= 2 + positions.count {
      // The common case: the entry fits in the current chunk.
      let start = Int(cursor.next)
      values.withUnsafeMutableBufferPointer { slots in
        slots[start] = doc
        slots[start + 1] = UInt32(positions.count)
        var slot = start + 2
        for position in positions {
          slots[slot] = position
          slot += 1
        }
      }
      cursor.next += UInt32(2 + positions.count)
      cursor.count += UInt32(2 + positions.count)
    } else {
      put(doc, &cursor)
      put(UInt32(positions.count), &cursor)
      for position in positions { put(position, &cursor) }
    }
    cursors[term] = cursor
  }

  @inline(__always)
  private mutating func put(_ value: UInt32, _ cursor: inout Cursor) {
    if cursor.next == cursor.end { startChunk(&cursor) }
    values[Int(cursor.next)] = value
    cursor.next += 1
    cursor.count += 1
  }

  private mutating func startChunk(_ cursor: inout Cursor) {
    let level = cursor.first == 0 ? 0 : min(cursor.level + 1, PostingsPool.largestLevel)
    let size = PostingsPool.chunkSize(level)
    let start = UInt32(values.count)
    values.append(contentsOf: repeatElement(0, count: size + 1))
    if cursor.first == 0 { cursor.first = start } else { values[Int(cursor.chunk)] = start }
    cursor.chunk = start
    cursor.next = start + 1
    cursor.end = start + 1 + UInt32(size)
    cursor.level = level
  }

  private static let largestLevel: UInt32 = 7
  @inline(__always)
  private static func chunkSize(_ level: UInt32) -> Int { 4 << Int(level) }

  /// Replaces `output` with the term's values, in order.
  func copyValues(term: Int, into output: inout [UInt32]) {
    output.removeAll(keepingCapacity: true)
    let cursor = cursors[term]
    var remaining = Int(cursor.count)
    var chunk = Int(cursor.first)
    var level: UInt32 = 0
    values.withUnsafeBufferPointer { slots in
      while remaining > 0 && chunk > 0 {
        let take = min(PostingsPool.chunkSize(level), remaining)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: slots[(chunk + 1)..<(chunk + 1 + take)]))
        remaining -= take
        chunk = Int(slots[chunk])
        level = min(level + 1, PostingsPool.largestLevel)
      }
    }
  }

  /// Frees the pool.
  mutating func removeAll() {
    values = [0]
    cursors = []
  }
}
