/// Merges segments into one, dropping deleted documents.
///
/// Documents keep their order (segment by segment), so merging the segments
/// of a one-pass build gives the same segment as building in one pass. Terms
/// are merged field by field in byte order; each term's postings are read
/// segment by segment with documents renumbered.
enum SegmentMerger {
  struct Source: Sendable {
    var reader: SegmentReader
    var deletions: DeletionSet
  }

  /// What a merge wrote: the new segment's document count and file sizes,
  /// and per source, each old document's number in the new segment
  /// (`UInt32.max` for a deleted one).
  struct Output: Sendable {
    var maxDoc: UInt32
    var sizes: [FileKind: Int]
    var docMaps: [[UInt32]]
  }

  static func merge(_ sources: [Source], directory: String, name: String, compressionLevel: Int32) throws -> Output {
    let writer = try SegmentWriter(directory: directory, name: name, compressionLevel: compressionLevel)
    // Documents recompressed here (from sources with deletions) use the
    // dictionary of the largest source that has one: no training, and that
    // source's blocks are copied with the same dictionary.
    if let largest = sources.filter({ $0.reader.storedDictionaryCount > 0 }).max(by: { $0.reader.maxDoc < $1.reader.maxDoc }),
       let dictionary = largest.reader.storedDictionaries().first {
      _ = writer.storedBlocks.use(dictionary: dictionary.bytes)
    }
    var docMaps: [[UInt32]] = []
    var next: UInt32 = 0
    for source in sources {
      let segment = source.reader
      var map = [UInt32](repeating: UInt32.max, count: Int(segment.maxDoc))
      let columns = ExactColumn.allCases.map { segment.column($0) }
      if source.deletions.count == 0, writer.storedBlocks.adopt(segment.storedDictionaries()) {
        // Nothing to drop: the compressed blocks are copied as they are
        // (unless a dictionary ID clashes with another source's).
        try copyStoredBlocks(segment, columns: columns, into: writer)
        for doc in 0..<Int(segment.maxDoc) {
          map[doc] = next
          next += 1
        }
        docMaps.append(map)
        segment.storage.stored.releasePages()
        segment.storage.ids.releasePages()
        continue
      }
      var blockIndex = 0
      var doc: UInt32 = 0
      while doc < segment.maxDoc {
        let (first, block) = try segment.storedBlock(at: blockIndex)
        guard first == doc else {
          throw IndexError.corrupted(file: segment.storage.stored.name, reason: "block \(blockIndex) starts at \(first), expected \(doc)")
        }
        blockIndex += 1
        var r = ByteArrayReader(block, fileName: segment.storage.stored.name)
        while r.offset < block.count {
          let length = Int(try r.readVarint())
          guard length <= block.count - r.offset else { throw r.corrupted("stored document length \(length) too large") }
          let bytes = Array(block[r.offset..<(r.offset + length)])
          r.offset += length
          if !source.deletions.contains(doc) {
            var idReader = ByteArrayReader(bytes, fileName: segment.storage.stored.name)
            let id = try idReader.readString()
            map[Int(doc)] = next
            next += 1
            try writer.addDocument(
              id: id, stored: bytes, columns: columns.map { $0.value(doc) ?? "" }, date: segment.date(doc) ?? SegmentFormat.missingDate,
              lengths: IndexedField.allCases.map { segment.fieldLength($0, doc) })
          }
          doc += 1
        }
      }
      docMaps.append(map)
      segment.storage.stored.releasePages()
      segment.storage.ids.releasePages()
    }
    // One term's merged postings: documents, frequencies, and positions as
    // the positions file holds them, with each document's byte count.
    var docs: [UInt32] = []
    var freqs: [UInt32] = []
    var encoded = BinaryWriter()
    var lengths: [UInt32] = []
    /// Appends a term's postings from a source without deletions, its
    /// positions bytes copied without decoding them (a document's share is
    /// found by counting `tf` varint ends).
    func copyPositions(_ postings: inout PostingsIterator, _ info: TermInfo, _ file: MappedFile, docMap: [UInt32]) throws {
      let first = Int(info.positionsOffset)
      var cursor = first
      let bytes = file.buffer
      var doc = postings.next()
      while doc != PostingsIterator.exhausted {
        let tf = postings.termFrequency
        let start = cursor
        cursor = try skipVarints(Int(tf), in: file, from: cursor)
        docs.append(docMap[Int(doc)])
        freqs.append(tf)
        lengths.append(UInt32(truncatingIfNeeded: cursor - start))
        doc = postings.next()
      }
      encoded.appendBytes(UnsafeRawBufferPointer(rebasing: bytes[first..<cursor]))
    }
    for field in IndexedField.allCases {
      var cursors = [Int](repeating: 0, count: sources.count)
      var current: [UnsafeRawBufferPointer?] = sources.map { $0.reader.termBytes(field, at: 0) }
      while true {
        var smallest: UnsafeRawBufferPointer? = nil
        for term in current {
          if let term, smallest.map({ compareBytes(term, $0) < 0 }) ?? true { smallest = term }
        }
        guard let smallest else { break }
        let term = Array(smallest)
        docs.removeAll(keepingCapacity: true)
        freqs.removeAll(keepingCapacity: true)
        encoded.bytes.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        for s in sources.indices where current[s].map({ compareBytes($0, smallest) == 0 }) ?? false {
          let reader = sources[s].reader
          guard let info = reader.termInfo(field, at: cursors[s]) else {
            throw IndexError.corrupted(file: reader.storage.terms.name, reason: "term record \(cursors[s]) unreadable")
          }
          var postings = try reader.postings(info)
          if sources[s].deletions.count == 0 {
            // Every document stays: its positions bytes are copied as they are.
            try copyPositions(&postings, info, reader.storage.positions, docMap: docMaps[s])
          } else {
            var doc = postings.next()
            while doc != PostingsIterator.exhausted {
              let mapped = docMaps[s][Int(doc)]
              if mapped != UInt32.max {
                let before = encoded.count
                var previous: UInt32 = 0
                for position in postings.positions() {
                  encoded.appendVarint(position &- previous)
                  previous = position
                }
                docs.append(mapped)
                freqs.append(postings.termFrequency)
                lengths.append(UInt32(truncatingIfNeeded: encoded.count - before))
              }
              doc = postings.next()
            }
          }
          if let error = postings.error { throw error }
          cursors[s] += 1
          current[s] = reader.termBytes(field, at: cursors[s])
        }
        if !docs.isEmpty {
          try writer.addTerm(field, term[...], docs: docs, freqs: freqs, encodedPositions: &encoded, positionLengths: lengths)
        }
      }
      for source in sources {
        source.reader.storage.postings.releasePages()
        source.reader.storage.positions.releasePages()
      }
    }
    return Output(maxDoc: next, sizes: try writer.finish(), docMaps: docMaps)
  }

  /// The offset just past the `count` varints that start at `offset` of
  /// `file`'s body.
  ///
  /// Eight bytes at a time: a byte with its high bit clear ends a varint, so
  /// the ends in a word are the set bits of `~word & 0x80…80`. One step
  /// covers the positions of most documents, instead of a branch per byte.
  @inline(__always)
  static func skipVarints(_ count: Int, in file: MappedFile, from offset: Int) throws -> Int {
    var cursor = offset
    var left = count
    let end = file.bodyEnd
    guard let base = file.buffer.baseAddress else { return cursor }
    while left > 0 {
      if cursor + 8 <= end {
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
        var stops = ~word & 0x8080_8080_8080_8080
        let found = stops.nonzeroBitCount
        if found < left {
          left -= found
          cursor += 8
          continue
        }
        for _ in 1..<left { stops &= stops &- 1 }
        return cursor + stops.trailingZeroBitCount / 8 + 1
      }
      guard cursor < end else {
        throw IndexError.corrupted(file: file.name, reason: "positions of a term run past the end of the file")
      }
      if base.load(fromByteOffset: cursor, as: UInt8.self) & 0x80 == 0 { left -= 1 }
      cursor += 1
    }
    return cursor
  }

  /// Copies every stored block of `segment` without decoding it (zstd or zlib alike), with its
  /// documents' ids (from the id map), exact-match values, dates and lengths.
  ///
  /// Recompressing the stored documents was the largest part of a merge
  /// (zlib both ways over about 2.4 KB per document).
  private static func copyStoredBlocks(_ segment: SegmentReader, columns: [ColumnReader], into writer: SegmentWriter) throws {
    let name = segment.storage.stored.name
    var ids = [String](repeating: "", count: Int(segment.maxDoc))
    for i in 0..<Int(segment.maxDoc) {
      guard let (bytes, doc) = segment.idRecord(i), doc < segment.maxDoc else {
        throw IndexError.corrupted(file: segment.storage.ids.name, reason: "id record \(i) unreadable")
      }
      ids[Int(doc)] = String(decoding: bytes, as: UTF8.self)
    }
    let blockCount = segment.storage.storedBlockCount
    var doc: UInt32 = 0
    for b in 0..<blockCount {
      let (first, offset, compressedLength, rawLength) = try segment.storedBlockEntry(b)
      let end = b + 1 < blockCount ? try segment.storedBlockEntry(b + 1).firstDoc : segment.maxDoc
      guard first == doc, end > first, end <= segment.maxDoc else {
        throw IndexError.corrupted(file: name, reason: "block \(b) holds documents \(first)..<\(end), expected from \(doc)")
      }
      try writer.addCompressedBlock(
        UnsafeRawBufferPointer(rebasing: segment.storage.stored.buffer[offset..<(offset + compressedLength)]),
        rawLength: rawLength)
      while doc < end {
        writer.addDocumentValues(
          id: ids[Int(doc)], columns: columns.map { $0.value(doc) ?? "" }, date: segment.date(doc) ?? SegmentFormat.missingDate,
          lengths: IndexedField.allCases.map { segment.fieldLength($0, doc) })
        doc += 1
      }
    }
    guard doc == segment.maxDoc else {
      throw IndexError.corrupted(file: name, reason: "stored blocks end at document \(doc), expected \(segment.maxDoc)")
    }
  }
}
