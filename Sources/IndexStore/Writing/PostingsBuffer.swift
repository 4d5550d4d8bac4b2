import Dispatch

/// The in-memory inverted index of the documents added since the last flush.
///
/// Mutable and not searchable (tantivy's segment writer): term → documents,
/// frequencies and positions per field, plus per-document values. `write`
/// turns it into one immutable segment, leaving out documents deleted or
/// replaced while buffered (documents are renumbered densely).
final class PostingsBuffer {
  /// One term's postings so far (a class, so appends mutate in place).
  final class TermPostings {
    var docs: [UInt32] = []
    var freqs: [UInt32] = []
    var positions: [UInt32] = []
  }

  final class FieldBuffer: @unchecked Sendable {
    var termIDs: [TermKey: Int] = [:]
    var terms: [String] = []
    var postings: [TermPostings] = []

    /// Appends one document's grouped terms; returns the bytes added.
    func add(_ grouped: FieldTerms, doc: UInt32) -> Int {
      var bytes = 0
      var offset = 0
      for (t, term) in grouped.terms.enumerated() {
        let termPostings: TermPostings
        let key = TermKey(term)
        if let known = termIDs[key] {
          termPostings = postings[known]
        } else {
          termPostings = TermPostings()
          termIDs[key] = terms.count
          terms.append(term)
          postings.append(termPostings)
          bytes += 200 + term.utf8.count
        }
        let count = Int(grouped.counts[t])
        termPostings.docs.append(doc)
        termPostings.freqs.append(UInt32(count))
        termPostings.positions.append(contentsOf: grouped.positions[offset..<(offset + count)])
        offset += count
        bytes += 12 + 4 * count
      }
      return bytes
    }
  }

  private let fields = IndexedField.allCases.map { _ in FieldBuffer() }
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
  /// Fields are independent, so each field's terms are inverted on its own
  /// thread (each `FieldBuffer` is touched by exactly one worker).
  func add(_ batch: [AnalyzedDocument]) {
    guard !batch.isEmpty else { return }
    let first = UInt32(documents.count)
    let fields = self.fields
    let added = ResultSlots<Int>(count: fields.count)
    DispatchQueue.concurrentPerform(iterations: fields.count) { f in
      var bytes = 0
      for (k, document) in batch.enumerated() where f < document.fields.count {
        bytes += fields[f].add(document.fields[f], doc: first + UInt32(k))
      }
      added.set(f, bytes)
    }
    for f in 0..<fields.count { estimatedBytes += added.take(f) ?? 0 }
    for analyzed in batch {
      var stripped = analyzed
      stripped.fields = []
      estimatedBytes += analyzed.stored.count + analyzed.id.utf8.count + 96
      documents.append(stripped)
    }
  }

  func markDeleted(_ doc: UInt32) { deleted.insert(doc) }

  /// Writes the live documents as segment `name`; returns the segment's document count and file sizes.
  func write(directory: String, name: String, compressionLevel: Int32) throws -> (maxDoc: UInt32, sizes: [FileKind: Int]) {
    let writer = try SegmentWriter(directory: directory, name: name, compressionLevel: compressionLevel)
    var docMap = [UInt32](repeating: UInt32.max, count: documents.count)
    var next: UInt32 = 0
    for (old, document) in documents.enumerated() where !deleted.contains(UInt32(old)) {
      docMap[old] = next
      next += 1
      try writer.addDocument(id: document.id, stored: document.stored, columns: document.columns, date: document.date,
                             lengths: document.lengths)
    }
    let filtering = !deleted.isEmpty
    for field in IndexedField.allCases {
      let buffer = fields[Int(field.rawValue)]
      let keys = buffer.terms.map { Array($0.utf8) }
      let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
      for t in order {
        let term = buffer.postings[t]
        if !filtering {
          try writer.addTerm(field, keys[t], docs: term.docs, freqs: term.freqs, positions: term.positions)
          continue
        }
        var docs: [UInt32] = []
        var freqs: [UInt32] = []
        var positions: [UInt32] = []
        var p = 0
        for (i, doc) in term.docs.enumerated() {
          let tf = Int(term.freqs[i])
          if docMap[Int(doc)] != UInt32.max {
            docs.append(docMap[Int(doc)])
            freqs.append(UInt32(tf))
            positions.append(contentsOf: term.positions[p..<(p + tf)])
          }
          p += tf
        }
        if !docs.isEmpty { try writer.addTerm(field, keys[t], docs: docs, freqs: freqs, positions: positions) }
      }
    }
    let sizes = try writer.finish()
    return (next, sizes)
  }
}
