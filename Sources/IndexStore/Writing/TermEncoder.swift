/// Encodes one term's postings at a time into reused buffers: blocks of
/// document deltas and frequencies (bit-packed when full, varints when
/// short), and a skip entry per block.
///
/// A flush encodes a term's documents in blocks of `SegmentFormat.blockSize`.
/// A merge also appends whole blocks of a source segment as they are
/// (`appendCopiedBlocks`), so a block may hold fewer documents anywhere in the
/// list; the skip table records each block's count. A value type the segment
/// writer holds and mutates in one access per term, rather than one per
/// posting through the writer's class properties.
struct TermEncoder {
  /// The term's blocks.
  private(set) var postings = BinaryWriter()
  /// The block count (patched in by `finishTerm`), then one entry per block:
  /// last doc, postings end, positions start, max frequency, min field
  /// length, document count, impacts.
  private(set) var skip = BinaryWriter()
  private var impacts = BlockImpactsBuilder()
  private(set) var documentCount = 0
  private(set) var blockCount = 0
  /// The largest frequency and smallest field length over the term's blocks.
  private(set) var maxTermFrequency: UInt32 = 0
  private(set) var minFieldLength = UInt32.max
  /// The last document encoded (deltas continue from it).
  private(set) var lastDoc: UInt32 = 0
  /// Positions bytes of the documents encoded so far.
  private(set) var positionBytes: UInt32 = 0

  /// Starts a new term.
  mutating func startTerm() {
    postings.bytes.removeAll(keepingCapacity: true)
    skip.bytes.removeAll(keepingCapacity: true)
    skip.appendUInt32(0)
    documentCount = 0
    blockCount = 0
    maxTermFrequency = 0
    minFieldLength = .max
    lastDoc = 0
    positionBytes = 0
  }

  /// Whether the term needs its skip table (more than one block's worth of
  /// documents). A term of one block has none.
  var hasSkipTable: Bool { documentCount > SegmentFormat.blockSize }

  /// Fills in the block count; call once all blocks are in.
  mutating func finishTerm() {
    guard skip.count >= 4 else { return }  // no `startTerm`: nothing encoded
    skip.bytes.withUnsafeMutableBytes {
      $0.storeBytes(of: UInt32(truncatingIfNeeded: blockCount).littleEndian, as: UInt32.self)
    }
  }

  /// Encodes ascending `docs` (after the term's documents so far) with their
  /// frequencies in blocks of `SegmentFormat.blockSize`, the last one
  /// possibly short; `positionLengths` gives each document's positions
  /// bytes and `fieldLengths` each document's field length. A full block is
  /// bit-packed, a short one written as varints.
  mutating func appendDocuments(docs: UnsafeBufferPointer<UInt32>, freqs: UnsafeBufferPointer<UInt32>,
                                positionLengths: UnsafeBufferPointer<UInt32>, fieldLengths: [UInt32])
  {
    var start = 0
    while start < docs.count {
      let end = min(docs.count, start + SegmentFormat.blockSize)
      let positionsBlockStart = positionBytes
      for i in start..<end {
        let tf = i < freqs.count ? freqs[i] : 1
        positionBytes &+= i < positionLengths.count ? positionLengths[i] : 0
        let length = Int(docs[i]) < fieldLengths.count ? fieldLengths[Int(docs[i])] : 0
        impacts.add(termFrequency: tf, fieldLength: length)
      }
      let blockImpacts = impacts.finish()
      if end - start == SegmentFormat.blockSize {
        appendPackedBlock(docs: UnsafeBufferPointer(rebasing: docs[start..<end]),
                          freqs: freqs.count >= end ? UnsafeBufferPointer(rebasing: freqs[start..<end]) : nil)
      } else {
        var previous = lastDoc
        for i in start..<end {
          let doc = docs[i]
          let tf = i < freqs.count ? freqs[i] : 1
          let delta = UInt64(doc &- previous)
          if tf == 1 {
            postings.appendVarint(delta << 1 | 1)
          } else {
            postings.appendVarint(delta << 1)
            postings.appendVarint(tf)
          }
          previous = doc
        }
      }
      appendSkipEntry(lastDoc: docs[end - 1], positionsStart: positionsBlockStart, count: end - start,
                      impacts: blockImpacts)
      start = end
    }
  }

  /// `appendDocuments` for arrays.
  mutating func appendDocuments(docs: [UInt32], freqs: [UInt32], positionLengths: [UInt32], fieldLengths: [UInt32]) {
    docs.withUnsafeBufferPointer { docs in
      freqs.withUnsafeBufferPointer { freqs in
        positionLengths.withUnsafeBufferPointer { lengths in
          appendDocuments(docs: docs, freqs: freqs, positionLengths: lengths, fieldLengths: fieldLengths)
        }
      }
    }
  }

  /// Writes a block of exactly `SegmentFormat.blockSize` documents bit-packed
  /// (docs/FORMAT.md): the first delta as a varint, the bit widths of the
  /// other deltas and of `tf − 1`, then both bit-packed.
  private mutating func appendPackedBlock(docs: UnsafeBufferPointer<UInt32>, freqs: UnsafeBufferPointer<UInt32>?) {
    let first = docs[0] &- lastDoc
    var deltaBits = 0
    var freqBits = 0
    for i in 1..<docs.count { deltaBits = max(deltaBits, 32 - (docs[i] &- docs[i - 1]).leadingZeroBitCount) }
    if let freqs {
      for tf in freqs { freqBits = max(freqBits, 32 - (tf &- 1).leadingZeroBitCount) }
    }
    postings.appendVarint(first)
    postings.appendUInt8(UInt8(deltaBits))
    postings.appendUInt8(UInt8(freqBits))
    BitPacker.append(docs.count - 1, bits: deltaBits, to: &postings) { docs[$0 + 1] &- docs[$0] }
    if let freqs { BitPacker.append(freqs.count, bits: freqBits, to: &postings) { freqs[$0] &- 1 } }
  }

  /// Appends blocks of a source segment's postings for the same term, whose
  /// documents all move up by `docBase`: `blocks` holds their bytes,
  /// `entries` their skip entries as the source records them (block end and
  /// positions start relative to the source's first block), and the source
  /// term's positions for these blocks are `positionsLength` bytes (copied
  /// by the caller). Only the first document's delta is re-encoded: every
  /// later one is relative to a document of the same source. `firstPacked`
  /// says whether the first block is bit-packed (its first varint is then
  /// the delta alone, not the delta and the tf flag). Returns false
  /// (appending nothing) if `blocks` does not start with a varint.
  mutating func appendCopiedBlocks(_ blocks: UnsafeRawBufferPointer, entries: [SkipEntry], firstPacked: Bool,
                                   docBase: UInt32, positionsLength: UInt32) -> Bool
  {
    guard !entries.isEmpty, let base = blocks.baseAddress, let (code, afterCode) = readVarint(base, 0, blocks.count)
    else { return false }
    let firstDoc = docBase &+ UInt32(truncatingIfNeeded: firstPacked ? code : code >> 1)
    let delta = UInt64(firstDoc &- (documentCount == 0 ? 0 : lastDoc))
    postings.appendVarint(firstPacked ? delta : delta << 1 | (code & 1))
    postings.appendBytes(UnsafeRawBufferPointer(rebasing: blocks[afterCode...]))
    // Block ends move by where the copy starts and by the first code's change in length.
    let shift = postings.count - blocks.count
    let positionsBase = positionBytes
    for entry in entries {
      appendSkipEntry(lastDoc: entry.lastDoc &+ docBase, blockEnd: UInt32(truncatingIfNeeded: Int(entry.blockEnd) + shift),
                      positionsStart: positionsBase &+ entry.positionsStart, count: Int(entry.documentCount),
                      impacts: entry.impacts)
    }
    positionBytes = positionsBase &+ positionsLength
    return true
  }

  /// Appends a block's skip entry; its largest frequency and smallest
  /// length are those of its impacts.
  private mutating func appendSkipEntry(lastDoc: UInt32, blockEnd: UInt32? = nil, positionsStart: UInt32, count: Int,
                                        impacts: BlockImpacts)
  {
    let maxTF = impacts.maxTermFrequency
    let minLength = impacts.minFieldLength
    skip.appendUInt32(lastDoc)
    skip.appendUInt32(blockEnd ?? UInt32(truncatingIfNeeded: postings.count))
    skip.appendUInt32(positionsStart)
    skip.appendUInt32(maxTF)
    skip.appendUInt32(minLength)
    skip.appendUInt32(UInt32(truncatingIfNeeded: count))
    skip.appendUInt32(impacts.first.termFrequency)
    skip.appendUInt32(impacts.first.fieldLength)
    skip.appendUInt32(impacts.second.termFrequency)
    skip.appendUInt32(impacts.second.fieldLength)
    skip.appendUInt32(impacts.third.termFrequency)
    skip.appendUInt32(impacts.third.fieldLength)
    self.lastDoc = lastDoc
    documentCount += count
    blockCount += 1
    maxTermFrequency = max(maxTermFrequency, maxTF)
    minFieldLength = min(minFieldLength, minLength)
  }
}

/// One block's skip entry, as read from a postings file of either version.
struct SkipEntry {
  var lastDoc: UInt32
  /// Byte offset just past the block, relative to the term's first block.
  var blockEnd: UInt32
  /// The block's first positions byte, relative to the term's positions.
  var positionsStart: UInt32
  var documentCount: UInt32
  /// Version 3; before it, the one pair of the block's largest frequency
  /// and smallest length (which version 3 records too).
  var impacts: BlockImpacts
}
