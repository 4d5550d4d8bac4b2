/// Iterates one term's postings in one segment: documents, frequencies, positions.
///
/// Like Lucene's DocIdSetIterator or tantivy's DocSet: `next()` and
/// `advance(to:)` return the new current document, `exhausted` at the end.
/// `advance` uses the skip table (one entry per block of up to 128
/// documents: last doc, block end, positions start, max frequency, min field
/// length, from version 2 the block's document count, from version 3 its
/// impacts), so it decodes
/// only the block that holds the target. Deleted documents are not
/// filtered; callers check `SegmentReader.isLive`. Damaged bytes never trap:
/// the iterator stops (`exhausted`) and records the problem in `error`.
package struct PostingsIterator {
  package static let exhausted: UInt32 = .max

  /// The current document; `exhausted` when done. Undefined (0) before the first `next()`.
  package private(set) var doc: UInt32 = 0 {
    // Kept as a stored property so that scorers read it without copying the
    // iterator (a computed getter on a struct held by a class copies it).
    didSet { termFrequency = doc != PostingsIterator.exhausted && index < blockLength ? freqs[index] : 0 }
  }
  /// The current document's term frequency.
  package private(set) var termFrequency: UInt32 = 0
  package let documentFrequency: Int
  /// Set when damaged bytes stopped the iteration early.
  package private(set) var error: IndexError?

  private let postingsFile: MappedFile
  private let positionsFile: MappedFile
  private let maxDoc: UInt32
  /// The first skip entry, and the bytes of one (48; 24 in version 2 files, 20 in version 1).
  private let skipStart: Int
  private let skipEntryLength: Int
  /// Whether skip entries hold their block's document count (version 2);
  /// in version 1 every block but the last holds `SegmentFormat.blockSize`.
  private let countedBlocks: Bool
  /// Whether skip entries hold their block's impacts (version 3).
  private let hasImpacts: Bool
  private let dataStart: Int
  private let positionsStart: Int
  private let blockCount: Int

  private var block = -1
  private var index = 0
  private var blockLength = 0
  private var docs = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
  private var freqs = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
  private var positionsCursor = 0
  private var positionsIndex = 0

  init(storage: SegmentStorage, info: TermInfo) throws {
    postingsFile = storage.postings
    positionsFile = storage.positions
    maxDoc = storage.maxDoc
    documentFrequency = info.documentFrequency
    guard info.postingsOffset >= UInt64(postingsFile.bodyStart), info.postingsOffset < UInt64(postingsFile.bodyEnd),
          info.positionsOffset >= UInt64(positionsFile.bodyStart), info.positionsOffset <= UInt64(positionsFile.bodyEnd)
    else {
      throw IndexError.corrupted(file: postingsFile.name, reason: "term postings offset \(info.postingsOffset) outside the file")
    }
    let start = Int(info.postingsOffset)
    let df = info.documentFrequency
    let fullBlocks = (df + SegmentFormat.blockSize - 1) / SegmentFormat.blockSize
    countedBlocks = postingsFile.version >= 2
    hasImpacts = postingsFile.version >= 3
    if df <= SegmentFormat.blockSize {
      blockCount = fullBlocks  // one block (none for an empty list), no skip table
      skipStart = start
      skipEntryLength = 0
    } else if countedBlocks {
      guard start + 4 <= postingsFile.bodyEnd else {
        throw IndexError.corrupted(file: postingsFile.name, reason: "skip table at byte \(start) runs past the end")
      }
      blockCount = Int(postingsFile.base.loadUnaligned(fromByteOffset: start, as: UInt32.self).littleEndian)
      guard blockCount >= fullBlocks, blockCount <= df else {
        throw IndexError.corrupted(
          file: postingsFile.name, reason: "skip table at byte \(start) counts \(blockCount) blocks for \(df) documents")
      }
      skipStart = start + 4
      skipEntryLength = hasImpacts ? SegmentFormat.skipEntryLength : SegmentFormat.skipEntryLengthVersion2
    } else {
      blockCount = fullBlocks
      skipStart = start
      skipEntryLength = SegmentFormat.skipEntryLengthVersion1
    }
    dataStart = skipStart + (blockCount > 1 ? blockCount * skipEntryLength : 0)
    positionsStart = Int(info.positionsOffset)
    guard dataStart <= postingsFile.bodyEnd else {
      throw IndexError.corrupted(file: postingsFile.name, reason: "skip table at byte \(start) runs past the end")
    }
  }

  /// Skip entry field `k` (0 last doc, 1 block end, 2 positions start, 3 max
  /// tf, 4 min length, 5 document count in version 2, 6–11 the impacts'
  /// frequencies and lengths in version 3) of block `b`.
  @inline(__always)
  private func skipEntry(_ b: Int, _ k: Int) -> UInt32 {
    postingsFile.base.loadUnaligned(fromByteOffset: skipStart + b * skipEntryLength + k * 4, as: UInt32.self).littleEndian
  }

  /// The documents block `b` holds.
  @inline(__always)
  private func blockDocumentCount(_ b: Int) -> Int {
    if blockCount == 1 { return documentFrequency }
    if countedBlocks { return Int(skipEntry(b, 5)) }
    return min(SegmentFormat.blockSize, documentFrequency - b * SegmentFormat.blockSize)
  }

  /// Whether blocks are written as files since version 2 write them (full
  /// ones bit-packed), so that a merge may copy them into a new file.
  var hasCurrentBlockFormat: Bool { countedBlocks }

  /// Whether block `b` is bit-packed (a full block of a file since version 2).
  func isPacked(_ b: Int) -> Bool { countedBlocks && blockDocumentCount(b) == SegmentFormat.blockSize }

  /// The list's blocks (one skip entry each when more than one).
  package var blocks: Int { blockCount }

  /// Block `b`'s skip entry (for a list of more than one block), whichever the file's version.
  func skipEntry(_ b: Int) -> SkipEntry {
    SkipEntry(lastDoc: skipEntry(b, 0), blockEnd: skipEntry(b, 1), positionsStart: skipEntry(b, 2),
              documentCount: UInt32(truncatingIfNeeded: blockDocumentCount(b)), impacts: impacts(b))
  }

  /// Block `b`'s impacts (for a list of more than one block): the recorded
  /// pairs, or in files before version 3 its largest frequency with its
  /// smallest length.
  package func impacts(_ b: Int) -> BlockImpacts {
    guard hasImpacts else { return BlockImpacts(maxTermFrequency: skipEntry(b, 3), minFieldLength: skipEntry(b, 4)) }
    return BlockImpacts(
      BlockImpacts.Impact(termFrequency: skipEntry(b, 6), fieldLength: skipEntry(b, 7)),
      BlockImpacts.Impact(termFrequency: skipEntry(b, 8), fieldLength: skipEntry(b, 9)),
      BlockImpacts.Impact(termFrequency: skipEntry(b, 10), fieldLength: skipEntry(b, 11)))
  }

  /// The block the iterator stands in (-1 before the first `next()`).
  package var currentBlock: Int { block }

  /// The bytes of blocks `0..<count` as the file holds them (for a merge to
  /// copy); nil if the skip table puts them outside the file.
  func blockBytes(_ count: Int) -> UnsafeRawBufferPointer? {
    guard blockCount > 1, count >= 1, count <= blockCount else { return nil }
    let end = dataStart + Int(skipEntry(count - 1, 1))
    guard end > dataStart, end <= postingsFile.bodyEnd else { return nil }
    return UnsafeRawBufferPointer(rebasing: postingsFile.buffer[dataStart..<end])
  }

  /// Decodes block `b` and stands on its first document; past the last block
  /// or on damage (which sets `error`) stands on `exhausted`.
  mutating func enterBlock(_ b: Int) -> UInt32 {
    guard b >= 0, b < blockCount, decodeBlock(b) else {
      if error == nil {
        doc = PostingsIterator.exhausted
        block = blockCount
      }
      return PostingsIterator.exhausted
    }
    doc = docs[0]
    return doc
  }

  private mutating func fail(_ reason: String) {
    if error == nil { error = IndexError.corrupted(file: postingsFile.name, reason: reason) }
    doc = PostingsIterator.exhausted
    blockLength = 0
    index = 0
    block = blockCount
  }

  /// Decodes block `b` into `docs`/`freqs`; false (and `exhausted`) if damaged.
  private mutating func decodeBlock(_ b: Int) -> Bool {
    let multi = blockCount > 1
    let start = (multi && b > 0) ? dataStart + Int(skipEntry(b - 1, 1)) : dataStart
    let limit = multi ? min(dataStart + Int(skipEntry(b, 1)), postingsFile.bodyEnd) : postingsFile.bodyEnd
    var previous: UInt32 = (multi && b > 0) ? skipEntry(b - 1, 0) : 0
    let count = blockDocumentCount(b)
    let base = postingsFile.base
    guard count >= 1, count <= SegmentFormat.blockSize else {
      fail("block \(b) holds \(count) documents (1 to \(SegmentFormat.blockSize) allowed)")
      return false
    }
    var offset = start
    guard start <= limit else {
      fail("block \(b) starts past its end at byte \(start)")
      return false
    }
    // Decode straight into the buffers; a problem is reported after.
    var failure: String?
    let documentLimit = UInt64(maxDoc)
    if countedBlocks && count == SegmentFormat.blockSize {
      failure = decodePackedBlock(b, from: start, limit: limit, after: previous)
      if failure == nil { previous = docs[count - 1] }
    } else {
      docs.withUnsafeMutableBufferPointer { docs in
        freqs.withUnsafeMutableBufferPointer { freqs in
          for i in 0..<count {
            var code: UInt64
            if offset < limit, case let byte = base.load(fromByteOffset: offset, as: UInt8.self), byte < 0x80 {
              code = UInt64(byte)  // most deltas fit one byte
              offset += 1
            } else {
              guard let (value, next) = readVarint(base, offset, limit) else {
                failure = "block \(b) of a term ends early at byte \(offset)"
                return
              }
              code = value
              offset = next
            }
            var tf: UInt32 = 1
            if code & 1 == 0 {
              guard let (value, after) = readVarint(base, offset, limit), value >= 1, value <= UInt64(UInt32.max) else {
                failure = "bad term frequency at byte \(offset)"
                return
              }
              tf = UInt32(value)
              offset = after
            }
            let delta = code >> 1
            guard delta > 0 || (b == 0 && i == 0), UInt64(previous) + delta < documentLimit else {
              failure = "document delta \(delta) after \(previous) out of order or beyond maxDoc \(documentLimit) "
                + "at byte \(offset)"
              return
            }
            previous += UInt32(delta)
            docs[i] = previous
            freqs[i] = tf
          }
        }
      }
    }
    if let failure {
      fail(failure)
      return false
    }
    if multi, skipEntry(b, 0) != previous {
      fail("block \(b) ends at doc \(previous) but its skip entry says \(skipEntry(b, 0))")
      return false
    }
    block = b
    blockLength = count
    index = 0
    positionsCursor = positionsStart + (multi ? Int(skipEntry(b, 2)) : 0)
    positionsIndex = 0
    return true
  }

  /// Decodes a bit-packed block of `SegmentFormat.blockSize` documents at
  /// `start` (before `limit`) that follows document `previous`; returns what
  /// is wrong with it, nil if nothing.
  private mutating func decodePackedBlock(_ b: Int, from start: Int, limit: Int, after previous: UInt32) -> String? {
    let base = postingsFile.base
    guard let (first, afterFirst) = readVarint(base, start, limit), afterFirst + 2 <= limit else {
      return "packed block \(b) of a term ends early at byte \(start)"
    }
    let deltaBits = Int(base.load(fromByteOffset: afterFirst, as: UInt8.self))
    let freqBits = Int(base.load(fromByteOffset: afterFirst + 1, as: UInt8.self))
    let count = SegmentFormat.blockSize
    let deltaStart = afterFirst + 2
    let freqStart = deltaStart + ((count - 1) * deltaBits + 7) / 8
    let end = freqStart + (count * freqBits + 7) / 8
    guard deltaBits <= 32, freqBits <= 32, end <= limit else {
      return "packed block \(b) at byte \(start): bit widths \(deltaBits)/\(freqBits) do not fit the block"
    }
    let documentLimit = UInt64(maxDoc)
    guard first > 0 || b == 0, first < documentLimit, UInt64(previous) + first < documentLimit else {
      return "document delta \(first) after \(previous) out of order or beyond maxDoc \(documentLimit) at byte \(start)"
    }
    // Word loads may read up to 7 bytes past the stream: within the file, since the footer follows the body.
    guard end + 8 <= postingsFile.count else {
      return "packed block \(b) at byte \(start) runs past the end of the file"
    }
    let disordered = docs.withUnsafeMutableBufferPointer { docs -> Bool in
      guard let output = docs.baseAddress else { return true }
      BitUnpacker.unpack(base, from: deltaStart, count: count - 1, bits: deltaBits, into: output + 1)
      var doc = previous &+ UInt32(truncatingIfNeeded: first)
      output[0] = doc
      var disordered = false
      for i in 1..<count {
        let next = doc &+ output[i]
        disordered = disordered || next <= doc
        output[i] = next
        doc = next
      }
      return disordered || UInt64(doc) >= documentLimit
    }
    if disordered {
      return "packed block \(b) at byte \(start): documents out of order or beyond maxDoc \(documentLimit)"
    }
    let overflow = freqs.withUnsafeMutableBufferPointer { freqs -> Bool in
      guard let output = freqs.baseAddress else { return true }
      BitUnpacker.unpack(base, from: freqStart, count: count, bits: freqBits, into: output)
      var overflow = false
      for i in 0..<count {
        overflow = overflow || output[i] == UInt32.max
        output[i] = output[i] &+ 1
      }
      return overflow
    }
    return overflow ? "packed block \(b) at byte \(start): bad term frequency" : nil
  }

  /// Moves to the next document and returns it (`exhausted` at the end).
  package mutating func next() -> UInt32 {
    if doc == PostingsIterator.exhausted && block >= 0 { return doc }
    if block >= 0 && index + 1 < blockLength {
      index += 1
      doc = docs[index]
      return doc
    }
    return enterBlock(block + 1)
  }

  /// Hands the current document and the rest of its block to `body` (as
  /// documents and frequencies), which returns how many of them it used;
  /// moves past those and returns the document it then stands on
  /// (`exhausted` at the end). The iterator must stand on a document.
  /// Lets a scoring loop run over a block without a call per document.
  package mutating func consumeBlock(
    _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> Int
  ) -> UInt32 {
    consumeBlock(passingBlocksBefore: 0, unless: { _ in true }, body)
  }

  /// Like `consumeBlock(_:)`, but when the block is used up, the blocks
  /// after it that end before `end` and have no impact `isCompetitive`
  /// accepts are passed over without being decoded (block-max pruning:
  /// none of their documents could score enough).
  package mutating func consumeBlock(
    passingBlocksBefore end: UInt32, unless isCompetitive: (BlockImpacts.Impact) -> Bool,
    _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> Int
  ) -> UInt32 {
    guard consumeCurrentBlock(body) else { return doc }
    return enterBlock(blockAfterCurrent(passingBefore: end) { !impacts($0).contains(where: isCompetitive) })
  }

  /// Like `consumeBlock(_:)`, but when the block is used up, the blocks
  /// after it that end before `end` are passed over without being decoded
  /// unless `wanted` accepts the range of documents they may hold
  /// (`first...last`: from the document after the previous block's last to
  /// their own last). For an intersection that knows its candidates.
  package mutating func consumeBlock(
    passingBlocksBefore end: UInt32, unlessHolding wanted: (_ first: UInt32, _ last: UInt32) -> Bool,
    _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> Int
  ) -> UInt32 {
    guard consumeCurrentBlock(body) else { return doc }
    return enterBlock(blockAfterCurrent(passingBefore: end) { !wanted(skipEntry($0 - 1, 0) &+ 1, skipEntry($0, 0)) })
  }

  /// Hands the rest of the current block to `body` and moves past what it
  /// used; true when that was the whole block (the caller moves on), false
  /// when the iterator stays in it (or stands on no document).
  private mutating func consumeCurrentBlock(
    _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> Int
  ) -> Bool {
    guard block >= 0, doc != PostingsIterator.exhausted, index < blockLength else { return false }
    let start = index
    let length = blockLength
    let used = docs.withUnsafeBufferPointer { docs in
      freqs.withUnsafeBufferPointer { freqs in
        body(UnsafeBufferPointer(rebasing: docs[start..<length]), UnsafeBufferPointer(rebasing: freqs[start..<length]))
      }
    }
    index = start + min(max(used, 0), length - start)
    if index < blockLength {
      doc = docs[index]
      return false
    }
    return true
  }

  /// The block after the current one, passing over those that end before
  /// `end` and that `passes` lets go (by block number).
  @inline(__always)
  private func blockAfterCurrent(passingBefore end: UInt32, _ passes: (Int) -> Bool) -> Int {
    var next = block + 1
    if blockCount > 1 {
      while next < blockCount, skipEntry(next, 0) < end, passes(next) { next += 1 }
    }
    return next
  }

  /// The highest of `score(tf, length)` over the impacts of the blocks that
  /// may hold documents in `first...last`; nil for a list of one block
  /// (the term's own maxima bound it).
  ///
  /// Mutating only so that a caller holding the iterator in memory of its
  /// own passes it in place: a borrowed iterator is copied (and its buffers
  /// retained) around the call of `score`, which the compiler cannot see
  /// into. Nothing changes.
  package mutating func maxImpactScore(from first: UInt32, through last: UInt32,
                              _ score: (BlockImpacts.Impact) -> Double) -> Double? {
    guard blockCount > 1 else { return nil }
    var best = 0.0
    var b = firstBlock(endingAtOrAfter: first)
    while b < blockCount {
      best = max(best, impacts(b).maximum(of: score))
      if skipEntry(b, 0) >= last { break }
      b += 1
    }
    return best
  }

  /// Moves to the first document >= `target` and returns it, decoding only the block that holds it.
  package mutating func advance(to target: UInt32) -> UInt32 {
    if block >= blockCount || (block >= 0 && doc == PostingsIterator.exhausted) { return PostingsIterator.exhausted }
    if block >= 0 && index < blockLength && docs[index] >= target { return doc }
    if blockCount > 1 {
      // The first block whose last doc >= target: the current one, or a
      // galloping search from it (targets are usually near), then binary.
      var low = max(block, 0)
      var high = blockCount
      if skipEntry(low, 0) >= target {
        high = low
      } else {
        var step = 1
        while low + step < blockCount, skipEntry(low + step, 0) < target {
          low += step + 1
          step *= 2
          if low >= blockCount { break }
        }
        low = min(low, blockCount)
        high = min(low + step, blockCount)
        if low < blockCount, skipEntry(low, 0) >= target { high = low }
      }
      while low < high {
        let mid = (low + high) / 2
        if skipEntry(mid, 0) < target { low = mid + 1 } else { high = mid }
      }
      if low >= blockCount {
        doc = PostingsIterator.exhausted
        block = blockCount
        return doc
      }
      if low != block {
        guard decodeBlock(low) else { return PostingsIterator.exhausted }
      }
    } else if block < 0 {
      guard decodeBlock(0) else { return PostingsIterator.exhausted }
    }
    while index < blockLength && docs[index] < target { index += 1 }
    if index < blockLength {
      doc = docs[index]
      return doc
    }
    index = max(blockLength - 1, 0)
    while true {
      let d = next()
      if d == PostingsIterator.exhausted || d >= target { return d }
    }
  }

  /// The current document's positions, ascending; empty if exhausted or damaged.
  package mutating func positions() -> [UInt32] {
    var result: [UInt32] = []
    positions(into: &result)
    return result
  }

  /// Replaces `buffer`'s contents with the current document's positions,
  /// ascending (empty if exhausted or damaged), reusing its storage.
  package mutating func positions(into buffer: inout [UInt32]) {
    let tf = termFrequency
    buffer.removeAll(keepingCapacity: true)
    guard tf > 0 else { return }
    buffer.reserveCapacity(Int(tf))
    let written = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Int(tf)) { scratch -> Int in
      guard let start = scratch.baseAddress else { return 0 }
      let written = positions(into: start, capacity: Int(tf))
      buffer.append(contentsOf: UnsafeBufferPointer(start: start, count: written))
      return written
    }
    if written < Int(tf) { buffer.removeAll(keepingCapacity: true) }
  }

  /// Writes the current document's positions, ascending, to `output` and
  /// returns how many (its term frequency; 0 if exhausted or damaged).
  /// `capacity` must be at least `termFrequency`.
  package mutating func positions(into output: UnsafeMutablePointer<UInt32>, capacity: Int) -> Int {
    guard block >= 0, index < blockLength, doc != PostingsIterator.exhausted else { return 0 }
    let base = positionsFile.base
    let limit = positionsFile.bodyEnd
    if positionsIndex > index {
      // Asked twice for one document: restart the block's positions.
      positionsCursor = positionsStart + (blockCount > 1 ? Int(skipEntry(block, 2)) : 0)
      positionsIndex = 0
    }
    var offset = positionsCursor
    if positionsIndex < index {
      // Skip the earlier documents' positions.
      var left = 0
      for earlier in positionsIndex..<index { left += Int(freqs[earlier]) }
      guard let next = skipVarints(left, base, from: offset, limit: limit) else {
        fail("positions end early at byte \(offset)")
        return 0
      }
      offset = next
      positionsCursor = offset
      positionsIndex = index
    }
    let tf = min(Int(freqs[index]), capacity)
    var position: UInt32 = 0
    for written in 0..<tf {
      var delta: UInt64
      if offset < limit, case let byte = base.load(fromByteOffset: offset, as: UInt8.self), byte < 0x80 {
        delta = UInt64(byte)
        offset += 1
      } else {
        guard let (value, next) = readVarint(base, offset, limit) else {
          if error == nil {
            error = IndexError.corrupted(file: positionsFile.name, reason: "bad position at byte \(offset)")
          }
          return 0
        }
        delta = value
        offset = next
      }
      guard delta <= UInt64(UInt32.max - position) else {
        if error == nil {
          error = IndexError.corrupted(file: positionsFile.name, reason: "bad position at byte \(offset)")
        }
        return 0
      }
      position += UInt32(delta)
      output[written] = position
    }
    if tf < Int(freqs[index]) { return tf }  // not asked for all: leave the cursor before this document
    positionsCursor = offset
    positionsIndex = index + 1
    return tf
  }

  /// The first block whose last document is at or after `doc` (`blockCount`
  /// if none), by binary search of the skip table.
  private func firstBlock(endingAtOrAfter doc: UInt32) -> Int {
    var low = 0
    var high = blockCount
    while low < high {
      let mid = (low + high) / 2
      if skipEntry(mid, 0) < doc { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The highest frequency and shortest field among the blocks that may
  /// hold documents in `first...last` (0 and `UInt32.max` when none can);
  /// nil for a list of one block, which has no skip table.
  package func blockMaxima(from first: UInt32, through last: UInt32)
    -> (maxTermFrequency: UInt32, minFieldLength: UInt32)?
  {
    guard blockCount > 1 else { return nil }
    var frequency: UInt32 = 0
    var length = UInt32.max
    var b = firstBlock(endingAtOrAfter: first)
    while b < blockCount {
      frequency = max(frequency, skipEntry(b, 3))
      length = min(length, skipEntry(b, 4))
      if skipEntry(b, 0) >= last { break }
      b += 1
    }
    return (frequency, length)
  }
}

/// The offset just past the `count` varints that start at `offset`, reading
/// no byte at or past `limit`; nil if they run past it.
///
/// Eight bytes at a time: a byte with its high bit clear ends a varint, so the
/// ends in a word are the set bits of `~word & 0x80…80`. One step covers the
/// positions of most documents, instead of a branch per byte.
@inline(__always)
func skipVarints(_ count: Int, _ base: UnsafeRawPointer, from offset: Int, limit: Int) -> Int? {
  var cursor = offset
  var left = count
  while left > 0 {
    if cursor + 8 <= limit {
      var stops = ~UInt64(littleEndian: base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
        & 0x8080_8080_8080_8080
      let found = stops.nonzeroBitCount
      if found < left {
        left -= found
        cursor += 8
        continue
      }
      for _ in 1..<left { stops &= stops &- 1 }
      return cursor + stops.trailingZeroBitCount / 8 + 1
    }
    guard cursor < limit else { return nil }
    if base.load(fromByteOffset: cursor, as: UInt8.self) & 0x80 == 0 { left -= 1 }
    cursor += 1
  }
  return cursor
}

/// Decodes an unsigned LEB128 varint at `offset`, reading no byte at or past `limit`.
@inline(__always)
func readVarint(_ base: UnsafeRawPointer, _ offset: Int, _ limit: Int) -> (UInt64, Int)? {
  var result: UInt64 = 0
  var shift: UInt64 = 0
  var i = offset
  while i < limit {
    let byte = base.load(fromByteOffset: i, as: UInt8.self)
    i += 1
    result |= UInt64(byte & 0x7F) << shift
    if byte < 0x80 { return (result, i) }
    shift += 7
    if shift >= 64 { return nil }
  }
  return nil
}
