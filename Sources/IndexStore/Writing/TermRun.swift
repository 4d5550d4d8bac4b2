import Ingest

/// The grouped terms of a run of consecutive documents that belong to one
/// inversion task (one field, one hash shard), in one flat array.
///
/// For each document, each of its distinct terms of this task in
/// first-occurrence order: the document's index in the batch, the term's
/// packed key (low and high 32 bits), its frequency, then that many
/// positions, ascending. A long term (more than 4 UTF-16 units) has
/// `longFlag` set in its frequency word; its key words are then the start
/// and length of its units in `longUnits`. One growing array per task
/// instead of a few arrays per document and field means no allocation or
/// reference count per document on the inverting side.
struct TermRun: Sendable {
  var values: [UInt32] = []
  var longUnits: [UInt16] = []

  static let longFlag: UInt32 = 1 << 31

  /// Appends one term of one document.
  @inline(__always)
  mutating func append(document: UInt32, low: UInt32, high: UInt32, frequency: UInt32,
                       positions: UnsafeBufferPointer<UInt32>)
  {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 + positions.count) { record in
      record[0] = document
      record[1] = low
      record[2] = high
      record[3] = frequency
      for (i, position) in positions.enumerated() { record[4 + i] = position }
      values.append(contentsOf: UnsafeBufferPointer(record))
    }
  }

  /// Reserves about the room `documents` will take in each task's run, so
  /// that the runs are not copied as they grow (memory reserved and never
  /// touched costs nothing). A word stream takes about 0.8 values per UTF-8
  /// byte of Chinese text and the bigram stream about 1.2, spread over the
  /// shards.
  static func reserve(_ runs: inout [TermRun], for documents: ArraySlice<Document>) {
    var bytes = [0, 0, 0]
    for document in documents {
      bytes[0] += document.title.utf8.count
      bytes[1] += document.unit.utf8.count
      bytes[2] += document.body.utf8.count
    }
    for task in runs.indices {
      let field = task / TermInterner.shardCount
      let perByte = field < 3 ? 0.8 : 1.2
      runs[task].values.reserveCapacity(Int(Double(bytes[field % 3]) * perByte) / TermInterner.shardCount + 64)
    }
  }
}
