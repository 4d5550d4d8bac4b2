import Dispatch
import TextAnalysis

/// The in-memory inverted index of the documents added since the last flush.
///
/// Mutable and not searchable (tantivy's segment writer): term → documents,
/// frequencies and positions per field, plus per-document values. `write`
/// turns it into one immutable segment, leaving out documents deleted or
/// replaced while buffered (documents are renumbered densely).
final class PostingsBuffer: @unchecked Sendable {
  /// One field shard's terms and their postings so far.
  struct FieldShard {
    var interner = TermInterner(expected: 1 << 14)
    /// Per term id: its packed key, or 0 for a long term (units in `interner`).
    var keys: [UInt64] = []
    /// Per term id, its postings: doc, frequency, then that many positions,
    /// for each document in order.
    var postings = PostingsPool()

    /// Appends a run of grouped terms whose documents are numbered from
    /// `first`; returns the bytes added.
    mutating func add(_ run: TermRun, first: UInt32) -> Int {
      var bytes = 0
      run.values.withUnsafeBufferPointer { values in
        var p = 0
        while p + 4 <= values.count {
          let doc = first &+ values[p]
          let low = values[p + 1]
          let high = values[p + 2]
          let frequency = values[p + 3]
          let count = Int(frequency & ~TermRun.longFlag)
          let positions = UnsafeBufferPointer(rebasing: values[(p + 4)..<min(values.count, p + 4 + count)])
          p += 4 + count
          let (id, isNew): (Int32, Bool)
          var key: UInt64 = 0
          if frequency & TermRun.longFlag == 0 {
            key = UInt64(high) << 32 | UInt64(low)
            (id, isNew) = interner.intern(key: key)
          } else {
            let start = min(Int(low), run.longUnits.count)
            let end = min(start + Int(high), run.longUnits.count)
            (id, isNew) = run.longUnits.withUnsafeBufferPointer { units in
              interner.intern(long: UnsafeBufferPointer(rebasing: units[start..<end]))
            }
          }
          if isNew {
            keys.append(key)
            postings.addTerm()
            bytes += 120
          }
          postings.append(term: Int(id), doc: doc, positions: positions)
          bytes += 12 + 5 * count
        }
      }
      return bytes
    }

    /// Appends the UTF-8 bytes of every term to `arena`, calling `body` with
    /// each term's id and the range of its bytes.
    func appendTermBytes(to arena: inout [UInt8], _ body: (Int32, Range<Int>) -> Void) {
      for (id, key) in keys.enumerated() where key != 0 {
        let start = arena.count
        PackedUnits.appendUTF8(ofKey: key, to: &arena)
        body(Int32(id), start..<arena.count)
      }
      interner.forEachLongTerm { id, units in
        let start = arena.count
        PackedUnits.appendUTF8(units, to: &arena)
        body(id, start..<arena.count)
      }
    }
  }

  /// A field shard owned by one inversion task at a time.
  final class FieldBuffer: @unchecked Sendable {
    var shard = FieldShard()
  }

  /// Per field, `TermInterner.shardCount` buffers: field f's shard s is `fields[f * shardCount + s]`.
  private let fields = (0..<(IndexedField.allCases.count * TermInterner.shardCount)).map { _ in FieldBuffer() }
  private var documents: [AnalyzedDocument] = []
  /// Buffered documents deleted or replaced before the flush.
  private(set) var deleted: Set<UInt32> = []
  /// A rough count of the bytes held (postings arrays, terms, stored bytes).
  private(set) var estimatedBytes = 0

  /// Documents held (deleted ones included).
  var count: Int { documents.count }
  var liveCount: Int { documents.count - deleted.count }

  /// Appends a batch of documents as the next buffered document numbers.
  ///
  /// Fields and the shards of a field are independent, so each is inverted
  /// as its own task (each `FieldBuffer` is touched by exactly one worker).
  func add(_ batch: AnalyzedBatch) {
    guard !batch.documents.isEmpty else { return }
    let first = UInt32(documents.count)
    let fields = self.fields
    let added = ResultSlots<Int>(count: fields.count)
    DispatchQueue.concurrentPerform(iterations: fields.count) { task in
      let buffer = fields[task]
      var bytes = 0
      for runs in batch.runs where task < runs.count {
        bytes += buffer.shard.add(runs[task], first: first)
      }
      added.set(task, bytes)
    }
    for f in 0..<fields.count { estimatedBytes += added.take(f) ?? 0 }
    for analyzed in batch.documents {
      estimatedBytes += analyzed.stored.count + analyzed.id.utf8.count + 96
    }
    documents.append(contentsOf: batch.documents)
  }

  func markDeleted(_ doc: UInt32) { deleted.insert(doc) }

  /// What `write` wrote: the segment's document count and file sizes, and
  /// each buffered document's number in it (`UInt32.max` if it was deleted).
  struct Written: Sendable {
    var maxDoc: UInt32
    var sizes: [FileKind: Int]
    var docMap: [UInt32]
  }

  /// Writes the live documents as segment `name`.
  ///
  /// Called once, by one thread, on a buffer nobody adds to any more (the
  /// writer may run it in the background while it fills the next buffer).
  func write(directory: String, name: String, compressionLevel: Int32) throws -> Written {
    let writer = try SegmentWriter(directory: directory, name: name, compressionLevel: compressionLevel)
    var docMap = [UInt32](repeating: UInt32.max, count: documents.count)
    var next: UInt32 = 0
    for (old, document) in documents.enumerated() where !deleted.contains(UInt32(old)) {
      docMap[old] = next
      next += 1
      try writer.addDocument(id: document.id, stored: document.stored, columns: document.columns, date: document.date,
                             lengths: document.lengths)
    }
    // The fields are independent: encode them in parallel, largest first,
    // then write them in order.
    let order: [IndexedField] = [.bodyBigrams, .body, .titleBigrams, .title, .unitBigrams, .unit]
    let encodings = ResultSlots<Result<FieldEncoding, any Error>>(count: IndexedField.allCases.count)
    let lengths = IndexedField.allCases.map { writer.fieldLengths($0) }
    let finalMap = docMap
    DispatchQueue.concurrentPerform(iterations: order.count) { i in
      let field = order[i]
      let f = Int(field.rawValue)
      encodings.set(f, Result { try encode(field, fieldLengths: lengths[f], docMap: finalMap) })
    }
    for field in IndexedField.allCases {
      guard var encoding = try encodings.take(Int(field.rawValue))?.get() else { continue }
      try writer.addEncodedField(field, &encoding)
    }
    let sizes = try writer.finish()
    return Written(maxDoc: next, sizes: sizes, docMap: docMap)
  }

  /// Encodes one field's terms in byte order (its shards' terms merged),
  /// leaving out documents `docMap` drops; frees the field's buffers.
  private func encode(_ field: IndexedField, fieldLengths: [UInt32], docMap: [UInt32]) throws -> FieldEncoding {
    var encoding = try FieldEncoding(fieldLengths: fieldLengths)
    let shards = (0..<TermInterner.shardCount).map { fields[Int(field.rawValue) * TermInterner.shardCount + $0] }
    // Every term's bytes in one arena, then in byte order.
    var arena: [UInt8] = []
    var terms: [(span: Range<Int>, shard: Int, id: Int32)] = []
    for (s, buffer) in shards.enumerated() {
      buffer.shard.appendTermBytes(to: &arena) { id, bytes in terms.append((bytes, s, id)) }
    }
    ByteOrder.sort(&terms, in: arena) { $0.span }
    var docs: [UInt32] = []
    var freqs: [UInt32] = []
    var entries: [UInt32] = []
    // Each kept document's positions as varint deltas, and its share of the bytes.
    var positions = BinaryWriter()
    var positionLengths: [UInt32] = []
    for term in terms {
      docs.removeAll(keepingCapacity: true)
      freqs.removeAll(keepingCapacity: true)
      positions.bytes.removeAll(keepingCapacity: true)
      positionLengths.removeAll(keepingCapacity: true)
      shards[term.shard].shard.postings.copyValues(term: Int(term.id), into: &entries)
      entries.withUnsafeBufferPointer { entries in
        var p = 0
        while p + 1 < entries.count {
          let doc = Int(entries[p])
          let tf = Int(entries[p + 1])
          let end = min(p + 2 + tf, entries.count)
          if doc < docMap.count && docMap[doc] != UInt32.max {
            docs.append(docMap[doc])
            freqs.append(UInt32(tf))
            let before = positions.count
            positions.appendDeltaVarints(UnsafeBufferPointer(rebasing: entries[(p + 2)..<end]))
            positionLengths.append(UInt32(truncatingIfNeeded: positions.count - before))
          }
          p = end
        }
      }
      if !docs.isEmpty {
        try encoding.addTerm(arena[term.span], docs: docs, freqs: freqs, encodedPositions: positions,
                             positionLengths: positionLengths)
      }
    }
    for buffer in shards { buffer.shard = FieldShard() }
    return encoding
  }
}
