/// Remembers ICU's words for pieces of text it has segmented before.
///
/// Inspection documents repeat themselves: the same clauses (经调查核实,
/// 责令限期整改, 群众反映, a unit's name) come back in thousands of documents,
/// and ICU's dictionary segmentation of a clause, its largest cost, gives the
/// same words every time. A piece here is a maximal run of Han characters or
/// a maximal stretch of other characters between two runs; ICU always breaks
/// where one ends and the other begins and its rules do not look across, so a
/// piece's words do not depend on its context (`WordSegmenter` checks this on
/// every miss and caches nothing when ICU ever joins across a piece border).
///
/// One cache belongs to one `WordBreakIterator` and is used only by whoever
/// holds that iterator, so it needs no lock. It is an open-addressing table
/// over two flat arenas (the pieces' units and their words); when either is
/// full, everything is dropped and filling starts again, which bounds the
/// memory at about 5 MB per iterator.
final class SegmentationCache {
  /// One cached word: UTF-16 offsets within its piece and ICU's kind.
  struct Word {
    var start: UInt16
    var end: UInt16
    var kind: TokenKind
  }

  /// Pieces longer than this are not cached.
  static let maximumPieceLength = 255

  private static let slotCount = 1 << 17
  private static let unitCapacity = 2_000_000
  private static let wordCapacity = 1_000_000

  /// 16 bytes, so that the table stays in the core's own cache.
  private struct Slot {
    var hash: UInt32 = 0
    var unitStart: Int32 = -1
    var wordStart: Int32 = 0
    var unitCount: UInt16 = 0
    var wordCount: UInt16 = 0
  }

  /// Allocated on the first insert (a process answering one query never needs it).
  private var slots: [Slot] = []
  private var units: [UInt16] = []
  private var words: [Word] = []
  private var used = 0
  /// Look-ups and hits since creation (for benchmarks).
  private(set) var lookups = 0
  private(set) var hits = 0
  /// Look-ups and hits since the last decision to use the cache or not.
  private var recentLookups = 0
  private var recentHits = 0
  /// Windows still to segment without the cache (see `isWorthUsing`).
  private var windowsToSkip = 0
  /// Bumped whenever the cache is emptied (slots found before are stale then).
  private(set) var generation = 0

  init() {
    units.reserveCapacity(1 << 16)
    words.reserveCapacity(1 << 15)
  }

  /// FNV-1a over the piece's units.
  @inline(__always)
  static func hash(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in range {
      hash = (hash ^ UInt64(text[index])) &* 0x100_0000_01b3
    }
    return hash | 1
  }

  /// Whether the next window should go through the cache.
  ///
  /// Caching a piece costs about as much as ICU saves on a hit, so on text
  /// that rarely repeats itself (news: under a quarter of the pieces) the
  /// cache made the Analyzer about 10 % slower. After every 2,048 look-ups
  /// with fewer than 30 % hits, the next 512 windows skip the cache; then it
  /// is tried again.
  func isWorthUsing() -> Bool {
    if windowsToSkip > 0 {
      windowsToSkip -= 1
      return false
    }
    if recentLookups >= 2048 {
      if recentHits * 10 < recentLookups * 3 { windowsToSkip = 512 }
      recentLookups = 0
      recentHits = 0
    }
    return windowsToSkip == 0
  }

  /// The slot of the piece `range` of `text`, or nil when it is not cached.
  func find(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, hash: UInt64) -> Int? {
    lookups += 1
    recentLookups += 1
    guard !slots.isEmpty else { return nil }
    let mask = SegmentationCache.slotCount - 1
    var slot = Int(truncatingIfNeeded: hash >> 20) & mask
    while slots[slot].unitStart >= 0 {
      let entry = slots[slot]
      if entry.hash == UInt32(truncatingIfNeeded: hash) && Int(entry.unitCount) == range.count && equals(entry, text, range) {
        hits += 1
        recentHits += 1
        return slot
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Calls `body` with each word of the piece in `slot` (offsets within the piece).
  func forEachWord(_ slot: Int, _ body: (Word) -> Void) {
    let entry = slots[slot]
    for w in Int(entry.wordStart)..<(Int(entry.wordStart) + Int(entry.wordCount)) { body(words[w]) }
  }

  private func equals(_ entry: Slot, _ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
    var stored = Int(entry.unitStart)
    for index in range {
      if units[stored] != text[index] { return false }
      stored += 1
    }
    return true
  }

  /// Records the words of the piece `range` of `text` (offsets within `text`).
  func insert(_ text: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, hash: UInt64, words pieceWords: ArraySlice<Segment>) {
    guard range.count <= SegmentationCache.maximumPieceLength else { return }
    if slots.isEmpty { slots = [Slot](repeating: Slot(), count: SegmentationCache.slotCount) }
    if used * 2 >= SegmentationCache.slotCount || units.count + range.count > SegmentationCache.unitCapacity
      || words.count + pieceWords.count > SegmentationCache.wordCapacity
    {
      clear()
    }
    let mask = SegmentationCache.slotCount - 1
    var slot = Int(truncatingIfNeeded: hash >> 20) & mask
    while slots[slot].unitStart >= 0 {
      if slots[slot].hash == UInt32(truncatingIfNeeded: hash) && Int(slots[slot].unitCount) == range.count && equals(slots[slot], text, range) {
        return
      }
      slot = (slot + 1) & mask
    }
    slots[slot] = Slot(hash: UInt32(truncatingIfNeeded: hash), unitStart: Int32(units.count), wordStart: Int32(words.count),
                       unitCount: UInt16(range.count), wordCount: UInt16(pieceWords.count))
    units.append(contentsOf: UnsafeBufferPointer(rebasing: text[range]))
    for word in pieceWords {
      words.append(Word(start: UInt16(word.start - range.lowerBound), end: UInt16(word.end - range.lowerBound), kind: word.kind))
    }
    used += 1
  }

  private func clear() {
    for i in slots.indices { slots[i].unitStart = -1 }
    units.removeAll(keepingCapacity: true)
    words.removeAll(keepingCapacity: true)
    used = 0
    generation += 1
  }
}
