/// The postings of one field shard's terms, in pages of values that never move.
///
/// Each term's values (for each document: its number, the term frequency,
/// then that many positions) go into a chain of chunks of 4, 8, 16, … up to
/// 512 values, linked by their first slot (Lucene's block pools do the same
/// for bytes). Chunks are cut from pages of 64 Ki values; a page is never
/// reallocated, so the pool grows without copying what it holds (one
/// growing array was copied at every doubling and touched twice the
/// memory). One pool for every term means no allocation, reference count
/// or uniqueness check per term; a term with few documents wastes at most
/// its last chunk, and a page at most the tail a chunk didn't fit in.
struct PostingsPool {
  /// A slot is `page << pageShift | offset`; slot 0 is never used, so that
  /// 0 can mean "no chunk".
  private static let pageShift: UInt32 = 16
  private static let pageSize = 1 << 16
  private var pages: [UnsafeMutablePointer<UInt32>] = []
  /// Frees the pages when the last copy of the pool goes away.
  private var owner = PageOwner()
  /// The next free offset in the last page.
  private var used = PostingsPool.pageSize
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

  private final class PageOwner {
    var pages: [UnsafeMutablePointer<UInt32>] = []
    deinit { for page in pages { page.deallocate() } }
  }

  var termCount: Int { cursors.count }

  /// Adds a term with no postings yet; its index is the previous `termCount`.
  mutating func addTerm() { cursors.append(Cursor()) }

  @inline(__always)
  private func pointer(_ slot: UInt32) -> UnsafeMutablePointer<UInt32> {
    pages[Int(slot >> PostingsPool.pageShift)] + Int(slot & UInt32(PostingsPool.pageSize - 1))
  }

  /// Appends one document's entry to a term: `doc`, the frequency, the positions.
  mutating func append(term: Int, doc: UInt32, positions: UnsafeBufferPointer<UInt32>) {
    var cursor = cursors[term]
    if Int(cursor.end &- cursor.next) >= 2 + positions.count {
      // The common case: the entry fits in the current chunk.
      let start = pointer(cursor.next)
      start[0] = doc
      start[1] = UInt32(positions.count)
      if let base = positions.baseAddress { (start + 2).update(from: base, count: positions.count) }
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
    pointer(cursor.next).pointee = value
    cursor.next += 1
    cursor.count += 1
  }

  private mutating func startChunk(_ cursor: inout Cursor) {
    let level = cursor.first == 0 ? 0 : min(cursor.level + 1, PostingsPool.largestLevel)
    let size = PostingsPool.chunkSize(level)
    if used + size + 1 > PostingsPool.pageSize {
      let page = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsPool.pageSize)
      page.initialize(repeating: 0, count: PostingsPool.pageSize)
      owner.pages.append(page)
      pages.append(page)
      used = pages.count == 1 ? 1 : 0
    }
    let start = UInt32(pages.count - 1) << PostingsPool.pageShift | UInt32(used)
    used += size + 1
    if cursor.first == 0 { cursor.first = start } else { pointer(cursor.chunk).pointee = start }
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
    var chunk = cursor.first
    var level: UInt32 = 0
    while remaining > 0 && chunk > 0 {
      let take = min(PostingsPool.chunkSize(level), remaining)
      let link = pointer(chunk)
      output.append(contentsOf: UnsafeBufferPointer(start: link + 1, count: take))
      remaining -= take
      chunk = link.pointee
      level = min(level + 1, PostingsPool.largestLevel)
    }
  }
}
