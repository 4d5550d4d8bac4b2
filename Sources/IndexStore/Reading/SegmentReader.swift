import CZlib
import Ingest

/// One segment as seen by one commit: immutable mapped files plus that commit's deletions.
///
/// A cheap-to-copy struct over a shared `SegmentStorage`; safe from many threads.
package struct SegmentReader: Sendable {
  let storage: SegmentStorage
  let deletions: DeletionSet?
  /// The deletion file of this commit, if any.
  let deletionFile: String?

  package var name: String { storage.name }
  /// Documents are numbered 0..<maxDoc within the segment.
  package var maxDoc: UInt32 { storage.maxDoc }

  package func isLive(_ doc: UInt32) -> Bool {
    doc < storage.maxDoc && !(deletions?.contains(doc) ?? false)
  }

  package var deletedCount: Int { deletions?.count ?? 0 }
  package var liveDocumentCount: Int { Int(storage.maxDoc) - deletedCount }

  // MARK: - Terms

  /// Binary search of the field's sorted term records (within the range its
  /// `TermIndex` allows, once built); the record's index or the insertion point.
  private func search(_ field: IndexedField, _ key: UnsafeRawBufferPointer) -> (index: Int, found: Bool) {
    let directory = storage.fields[Int(field.rawValue)]
    var low = 0
    var high = directory.termCount
    if let range = storage.termCandidates(field, key, build: {
      TermIndex(termCount: directory.termCount) { termBytes(directory, $0) }
    }) {
      low = range.lowerBound
      high = range.upperBound
    }
    while low < high {
      let mid = (low + high) / 2
      guard let term = termBytes(directory, mid) else { return (directory.termCount, false) }
      let c = compareBytes(term, key)
      if c < 0 { low = mid + 1 } else if c > 0 { high = mid } else { return (mid, true) }
    }
    return (low, false)
  }

  private func termBytes(_ directory: SegmentStorage.FieldDirectory, _ i: Int) -> UnsafeRawBufferPointer? {
    let record = directory.recordsOffset + i * SegmentFormat.termRecordLength
    guard let offset = storage.loadUInt32(storage.terms, record),
          let length = storage.loadUInt32(storage.terms, record + 4)
    else { return nil }
    return storage.bytes(storage.terms, base: directory.bytesOffset,
                         limit: directory.bytesOffset + directory.bytesLength, offset: offset, length: length)
  }

  func termInfo(_ field: IndexedField, at i: Int) -> TermInfo? {
    let directory = storage.fields[Int(field.rawValue)]
    guard i >= 0, i < directory.termCount else { return nil }
    let record = directory.recordsOffset + i * SegmentFormat.termRecordLength
    var r = storage.terms.reader(start: record + 8, end: record + SegmentFormat.termRecordLength)
    guard let df = try? r.readUInt32(), let maxTF = try? r.readUInt32(), let minLength = try? r.readUInt32(),
          let postings = try? r.readUInt64(), let positions = try? r.readUInt64()
    else { return nil }
    return TermInfo(documentFrequency: Int(df), maxTermFrequency: maxTF, minFieldLength: minLength,
                    postingsOffset: postings, positionsOffset: positions)
  }

  /// The number of distinct terms of a field in this segment.
  package func termCount(_ field: IndexedField) -> Int { storage.fields[Int(field.rawValue)].termCount }

  /// The UTF-8 bytes of the i-th term of a field (in the mapped file).
  func termBytes(_ field: IndexedField, at i: Int) -> UnsafeRawBufferPointer? {
    let directory = storage.fields[Int(field.rawValue)]
    guard i >= 0, i < directory.termCount else { return nil }
    return termBytes(directory, i)
  }

  /// The i-th term of a field in byte order.
  package func term(_ field: IndexedField, at i: Int) -> String? {
    let directory = storage.fields[Int(field.rawValue)]
    guard i >= 0, i < directory.termCount, let bytes = termBytes(directory, i) else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }

  package func termInfo(_ field: IndexedField, _ term: String) -> TermInfo? {
    var key = term
    return key.withUTF8 { utf8 in
      let (i, found) = search(field, UnsafeRawBufferPointer(utf8))
      return found ? termInfo(field, at: i) : nil
    }
  }

  /// The term's postings in this segment; nil if absent; throws if its record is damaged.
  package func postings(_ field: IndexedField, _ term: String) throws -> PostingsIterator? {
    guard let info = termInfo(field, term) else { return nil }
    return try PostingsIterator(storage: storage, info: info)
  }

  /// The postings of a term whose record `termInfo` already gave; throws if it is damaged.
  package func postings(_ info: TermInfo) throws -> PostingsIterator {
    try PostingsIterator(storage: storage, info: info)
  }

  /// Postings of the i-th term (for vocabulary walks and merging).
  func postings(_ field: IndexedField, at i: Int) throws -> PostingsIterator? {
    guard let info = termInfo(field, at: i) else { return nil }
    return try PostingsIterator(storage: storage, info: info)
  }

  /// Terms of a field starting with `prefix`, in byte order (at most `limit`).
  package func terms(_ field: IndexedField, prefix: String, limit: Int = .max) -> [String] {
    var key = prefix
    let start = key.withUTF8 { search(field, UnsafeRawBufferPointer($0)).index }
    let directory = storage.fields[Int(field.rawValue)]
    var result: [String] = []
    let prefixBytes = Array(prefix.utf8)
    var i = start
    while i < directory.termCount && result.count < limit {
      guard let bytes = termBytes(directory, i), bytes.count >= prefixBytes.count,
            bytes.prefix(prefixBytes.count).elementsEqual(prefixBytes),
            let term = String(validating: bytes, as: UTF8.self)
      else { break }
      result.append(term)
      i += 1
    }
    return result
  }

  // MARK: - Per-document values

  /// The token count of a field in a document (0 if out of range).
  package func fieldLength(_ field: IndexedField, _ doc: UInt32) -> UInt32 {
    guard doc < storage.maxDoc else { return 0 }
    let offset = storage.lengthsOffset + (Int(field.rawValue) * Int(storage.maxDoc) + Int(doc)) * 4
    return storage.loadUInt32(storage.lengths, offset) ?? 0
  }

  /// The sum of a field's lengths over all documents of the segment (deleted included).
  package func totalFieldLength(_ field: IndexedField) -> Int { Int(storage.fields[Int(field.rawValue)].totalFieldLength) }

  package func column(_ column: ExactColumn) -> ColumnReader {
    guard let values = try? storage.columnValues(column) else { return .empty }
    let entry = storage.columnDirectories[Int(column.rawValue)]
    return ColumnReader(values: values, file: storage.columns, ordinalsOffset: entry.ordinalsOffset, width: entry.width,
                        maxDoc: storage.maxDoc)
  }

  /// The column's distinct values (in `column(_:).values` order) after
  /// `Analyzer.normalizedText`, cached per segment; empty if unreadable.
  package func normalizedColumnValues(_ column: ExactColumn) -> [String] {
    (try? storage.normalizedColumnValues(column)) ?? []
  }

  /// The ordinals of the column's values that are in `values` or whose
  /// `Analyzer.normalizedText` form is in `forms` (every spelling of a value,
  /// as filters and facets take it).
  package func ordinals(of column: ExactColumn, values: Set<String>, forms: Set<String>) -> Set<UInt32> {
    let stored = self.column(column).values
    let normalized = forms.isEmpty ? [] : normalizedColumnValues(column)
    var accepted = Set<UInt32>()
    for (ordinal, value) in stored.enumerated()
    where values.contains(value) || (ordinal < normalized.count && forms.contains(normalized[ordinal])) {
      accepted.insert(UInt32(ordinal))
    }
    return accepted
  }

  /// Days since 1970-01-01, nil when the document has no date.
  package func date(_ doc: UInt32) -> Int32? {
    guard doc < storage.maxDoc, let raw = storage.loadUInt32(storage.columns, storage.datesOffset + Int(doc) * 4) else {
      return nil
    }
    let value = Int32(bitPattern: raw)
    return value == SegmentFormat.missingDate ? nil : value
  }

  /// The document number of an id (live or deleted), by binary search of the id map.
  package func docID(forKey id: String) -> UInt32? {
    var key = id
    return key.withUTF8 { utf8 -> UInt32? in
      let keyBytes = UnsafeRawBufferPointer(utf8)
      var low = 0
      var high = Int(storage.maxDoc)
      while low < high {
        let mid = (low + high) / 2
        guard let (bytes, doc) = idRecord(mid) else { return nil }
        let c = compareBytes(bytes, keyBytes)
        if c < 0 { low = mid + 1 } else if c > 0 { high = mid } else { return doc < storage.maxDoc ? doc : nil }
      }
      return nil
    }
  }

  func idRecord(_ i: Int) -> (UnsafeRawBufferPointer, UInt32)? {
    let record = storage.idRecordsOffset + i * 12
    guard let offset = storage.loadUInt32(storage.ids, record), let length = storage.loadUInt32(storage.ids, record + 4),
          let doc = storage.loadUInt32(storage.ids, record + 8),
          let bytes = storage.bytes(storage.ids, base: storage.idBytesOffset, limit: storage.ids.bodyEnd, offset: offset,
                                    length: length)
    else { return nil }
    return (bytes, doc)
  }

  // MARK: - Stored documents

  /// The number of compressed blocks the segment's documents are stored in.
  package var storedBlockCount: Int { storage.storedBlockCount }
  /// The zstd dictionaries of the stored file (by ID), each as its bytes.
  func storedDictionaries() -> [(id: UInt32, bytes: [UInt8])] {
    storage.storedDictionaryRanges.sorted { $0.value.offset < $1.value.offset }.map { id, range in
      (id, Array(UnsafeRawBufferPointer(start: storage.stored.base + range.offset, count: range.length)))
    }
  }
  /// The number of zstd dictionaries in the stored file.
  package var storedDictionaryCount: Int { storage.storedDictionaryRanges.count }

  /// The stored document (whole, extra fields verbatim); throws on damaged bytes.
  package func document(_ doc: UInt32) throws -> Document {
    try document(doc, body: true).document
  }

  /// Stored document `doc`, its body decoded only when `body` is true, and
  /// the body's UTF-8 bytes as stored either way (unvalidated: a damaged
  /// block that still decompresses may hold invalid UTF-8).
  package func document(_ doc: UInt32, body: Bool) throws -> (document: Document, body: ArraySlice<UInt8>) {
    let (bytes, range) = try storedPrefix(upTo: doc)
    var reader = ByteArrayReader(bytes, fileName: storage.stored.name)
    reader.offset = range.lowerBound
    let (document, bodyRange) = try DocumentCodec.decode(&reader, body: body)
    guard reader.offset == range.upperBound else {
      throw reader.corrupted("stored document \(doc) does not end where its length says")
    }
    return (document, bytes[bodyRange])
  }

  /// Decompresses the block that holds `doc`.
  func storedBlock(containing doc: UInt32) throws -> (firstDoc: UInt32, bytes: [UInt8]) {
    try storedBlock(at: try storedBlockIndex(containing: doc))
  }

  /// The index of the block that holds `doc`.
  func storedBlockIndex(containing doc: UInt32) throws -> Int {
    let name = storage.stored.name
    guard doc < storage.maxDoc else {
      throw IndexError.corrupted(file: name, reason: "document \(doc) beyond maxDoc \(storage.maxDoc)")
    }
    var low = 0
    var high = storage.storedBlockCount
    while low < high {  // last block with firstDoc <= doc
      let mid = (low + high) / 2
      guard let first = storage.loadUInt32(storage.stored, storage.storedIndexOffset + mid * 20) else {
        throw IndexError.corrupted(file: name, reason: "block index entry \(mid) outside the file")
      }
      if first <= doc { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { throw IndexError.corrupted(file: name, reason: "no stored block holds document \(doc)") }
    return low - 1
  }

  /// Block `b`'s entry of the block index, checked against the file.
  func storedBlockEntry(_ b: Int) throws -> (firstDoc: UInt32, offset: Int, compressedLength: Int, rawLength: Int) {
    let name = storage.stored.name
    var r = storage.stored.reader(start: storage.storedIndexOffset + b * 20, end: storage.storedIndexOffset + b * 20 + 20)
    let first = try r.readUInt32()
    let offset = try r.readOffset()
    let compressedLength = Int(try r.readUInt32())
    let rawLength = Int(try r.readUInt32())
    guard offset >= storage.stored.bodyStart, offset + compressedLength <= storage.stored.bodyEnd,
          rawLength <= 64 * SegmentFormat.storedBlockTarget + (1 << 28)
    else { throw IndexError.corrupted(file: name, reason: "stored block \(b) points outside the file") }
    return (first, offset, compressedLength, rawLength)
  }

  /// Block `b`'s compressed bytes in the mapped file.
  func storedBlockBytes(_ entry: (firstDoc: UInt32, offset: Int, compressedLength: Int, rawLength: Int))
    -> UnsafeRawBufferPointer
  {
    UnsafeRawBufferPointer(start: storage.stored.base + entry.offset, count: entry.compressedLength)
  }

  /// Decompresses block `b` whole (zstd or zlib, told by its first bytes).
  func storedBlock(at b: Int) throws -> (firstDoc: UInt32, bytes: [UInt8]) {
    let entry = try storedBlockEntry(b)
    let compressed = storedBlockBytes(entry)
    var failure: String?
    let output = [UInt8](unsafeUninitializedCapacity: entry.rawLength) { buffer, count in
      failure = StoredBlockCodec.decompress(compressed, into: UnsafeMutableRawBufferPointer(buffer),
                                            dictionary: storage.storedDictionary)
      count = failure == nil ? entry.rawLength : 0
    }
    if let failure {
      throw IndexError.corrupted(file: storage.stored.name, reason: "stored block \(b) at byte \(entry.offset): \(failure)")
    }
    return (entry.firstDoc, output)
  }
}

extension SegmentReader {
  /// Bytes a field takes in the terms, postings and positions files (for size reports).
  package func fieldByteSizes(_ field: IndexedField) -> (terms: Int, postings: Int, positions: Int) {
    func start(_ f: Int) -> (postings: Int, positions: Int)? {
      guard f < IndexedField.allCases.count, let field = IndexedField(rawValue: UInt8(f)),
            let info = termInfo(field, at: 0) else { return nil }
      return (Int(info.postingsOffset), Int(info.positionsOffset))
    }
    let f = Int(field.rawValue)
    guard let begin = start(f) else { return (0, 0, 0) }
    var end = (postings: storage.postings.bodyEnd, positions: storage.positions.bodyEnd)
    for next in (f + 1)..<IndexedField.allCases.count {
      if let s = start(next) {
        end = s
        break
      }
    }
    let directory = storage.fields[f]
    return (directory.termCount * SegmentFormat.termRecordLength + directory.bytesLength,
            max(0, end.postings - begin.postings), max(0, end.positions - begin.positions))
  }
}
