import TextAnalysis

/// The mapped files of one segment and the small directories parsed from them.
///
/// Opening maps the seven files, checks every header and footer (magic, kind,
/// version, segment name, length), fully checksums files of at most
/// `SegmentFormat.verifyOnOpenLimit` bytes, and parses the fixed-size
/// directories; it reads nothing in proportion to the number of documents.
final class SegmentStorage: @unchecked Sendable {
  let name: String
  let maxDoc: UInt32
  let terms: MappedFile
  let postings: MappedFile
  let positions: MappedFile
  let lengths: MappedFile
  let columns: MappedFile
  let stored: MappedFile
  let ids: MappedFile

  /// The checksums the seven files' footers record, in `FileKind.segmentFiles` order.
  var fileChecksums: [UInt32] { files.map(\.recordedChecksum) }

  /// Throws `corrupted` for a file whose footer checksum is not the one the
  /// manifest recorded for it: a file put in place of the segment's own (a
  /// segment of the same name from another index, an older copy), which its
  /// own frame and checksum cannot show. Nothing is checked without a record
  /// (manifests before version 2) or where the record is 0.
  func verifyChecksums(recorded: [UInt32]?, manifest: String) throws {
    guard let recorded, recorded.count == FileKind.segmentFiles.count else { return }
    for (file, expected) in zip(files, recorded) {
      if let reason = Self.checksumMismatch(file, recorded: expected, manifest: manifest) {
        throw IndexError.corrupted(file: file.name, reason: reason)
      }
    }
  }

  /// Why `file` is not the one `manifest` recorded the checksum `recorded`
  /// for; nil when it is, or when nothing was recorded (0).
  static func checksumMismatch(_ file: MappedFile, recorded: UInt32, manifest: String) -> String? {
    guard recorded != 0, file.recordedChecksum != recorded else { return nil }
    return "its checksum \(hex(file.recordedChecksum)) is not the \(hex(recorded)) \(manifest) recorded "
      + "(a file of another index or an older copy put in its place?)"
  }

  struct FieldDirectory {
    var termCount: Int
    var recordsOffset: Int
    var bytesOffset: Int
    var bytesLength: Int
    var totalFieldLength: UInt64
  }
  struct ColumnDirectory {
    var valuesOffset: Int
    var valueCount: Int
    var ordinalsOffset: Int
    var width: Int
  }
  let fields: [FieldDirectory]
  let columnDirectories: [ColumnDirectory]
  let datesOffset: Int
  let lengthsOffset: Int
  let storedIndexOffset: Int
  let storedBlockCount: Int
  /// Where each zstd dictionary of the stored file lies, by dictionary ID.
  let storedDictionaryRanges: [UInt32: (offset: Int, length: Int)]
  /// Dictionaries digested for decompression on first use.
  private let storedDictionaryCache = Locked<[UInt32: StoredDecompressionDictionary]>([:])
  let idRecordsOffset: Int
  let idBytesOffset: Int

  private let columnValueCache = Locked<[Int: [String]]>([:])
  /// The same values after the text normalization filters compare them in (it is the same for every analyzer).
  private let normalizedColumnValueCache = Locked<[Int: [String]]>([:])

  /// Per field: its look-ups so far, then its term index (or that it could
  /// not be built).
  private struct TermIndexSlot {
    var lookups = 0
    var index: TermIndex?
    var unusable = false
  }
  private let termIndexes = Locked([TermIndexSlot](repeating: TermIndexSlot(), count: IndexedField.allCases.count))

  var files: [MappedFile] { [terms, postings, positions, lengths, columns, stored, ids] }

  /// Verifies the checksum of every file opened without one (larger than
  /// `SegmentFormat.verifyOnOpenLimit`); throws `IndexError.corrupted` naming
  /// the file. Releases each file's pages after reading them.
  func verifyChecksums() throws {
    for file in files where file.count > SegmentFormat.verifyOnOpenLimit {
      defer { file.releasePages() }
      try file.verifyChecksum()
    }
  }

  init(directory: String, name: String, maxDoc: UInt32, verifyAll: Bool = false) throws {
    self.name = name
    self.maxDoc = maxDoc
    func map(_ kind: FileKind) throws -> MappedFile {
      let file = try MappedFile(path: directory + "/" + FileKind.segmentFileName(name, kind))
      try file.verifyFrame(kind: kind, segment: name,
                           checksum: verifyAll || file.count <= SegmentFormat.verifyOnOpenLimit)
      return file
    }
    terms = try map(.terms)
    postings = try map(.postings)
    positions = try map(.positions)
    lengths = try map(.lengths)
    columns = try map(.columns)
    stored = try map(.stored)
    ids = try map(.ids)
    let docs = Int(maxDoc)

    // Terms directory.
    var r = terms.reader(start: try terms.trailingOffset())
    var fields: [FieldDirectory] = []
    for field in IndexedField.allCases {
      let count = Int(try r.readUInt32())
      let records = try r.readOffset()
      let bytes = try r.readOffset()
      let bytesLength = try r.readOffset()
      let total = try r.readUInt64()
      guard records >= terms.bodyStart, records + count * SegmentFormat.termRecordLength <= terms.bodyEnd,
            bytes >= terms.bodyStart, bytes + bytesLength <= terms.bodyEnd
      else {
        throw IndexError.corrupted(file: terms.name, reason: "field \(field.name): term directory points outside the file")
      }
      fields.append(FieldDirectory(termCount: count, recordsOffset: records, bytesOffset: bytes,
                                   bytesLength: bytesLength, totalFieldLength: total))
    }
    self.fields = fields

    // Field lengths: maxDoc, then a u32 per field and document.
    var l = lengths.reader()
    let lengthsDocs = try l.readUInt32()
    guard lengthsDocs == maxDoc, l.remaining == docs * 4 * IndexedField.allCases.count else {
      throw IndexError.corrupted(file: lengths.name, reason: "holds \(lengthsDocs) documents in \(l.remaining) bytes, "
        + "expected \(maxDoc)")
    }
    lengthsOffset = l.offset

    // Columns directory.
    var c = columns.reader(start: try columns.trailingOffset())
    let columnDocs = try c.readUInt32()
    guard columnDocs == maxDoc else {
      throw IndexError.corrupted(file: columns.name, reason: "holds \(columnDocs) documents, expected \(maxDoc)")
    }
    var columnDirectories: [ColumnDirectory] = []
    for column in ExactColumn.allCases {
      let values = try c.readOffset()
      let count = Int(try c.readUInt32())
      let ordinals = try c.readOffset()
      let width = Int(try c.readUInt8())
      guard [1, 2, 4].contains(width), values >= columns.bodyStart, values + count <= columns.bodyEnd,
            ordinals >= columns.bodyStart, ordinals + docs * width <= columns.bodyEnd
      else {
        throw IndexError.corrupted(file: columns.name, reason: "column \(column.name): directory points outside the file")
      }
      columnDirectories.append(ColumnDirectory(valuesOffset: values, valueCount: count, ordinalsOffset: ordinals,
                                               width: width))
    }
    self.columnDirectories = columnDirectories
    datesOffset = try c.readOffset()
    guard datesOffset >= columns.bodyStart, datesOffset + docs * 4 <= columns.bodyEnd else {
      throw IndexError.corrupted(file: columns.name, reason: "dates point outside the file")
    }

    // Stored block index, then (version 3) the dictionary table.
    let storedTail = try stored.trailingOffset()
    var s = stored.reader(start: storedTail)
    storedBlockCount = Int(try s.readUInt32())
    storedIndexOffset = s.offset
    var dictionaries: [UInt32: (offset: Int, length: Int)] = [:]
    if stored.version >= 3 {
      guard storedBlockCount <= (stored.bodyEnd - storedIndexOffset) / 20 else {
        throw IndexError.corrupted(file: stored.name, reason: "block index of \(storedBlockCount) blocks does not fit")
      }
      s = stored.reader(start: storedIndexOffset + storedBlockCount * 20, end: stored.bodyEnd - 8)
      let count = Int(try s.readUInt32())
      guard count <= s.remaining / 16 else {
        throw IndexError.corrupted(file: stored.name, reason: "dictionary table of \(count) entries does not fit")
      }
      for d in 0..<count {
        let id = try s.readUInt32()
        let offset = try s.readOffset()
        let length = Int(try s.readUInt32())
        guard id != 0, offset >= stored.bodyStart, offset + length <= storedTail, dictionaries[id] == nil else {
          throw IndexError.corrupted(file: stored.name, reason: "dictionary entry \(d) (id \(id)) is invalid")
        }
        dictionaries[id] = (offset, length)
      }
    }
    storedDictionaryRanges = dictionaries
    let indexEnd = stored.version >= 3 ? s.offset : storedIndexOffset + storedBlockCount * 20
    guard indexEnd == stored.bodyEnd - 8 else {
      throw IndexError.corrupted(file: stored.name, reason: "block index of \(storedBlockCount) blocks does not fit")
    }
    guard (storedBlockCount == 0) == (maxDoc == 0) else {
      throw IndexError.corrupted(file: stored.name, reason: "\(storedBlockCount) blocks for \(maxDoc) documents")
    }

    // Id map.
    var i = ids.reader()
    let idCount = try i.readUInt32()
    guard idCount == maxDoc, i.remaining >= docs * 12 else {
      throw IndexError.corrupted(file: ids.name, reason: "holds \(idCount) ids, expected \(maxDoc)")
    }
    idRecordsOffset = i.offset
    idBytesOffset = i.offset + docs * 12
  }

  /// The stored file's dictionary `id`, digested once; nil if the file has
  /// none of that ID or zstd rejects its bytes.
  func storedDictionary(_ id: UInt32) -> StoredDecompressionDictionary? {
    if let cached = storedDictionaryCache.withLock({ $0[id] }) { return cached }
    guard let range = storedDictionaryRanges[id],
          let digested = StoredDecompressionDictionary(
            bytes: UnsafeRawBufferPointer(start: stored.base + range.offset, count: range.length))
    else { return nil }
    return storedDictionaryCache.withLock { cache in
      if let raced = cache[id] { return raced }
      cache[id] = digested
      return digested
    }
  }

  /// A u32 at `offset`, or nil when it is not inside the body.
  @inline(__always)
  func loadUInt32(_ file: MappedFile, _ offset: Int) -> UInt32? {
    guard offset >= file.bodyStart, offset + 4 <= file.bodyEnd else { return nil }
    return file.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
  }

  /// The term numbers where `key` can be in `field`, by its term index once
  /// that is built (nil before). Counts the look-up, and builds the index
  /// (with `build`, outside the lock) on the look-up that makes it worth it
  /// (`TermIndex.buildAfterLookups`); nil for good if `build` fails.
  func termCandidates(_ field: IndexedField, _ key: UnsafeRawBufferPointer,
                      build: () -> TermIndex?) -> Range<Int>? {
    let slot = Int(field.rawValue)
    // Searched under the lock, so that the index's array is not retained.
    let (range, due) = termIndexes.withLock { slots -> (Range<Int>?, Bool) in
      if let index = slots[slot].index { return (index.candidates(for: key), false) }
      if slots[slot].unusable { return (nil, false) }
      slots[slot].lookups += 1
      return (nil, slots[slot].lookups == TermIndex.buildAfterLookups)
    }
    guard due else { return range }
    let built = build()
    termIndexes.withLock { slots in
      if let built { slots[slot].index = built } else { slots[slot].unusable = true }
    }
    return built?.candidates(for: key)
  }

  /// The sorted distinct values of a column, decoded once and cached.
  func columnValues(_ column: ExactColumn) throws -> [String] {
    let index = Int(column.rawValue)
    if let cached = columnValueCache.withLock({ $0[index] }) { return cached }
    let entry = columnDirectories[index]
    var r = columns.reader(start: entry.valuesOffset)
    var values: [String] = []
    values.reserveCapacity(entry.valueCount)
    for _ in 0..<entry.valueCount { values.append(try r.readString()) }
    columnValueCache.withLock { $0[index] = values }
    return values
  }

  /// `columnValues` after `Analyzer.normalizedText`, computed once and cached.
  func normalizedColumnValues(_ column: ExactColumn) throws -> [String] {
    let index = Int(column.rawValue)
    if let cached = normalizedColumnValueCache.withLock({ $0[index] }) { return cached }
    let values = try columnValues(column).map(Analyzer.normalizedText)
    normalizedColumnValueCache.withLock { $0[index] = values }
    return values
  }

  /// Bytes of the term or id at a record's offset and length, bounds-checked.
  func bytes(_ file: MappedFile, base: Int, limit: Int, offset: UInt32, length: UInt32) -> UnsafeRawBufferPointer? {
    let start = base + Int(offset)
    let end = start + Int(length)
    guard end <= limit, end <= file.bodyEnd else { return nil }
    return UnsafeRawBufferPointer(start: file.base + start, count: Int(length))
  }
}

/// Compares bytes as unsigned, lexicographically (the order of terms and ids).
@inline(__always)
func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
  let n = min(a.count, b.count)
  if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
    let c = memcmp(pa, pb, n)
    if c != 0 { return Int(c) }
  }
  return a.count - b.count
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
