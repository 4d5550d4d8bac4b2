#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import Dispatch

/// Writes one immutable segment's seven files, streaming.
///
/// Call order: `addDocument` for documents 0, 1, 2, … in order; then, for
/// each field in `IndexedField` order, `addTerm` for its terms in ascending
/// UTF-8 byte order; then `finish`, which writes the remaining files, fsyncs
/// all of them and returns the segment's description. Stored blocks are
/// compressed in parallel, a batch at a time.
final class SegmentWriter {
  let directory: String
  let name: String
  private let postings: OutputFile
  private let positions: OutputFile
  private let stored: OutputFile
  private(set) var maxDoc: UInt32 = 0

  // Per-document data kept until `finish` (small: ids, ordinals, lengths, dates).
  private var ids: [String] = []
  private var columnOrdinals: [[String: UInt32]] = Array(repeating: [:], count: ExactColumn.allCases.count)
  private var columnValues: [[String]] = Array(repeating: [], count: ExactColumn.allCases.count)
  private var columnDocs: [[UInt32]] = Array(repeating: [], count: ExactColumn.allCases.count)
  private var dates: [Int32] = []
  private var lengths: [[UInt32]] = Array(repeating: [], count: IndexedField.allCases.count)

  /// The stored file: blocks, dictionaries, block index.
  let storedBlocks: StoredBlockWriter

  // Terms of the field being written.
  private var fieldDirectory: [(count: UInt32, records: UInt64, bytes: UInt64, bytesLength: UInt64)] = []
  private var currentField: Int = -1
  private var termRecords = BinaryWriter()
  private var termBytes = BinaryWriter()
  private var termCount: UInt32 = 0
  private let terms: OutputFile

  init(directory: String, name: String, compressionLevel: Int32 = StoredBlockCodec.defaultLevel) throws {
    self.directory = directory
    self.name = name
    postings = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .postings),
                              kind: .postings, segment: name)
    positions = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .positions),
                               kind: .positions, segment: name)
    stored = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .stored),
                            kind: .stored, segment: name)
    storedBlocks = StoredBlockWriter(file: stored, level: compressionLevel)
    terms = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .terms), kind: .terms, segment: name)
  }

  // MARK: - Documents

  /// Adds the next document: its stored bytes (DocumentCodec), exact-match values, date and field lengths.
  func addDocument(id: String, stored storedBytes: [UInt8], columns: [String], date: Int32, lengths fieldLengths: [UInt32])
    throws
  {
    let doc = addDocumentValues(id: id, columns: columns, date: date, lengths: fieldLengths)
    try storedBlocks.add(doc: doc, bytes: storedBytes)
  }

  /// Appends a stored block compressed elsewhere (a merge source's, copied
  /// as it is, its dictionary adopted through `storedBlocks`); it must hold
  /// exactly the documents added next, with `addDocumentValues`.
  func addCompressedBlock(_ compressed: UnsafeRawBufferPointer, rawLength: Int) throws {
    try storedBlocks.addCompressed(compressed, rawLength: rawLength, firstDoc: maxDoc)
  }

  /// Adds the next document's id, exact-match values, date and field lengths
  /// (its stored bytes go in through `addDocument` or `addCompressedBlock`);
  /// returns its number.
  @discardableResult
  func addDocumentValues(id: String, columns: [String], date: Int32, lengths fieldLengths: [UInt32]) -> UInt32 {
    let doc = maxDoc
    maxDoc += 1
    ids.append(id)
    for (c, value) in columns.enumerated() where c < columnDocs.count {
      let ordinal: UInt32
      if let known = columnOrdinals[c][value] {
        ordinal = known
      } else {
        ordinal = UInt32(columnValues[c].count)
        columnOrdinals[c][value] = ordinal
        columnValues[c].append(value)
      }
      columnDocs[c].append(ordinal)
    }
    dates.append(date)
    for f in 0..<lengths.count { lengths[f].append(f < fieldLengths.count ? fieldLengths[f] : 0) }
    return doc
  }

  // MARK: - Terms

  /// Adds one term's postings, encoded in `encoded` (a merge's), with its
  /// positions already encoded as the positions file holds them (each
  /// document's positions as varint deltas); empties `positions`.
  func addTerm(_ field: IndexedField, _ term: ArraySlice<UInt8>, encoded: inout TermEncoder,
               positions termPositions: inout BinaryWriter) throws
  {
    let f = Int(field.rawValue)
    while currentField < f { try finishField() }
    encoded.finishTerm()
    FieldEncoding.appendRecord(
      to: &termRecords, termOffset: termBytes.count, termLength: term.count, documentFrequency: encoded.documentCount,
      maxTF: encoded.maxTermFrequency, minLength: encoded.minFieldLength, postingsStart: UInt64(postings.count),
      positionsStart: UInt64(positions.count))
    if encoded.hasSkipTable { try postings.write(encoded.skip.bytes) }
    try postings.write(encoded.postings.bytes)
    try positions.write(&termPositions)
    termBytes.appendBytes(term)
    termCount += 1
  }

  /// Each document's length in `field`, for encoding its terms elsewhere.
  func fieldLengths(_ field: IndexedField) -> [UInt32] { lengths[Int(field.rawValue)] }

  /// Adds a whole field encoded in memory (instead of `addTerm` per term);
  /// fields still come in `IndexedField` order.
  func addEncodedField(_ field: IndexedField, _ encoding: inout FieldEncoding) throws {
    let f = Int(field.rawValue)
    while currentField < f { try finishField() }
    encoding.rebase(postingsBase: UInt64(postings.count), positionsBase: UInt64(positions.count))
    try encoding.spilledPostings?.forEachChunk { try postings.write($0) }
    try postings.write(&encoding.postings)
    try encoding.spilledPositions?.forEachChunk { try positions.write($0) }
    try positions.write(&encoding.positions)
    termRecords = encoding.records
    termBytes = encoding.termBytes
    termCount = encoding.termCount
  }

  /// Closes the current field's term list and opens the next one.
  private func finishField() throws {
    if currentField >= 0 {
      let recordsOffset = UInt64(terms.count)
      try terms.write(&termRecords)
      let bytesOffset = UInt64(terms.count)
      let bytesLength = UInt64(termBytes.count)
      try terms.write(&termBytes)
      fieldDirectory.append((termCount, recordsOffset, bytesOffset, bytesLength))
    }
    currentField += 1
    termCount = 0
  }

  // MARK: - Finish

  /// Writes the remaining files, fsyncs all seven and returns their sizes by kind.
  func finish() throws -> [FileKind: Int] {
    while currentField < IndexedField.allCases.count { try finishField() }
    var sizes: [FileKind: Int] = [:]
    // Terms directory: per field count, records offset, bytes offset, bytes length, total field length.
    var directory = BinaryWriter()
    let directoryOffset = UInt64(terms.count)
    for (f, entry) in fieldDirectory.enumerated() {
      directory.appendUInt32(entry.count)
      directory.appendUInt64(entry.records)
      directory.appendUInt64(entry.bytes)
      directory.appendUInt64(entry.bytesLength)
      directory.appendUInt64(lengths[f].reduce(0) { $0 + UInt64($1) })
    }
    directory.appendUInt64(directoryOffset)
    try terms.write(&directory)
    sizes[.terms] = try terms.finish()
    sizes[.postings] = try postings.finish()
    sizes[.positions] = try positions.finish()

    sizes[.stored] = try storedBlocks.finish()

    sizes[.lengths] = try writeLengths()
    sizes[.columns] = try writeColumns()
    sizes[.ids] = try writeIDs()
    return sizes
  }

  private func writeLengths() throws -> Int {
    let file = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .lengths), kind: .lengths,
                              segment: name)
    var w = BinaryWriter(reservingCapacity: 4 + Int(maxDoc) * 4 * lengths.count)
    w.appendUInt32(maxDoc)
    for field in lengths { for length in field { w.appendUInt32(length) } }
    try file.write(&w)
    return try file.finish()
  }

  /// Columns: per column the sorted distinct values and one ordinal per doc
  /// (1, 2 or 4 bytes wide), then the dates; a directory at the end.
  private func writeColumns() throws -> Int {
    let file = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .columns), kind: .columns,
                              segment: name)
    var w = BinaryWriter()
    var entries: [(values: UInt64, count: UInt32, ordinals: UInt64, width: UInt8)] = []
    let headerLength = UInt64(file.count)
    for c in 0..<columnValues.count {
      let values = columnValues[c]
      let order = values.indices.sorted { values[$0].utf8.lexicographicallyPrecedes(values[$1].utf8) }
      var remap = [UInt32](repeating: 0, count: values.count)
      for (sortedIndex, original) in order.enumerated() { remap[original] = UInt32(sortedIndex) }
      let valuesOffset = headerLength + UInt64(w.count)
      for original in order { w.appendString(values[original]) }
      let width: UInt8 = values.count <= 0xFF ? 1 : values.count <= 0xFFFF ? 2 : 4
      let ordinalsOffset = headerLength + UInt64(w.count)
      for ordinal in columnDocs[c] {
        let v = remap[Int(ordinal)]
        switch width {
        case 1: w.appendUInt8(UInt8(truncatingIfNeeded: v))
        case 2: w.appendUInt16(UInt16(truncatingIfNeeded: v))
        default: w.appendUInt32(v)
        }
      }
      entries.append((valuesOffset, UInt32(values.count), ordinalsOffset, width))
    }
    let datesOffset = headerLength + UInt64(w.count)
    for date in dates { w.appendInt32(date) }
    let directoryOffset = headerLength + UInt64(w.count)
    w.appendUInt32(maxDoc)
    for entry in entries {
      w.appendUInt64(entry.values)
      w.appendUInt32(entry.count)
      w.appendUInt64(entry.ordinals)
      w.appendUInt8(entry.width)
    }
    w.appendUInt64(datesOffset)
    w.appendUInt64(directoryOffset)
    try file.write(&w)
    return try file.finish()
  }

  /// Ids: count, then (id offset, id length, doc) records sorted by id bytes, then the id bytes.
  private func writeIDs() throws -> Int {
    let file = try OutputFile(directory: directory, name: FileKind.segmentFileName(name, .ids), kind: .ids, segment: name)
    var arena: [UInt8] = []
    var order: [(doc: Int, span: Range<Int>)] = []
    order.reserveCapacity(ids.count)
    for (doc, id) in ids.enumerated() {
      let start = arena.count
      arena.append(contentsOf: id.utf8)
      order.append((doc, start..<arena.count))
    }
    ByteOrder.sort(&order, in: arena) { $0.span }
    var records = BinaryWriter(reservingCapacity: 4 + ids.count * 12)
    var bytes = BinaryWriter(reservingCapacity: arena.count)
    records.appendUInt32(UInt32(ids.count))
    for (doc, span) in order {
      records.appendUInt32(UInt32(truncatingIfNeeded: bytes.count))
      records.appendUInt32(UInt32(span.count))
      records.appendUInt32(UInt32(doc))
      bytes.appendBytes(arena[span])
    }
    try file.write(&records)
    try file.write(&bytes)
    return try file.finish()
  }
}

/// Write-once result slots for `DispatchQueue.concurrentPerform` workers.
///
/// Each index is written by exactly one worker and read after all workers
/// finish, so the slots need no lock.
final class ResultSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>
  init(count: Int) {
    slots = UnsafeMutableBufferPointer<Value?>.allocate(capacity: max(count, 1))
    slots.initialize(repeating: nil)
  }
  deinit {
    slots.deinitialize()
    slots.deallocate()
  }
  func set(_ index: Int, _ value: Value) { slots[index] = value }
  func take(_ index: Int) -> Value? {
    let value = slots[index]
    slots[index] = nil
    return value
  }
}
