/// The in-memory inverted index of the documents added since the last flush.
///
/// Mutable and not searchable (tantivy's segment writer): term → documents,
/// frequencies and positions per field, plus per-document values. `write`
/// turns it into one immutable segment, leaving out documents deleted or
/// replaced while buffered (documents are renumbered densely).
final class PostingsBuffer {
  struct FieldBuffer {
    var termIDs: [String: Int] = [:]
    var terms: [String] = []
    var docs: [[UInt32]] = []
    var freqs: [[UInt32]] = []
    var positions: [[UInt32]] = []
  }

  private var fields = [FieldBuffer](repeating: FieldBuffer(), count: IndexedField.allCases.count)
  private var documents: [AnalyzedDocument] = []
  /// Buffered documents deleted or replaced before the flush.
  private(set) var deleted: Set<UInt32> = []
  /// A rough count of the bytes held (postings arrays, terms, stored bytes).
  private(set) var estimatedBytes = 0

  /// Documents held (deleted ones included).
  var count: Int { documents.count }
  var liveCount: Int { documents.count - deleted.count }

  /// Appends a document as the next buffered document number.
  func add(_ analyzed: AnalyzedDocument) {
    let doc = UInt32(documents.count)
    var bytes = analyzed.stored.count + analyzed.id.utf8.count + 96
    for (f, occurrences) in analyzed.fields.enumerated() {
      for occurrence in occurrences {
        let t: Int
        if let known = fields[f].termIDs[occurrence.term] {
          t = known
        } else {
          t = fields[f].terms.count
          fields[f].termIDs[occurrence.term] = t
          fields[f].terms.append(occurrence.term)
          fields[f].docs.append([])
          fields[f].freqs.append([])
          fields[f].positions.append([])
          bytes += 160 + occurrence.term.utf8.count
        }
        fields[f].docs[t].append(doc)
        fields[f].freqs[t].append(UInt32(occurrence.positions.count))
        fields[f].positions[t].append(contentsOf: occurrence.positions)
        bytes += 12 + 4 * occurrence.positions.count
      }
    }
    var stripped = analyzed
    stripped.fields = []
    documents.append(stripped)
    estimatedBytes += bytes
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
      let order = buffer.terms.indices.sorted {
        buffer.terms[$0].utf8.lexicographicallyPrecedes(buffer.terms[$1].utf8)
      }
      for t in order {
        if !filtering {
          try writer.addTerm(field, Array(buffer.terms[t].utf8), docs: buffer.docs[t], freqs: buffer.freqs[t],
                             positions: buffer.positions[t])
          continue
        }
        var docs: [UInt32] = []
        var freqs: [UInt32] = []
        var positions: [UInt32] = []
        var p = 0
        for (i, doc) in buffer.docs[t].enumerated() {
          let tf = Int(buffer.freqs[t][i])
          if docMap[Int(doc)] != UInt32.max {
            docs.append(docMap[Int(doc)])
            freqs.append(UInt32(tf))
            positions.append(contentsOf: buffer.positions[t][p..<(p + tf)])
          }
          p += tf
        }
        if !docs.isEmpty {
          try writer.addTerm(field, Array(buffer.terms[t].utf8), docs: docs, freqs: freqs, positions: positions)
        }
      }
    }
    let sizes = try writer.finish()
    return (next, sizes)
  }
}
