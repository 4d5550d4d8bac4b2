import Dispatch

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
    /// Whether the source's files are known intact (written by this writer);
    /// otherwise the merge verifies their checksums first, since it copies
    /// stored blocks, postings blocks and positions without decoding them
    /// and a flipped bit would pass into the new segment under a valid
    /// checksum (Lucene's merges check integrity for the same reason).
    var checksummed = true
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
    for source in sources where !source.checksummed {
      try source.reader.storage.verifyChecksums()
    }
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
    // The largest field (the body's bigrams, about half the work) is merged
    // on a second thread into a FieldEncoding that spills to scratch files,
    // while this one streams the other fields into the segment; it is then
    // appended last, in field order.
    let largest = IndexedField.bodyBigrams
    let background = ResultSlots<Result<FieldEncoding, any Error>>(count: 1)
    let group = DispatchGroup()
    let lengths = writer.fieldLengths(largest)
    let maps = docMaps
    DispatchQueue.global().async(group: group) {
      background.set(0, Result {
        var encoding = try FieldEncoding(fieldLengths: lengths, spillDirectory: directory)
        var merger = TermMerger(sources: sources, docMaps: maps)
        try merger.merge(largest, fieldLengths: lengths) { term, encoded, positions in
          try encoding.addTerm(term, encoded: &encoded, positions: positions)
        }
        return encoding
      })
    }
    var merger = TermMerger(sources: sources, docMaps: docMaps)
    var streamed: Result<Void, any Error> = .success(())
    for field in IndexedField.allCases where field != largest {
      streamed = Result {
        try merger.merge(field, fieldLengths: writer.fieldLengths(field)) { term, encoded, positions in
          try writer.addTerm(field, term, encoded: &encoded, positions: &positions)
        }
      }
      if case .failure = streamed { break }
    }
    group.wait()
    try streamed.get()
    guard var encoding = try background.take(0)?.get() else {
      throw IndexError.corrupted(file: name, reason: "the merge of field \(largest.name) did not finish")
    }
    try writer.addEncodedField(largest, &encoding)
    for source in sources {
      source.reader.storage.postings.releasePages()
      source.reader.storage.positions.releasePages()
    }
    return Output(maxDoc: next, sizes: try writer.finish(), docMaps: docMaps)
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
