/// One field's terms encoded in memory, as the segment files will hold
/// them: postings (skip entries, then blocks), positions, term records and
/// term bytes, offsets relative to these buffers.
///
/// A flush encodes its fields into these in parallel and then hands them to
/// the `SegmentWriter` in field order, which rebases the offsets. A merge
/// encodes its largest field into one on a second thread while it streams
/// the others through `SegmentWriter.addTerm`; that field can be larger
/// than memory allows, so its postings and positions spill to scratch
/// files past a few MB.
struct FieldEncoding {
  var postings = BinaryWriter()
  var positions = BinaryWriter()
  /// `SegmentFormat.termRecordLength` bytes per term.
  var records = BinaryWriter()
  var termBytes = BinaryWriter()
  var termCount: UInt32 = 0
  private var encoder = TermEncoder()
  /// Each document's length in this field (for the skip entries' minimum).
  private let fieldLengths: [UInt32]
  /// Where postings and positions beyond `spillThreshold` bytes went, in
  /// order before what `postings` and `positions` still hold.
  private(set) var spilledPostings: SpillFile?
  private(set) var spilledPositions: SpillFile?
  private static let spillThreshold = 4 << 20

  /// An encoding held in memory, or spilling to scratch files in `spillDirectory`.
  init(fieldLengths: [UInt32], spillDirectory: String? = nil) throws {
    self.fieldLengths = fieldLengths
    if let spillDirectory {
      spilledPostings = try SpillFile(directory: spillDirectory)
      spilledPositions = try SpillFile(directory: spillDirectory)
    }
  }

  /// Postings and positions bytes so far, spilled ones included.
  var postingsCount: Int { (spilledPostings?.count ?? 0) + postings.count }
  var positionsCount: Int { (spilledPositions?.count ?? 0) + positions.count }

  /// Adds the next term (in byte order) with its postings and encoded positions.
  mutating func addTerm(_ term: ArraySlice<UInt8>, docs: [UInt32], freqs: [UInt32], encodedPositions: BinaryWriter,
                        positionLengths: [UInt32]) throws
  {
    encoder.startTerm()
    encoder.appendDocuments(docs: docs, freqs: freqs, positionLengths: positionLengths, fieldLengths: fieldLengths)
    encoder.finishTerm()
    try append(term, encoder, positions: encodedPositions)
  }

  /// Adds the next term (in byte order) with its postings in `encoded` (a
  /// merge's) and its encoded positions.
  mutating func addTerm(_ term: ArraySlice<UInt8>, encoded: inout TermEncoder, positions termPositions: BinaryWriter)
    throws
  {
    encoded.finishTerm()
    try append(term, encoded, positions: termPositions)
  }

  private mutating func append(_ term: ArraySlice<UInt8>, _ encoded: TermEncoder, positions termPositions: BinaryWriter)
    throws
  {
    FieldEncoding.appendRecord(
      to: &records, termOffset: termBytes.count, termLength: term.count, documentFrequency: encoded.documentCount,
      maxTF: encoded.maxTermFrequency, minLength: encoded.minFieldLength, postingsStart: UInt64(postingsCount),
      positionsStart: UInt64(positionsCount))
    if encoded.hasSkipTable { postings.appendBytes(encoded.skip.bytes) }
    postings.appendBytes(encoded.postings.bytes)
    positions.appendBytes(termPositions.bytes)
    termBytes.appendBytes(term)
    termCount += 1
    if let spilledPostings, postings.count >= FieldEncoding.spillThreshold { try spilledPostings.append(&postings) }
    if let spilledPositions, positions.count >= FieldEncoding.spillThreshold { try spilledPositions.append(&positions) }
  }

  /// Appends one term record: term bytes offset and length, document
  /// frequency, largest frequency, smallest field length, postings and
  /// positions offsets.
  static func appendRecord(to records: inout BinaryWriter, termOffset: Int, termLength: Int, documentFrequency: Int,
                           maxTF: UInt32, minLength: UInt32, postingsStart: UInt64, positionsStart: UInt64)
  {
    records.appendUInt32(UInt32(truncatingIfNeeded: termOffset))
    records.appendUInt32(UInt32(truncatingIfNeeded: termLength))
    records.appendUInt32(UInt32(truncatingIfNeeded: documentFrequency))
    records.appendUInt32(maxTF)
    records.appendUInt32(minLength)
    records.appendUInt64(postingsStart)
    records.appendUInt64(positionsStart)
  }

  /// Adds `postingsBase` and `positionsBase` to every record's offsets.
  mutating func rebase(postingsBase: UInt64, positionsBase: UInt64) {
    records.bytes.withUnsafeMutableBytes { bytes in
      var record = 0
      while record + SegmentFormat.termRecordLength <= bytes.count {
        for (offset, base) in [(20, postingsBase), (28, positionsBase)] {
          let value = bytes.loadUnaligned(fromByteOffset: record + offset, as: UInt64.self)
          bytes.storeBytes(of: (UInt64(littleEndian: value) &+ base).littleEndian, toByteOffset: record + offset,
                           as: UInt64.self)
        }
        record += SegmentFormat.termRecordLength
      }
    }
  }
}
