/// Merges one field's terms from several segments: terms in byte order,
/// each term's postings read segment by segment with documents renumbered,
/// its scratch buffers reused from term to term.
///
/// A source without deletions keeps its documents in one run, each moved up
/// by the same number, so the blocks of a term's long list are copied as
/// they are (only the first document's delta changes) with their positions
/// bytes; its last block, often short, is decoded and joins the documents of
/// the next source. Short lists, sources with deletions and version 1 files
/// (varint blocks only) are decoded and encoded again.
struct TermMerger {
  let sources: [SegmentMerger.Source]
  /// Per source, each old document's number in the new segment (`UInt32.max` if dropped).
  let docMaps: [[UInt32]]
  /// Per source without deletions, the new number of its first document.
  private let docBases: [UInt32?]
  // Documents decoded and not yet encoded into blocks, with their
  // frequencies and positions bytes (the positions are in `positions`).
  private var docs: [UInt32] = []
  private var freqs: [UInt32] = []
  private var lengths: [UInt32] = []
  private var entries: [SkipEntry] = []
  /// The term's positions as the positions file holds them.
  private var positions = BinaryWriter()
  private var encoder = TermEncoder()

  init(sources: [SegmentMerger.Source], docMaps: [[UInt32]]) {
    self.sources = sources
    self.docMaps = docMaps
    docBases = zip(sources, docMaps).map { source, map in
      source.deletions.count == 0 && !map.isEmpty ? map[0] : nil
    }
  }

  /// Merges `field`, whose documents have `fieldLengths` in the new segment,
  /// calling `sink` for each term in byte order with its bytes, its encoded
  /// postings and its encoded positions.
  mutating func merge(
    _ field: IndexedField, fieldLengths: [UInt32],
    into sink: (ArraySlice<UInt8>, inout TermEncoder, inout BinaryWriter) throws -> Void
  ) throws {
    var cursors = [Int](repeating: 0, count: sources.count)
    var current: [UnsafeRawBufferPointer?] = sources.map { $0.reader.termBytes(field, at: 0) }
    // Mapped source pages count as this process's memory: each source's
    // postings and positions of this field are released behind the terms
    // read, a few MB at a time (the field's bytes are contiguous, in term
    // order), leaving the pages of other fields to the thread reading them.
    var released = sources.map { source -> (postings: Int, positions: Int) in
      guard let info = source.reader.termInfo(field, at: 0) else { return (0, 0) }
      return (Int(info.postingsOffset), Int(info.positionsOffset))
    }
    func release(_ s: Int, upTo info: TermInfo, force: Bool) {
      let storage = sources[s].reader.storage
      let postings = Int(info.postingsOffset)
      let positions = Int(info.positionsOffset)
      if force || postings - released[s].postings >= TermMerger.releaseStep {
        storage.postings.releasePages(released[s].postings..<postings)
        released[s].postings = postings
      }
      if force || positions - released[s].positions >= TermMerger.releaseStep {
        storage.positions.releasePages(released[s].positions..<positions)
        released[s].positions = positions
      }
    }
    var last = [TermInfo?](repeating: nil, count: sources.count)
    while true {
      var smallest: UnsafeRawBufferPointer? = nil
      for term in current {
        if let term, smallest.map({ compareBytes(term, $0) < 0 }) ?? true { smallest = term }
      }
      guard let smallest else { break }
      let term = Array(smallest)
      encoder.startTerm()
      positions.bytes.removeAll(keepingCapacity: true)
      for s in sources.indices where current[s].map({ compareBytes($0, smallest) == 0 }) ?? false {
        let reader = sources[s].reader
        guard let info = reader.termInfo(field, at: cursors[s]) else {
          throw IndexError.corrupted(file: reader.storage.terms.name, reason: "term record \(cursors[s]) unreadable")
        }
        release(s, upTo: info, force: false)
        last[s] = info
        var postings = try reader.postings(info)
        if let base = docBases[s], postings.blocks > 1, postings.hasCurrentBlockFormat {
          try copyBlocks(&postings, info, reader.storage.positions, docBase: base, fieldLengths: fieldLengths)
        } else if let base = docBases[s] {
          // Every document stays: its positions bytes are copied as they are.
          let start = postings.next()
          try copyPositions(&postings, startingAt: start, from: Int(info.positionsOffset), reader.storage.positions,
                            docBase: base)
        } else {
          var doc = postings.next()
          while doc != PostingsIterator.exhausted {
            let mapped = docMaps[s][Int(doc)]
            if mapped != UInt32.max {
              let before = positions.count
              postings.positions().withUnsafeBufferPointer { positions.appendDeltaVarints($0) }
              docs.append(mapped)
              freqs.append(postings.termFrequency)
              lengths.append(UInt32(truncatingIfNeeded: positions.count - before))
            }
            doc = postings.next()
          }
        }
        if let error = postings.error { throw error }
        cursors[s] += 1
        current[s] = reader.termBytes(field, at: cursors[s])
      }
      encodePending(fieldLengths)
      if encoder.documentCount > 0 { try sink(term[...], &encoder, &positions) }
    }
    for s in sources.indices { if let info = last[s] { release(s, upTo: info, force: true) } }
  }

  /// Encodes the decoded documents into blocks (the last one may be short).
  private mutating func encodePending(_ fieldLengths: [UInt32]) {
    guard !docs.isEmpty else { return }
    encoder.appendDocuments(docs: docs, freqs: freqs, positionLengths: lengths, fieldLengths: fieldLengths)
    docs.removeAll(keepingCapacity: true)
    freqs.removeAll(keepingCapacity: true)
    lengths.removeAll(keepingCapacity: true)
  }

  /// Appends a term's list of several blocks from a source without
  /// deletions: every block but the last copied with its positions bytes,
  /// the last decoded (it joins the next source's documents).
  private mutating func copyBlocks(_ postings: inout PostingsIterator, _ info: TermInfo, _ file: MappedFile,
                                   docBase: UInt32, fieldLengths: [UInt32]) throws
  {
    encodePending(fieldLengths)
    let copied = postings.blocks - 1
    entries.removeAll(keepingCapacity: true)
    for b in 0..<copied { entries.append(postings.skipEntry(b)) }
    let positionsStart = Int(info.positionsOffset)
    let positionsLength = Int(postings.skipEntry(copied).positionsStart)
    guard let blocks = postings.blockBytes(copied), positionsStart + positionsLength <= file.bodyEnd,
          encoder.appendCopiedBlocks(blocks, entries: entries, firstPacked: postings.isPacked(0), docBase: docBase,
                                     positionsLength: UInt32(truncatingIfNeeded: positionsLength))
    else {
      throw IndexError.corrupted(file: file.name, reason: "the skip table of a term at byte \(info.postingsOffset) "
        + "points outside the postings or positions")
    }
    positions.appendBytes(UnsafeRawBufferPointer(rebasing: file.buffer[positionsStart..<(positionsStart + positionsLength)]))
    let start = postings.enterBlock(copied)
    try copyPositions(&postings, startingAt: start, from: positionsStart + positionsLength, file, docBase: docBase)
  }

  /// How far a source's pages run ahead of their release (bytes).
  private static let releaseStep = 8 << 20

  /// Appends a term's postings from a source without deletions, from
  /// `start` (the document `postings` stands on) to the end, to the decoded
  /// documents, each moved up by `docBase`; their positions bytes, which
  /// start at `first` in `file`, are copied without decoding them (a
  /// document's share is found by counting `tf` varint ends).
  private mutating func copyPositions(_ postings: inout PostingsIterator, startingAt start: UInt32, from first: Int,
                                      _ file: MappedFile, docBase: UInt32) throws
  {
    var cursor = first
    var doc = start
    while doc != PostingsIterator.exhausted {
      let tf = postings.termFrequency
      let documentStart = cursor
      guard let next = skipVarints(Int(tf), file.base, from: cursor, limit: file.bodyEnd) else {
        throw IndexError.corrupted(file: file.name, reason: "positions of a term run past the end of the file")
      }
      cursor = next
      docs.append(docBase &+ doc)
      freqs.append(tf)
      lengths.append(UInt32(truncatingIfNeeded: cursor - documentStart))
      doc = postings.next()
    }
    positions.appendBytes(UnsafeRawBufferPointer(rebasing: file.buffer[first..<cursor]))
  }
}
