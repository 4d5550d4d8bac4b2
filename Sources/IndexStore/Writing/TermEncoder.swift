/// Encodes one term's postings at a time into reused buffers: document
/// deltas and frequencies as varints, a skip entry per block, and positions
/// as varint deltas.
///
/// A value type the segment writer holds and mutates in one access per
/// term, rather than one per posting through the writer's class properties.
struct TermEncoder {
  /// The term's postings bytes (blocks of `SegmentFormat.blockSize` documents).
  var postings = BinaryWriter()
  /// One entry per block: last doc, postings end, positions start, max frequency, min field length.
  var skip = BinaryWriter()
  /// Each document's positions as varint deltas, documents one after another.
  var positions = BinaryWriter()
  /// Per document, its share of `positions` in bytes.
  var positionLengths: [UInt32] = []

  /// Empties `positions` and `positionLengths`.
  mutating func removePositions() {
    positions.bytes.removeAll(keepingCapacity: true)
    positionLengths.removeAll(keepingCapacity: true)
  }

  /// Appends one document's positions (ascending) as varint deltas.
  mutating func appendPositions(_ documentPositions: UnsafeBufferPointer<UInt32>) {
    let before = positions.count
    positions.appendDeltaVarints(documentPositions)
    positionLengths.append(UInt32(truncatingIfNeeded: positions.count - before))
  }

  /// Encodes the postings and skip entries of ascending `docs` with their
  /// frequencies; `positionLengths` gives each document's positions bytes
  /// and `fieldLengths` each document's field length. Returns the term's
  /// largest frequency and smallest field length.
  mutating func encodePostings(docs: [UInt32], freqs: [UInt32], positionLengths: [UInt32], fieldLengths: [UInt32])
    -> (maxTF: UInt32, minLength: UInt32)
  {
    postings.bytes.removeAll(keepingCapacity: true)
    skip.bytes.removeAll(keepingCapacity: true)
    let df = docs.count
    let blocks = (df + SegmentFormat.blockSize - 1) / SegmentFormat.blockSize
    var previous: UInt32 = 0
    var positionBytes: UInt32 = 0
    var termMaxTF: UInt32 = 0
    var termMinLength = UInt32.max
    for b in 0..<blocks {
      let positionsBlockStart = positionBytes
      var blockMaxTF: UInt32 = 0
      var blockMinLength = UInt32.max
      for i in (b * SegmentFormat.blockSize)..<min(df, (b + 1) * SegmentFormat.blockSize) {
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
        positionBytes &+= i < positionLengths.count ? positionLengths[i] : 0
        blockMaxTF = max(blockMaxTF, tf)
        let length = Int(doc) < fieldLengths.count ? fieldLengths[Int(doc)] : 0
        blockMinLength = min(blockMinLength, length)
      }
      skip.appendUInt32(previous)
      skip.appendUInt32(UInt32(truncatingIfNeeded: postings.count))
      skip.appendUInt32(positionsBlockStart)
      skip.appendUInt32(blockMaxTF)
      skip.appendUInt32(blockMinLength)
      termMaxTF = max(termMaxTF, blockMaxTF)
      termMinLength = min(termMinLength, blockMinLength)
    }
    return (termMaxTF, termMinLength)
  }
}
