import Dispatch
import Ingest
import TextAnalysis

/// One term's positions in one field of one document.
struct TermOccurrences: Sendable {
  var term: String
  var positions: [UInt32]
}

/// A document after analysis, ready to be inverted (the parallel half of indexing).
struct AnalyzedDocument: Sendable {
  var id: String
  /// DocumentCodec bytes.
  var stored: [UInt8]
  /// Exact-match values in `ExactColumn` order.
  var columns: [String]
  var date: Int32
  /// Token counts in `IndexedField` order.
  var lengths: [UInt32]
  /// Per field, its distinct terms in first-occurrence order.
  var fields: [[TermOccurrences]]

  init(_ document: Document, analyzer: Analyzer) {
    id = document.id
    stored = DocumentCodec.encode(document)
    columns = [document.type, document.region, document.category, document.unit]
    date = document.date?.daysSinceEpoch ?? SegmentFormat.missingDate
    let texts = [document.title, document.unit, document.body]
    var fields = [[TermOccurrences]](repeating: [], count: IndexedField.allCases.count)
    var lengths = [UInt32](repeating: 0, count: IndexedField.allCases.count)
    for (t, text) in texts.enumerated() where !text.isEmpty {
      let analysis = analyzer.analyze(text)
      fields[t] = AnalyzedDocument.group(analysis.words)
      lengths[t] = UInt32(clamping: analysis.words.count)
      fields[t + 3] = AnalyzedDocument.group(analysis.bigrams)
      lengths[t + 3] = UInt32(clamping: analysis.bigrams.count)
    }
    self.fields = fields
    self.lengths = lengths
  }

  /// Groups tokens by term, keeping first-occurrence order and ascending positions.
  static func group(_ tokens: [Token]) -> [TermOccurrences] {
    var index: [String: Int] = [:]
    index.reserveCapacity(tokens.count)
    var result: [TermOccurrences] = []
    var lastPosition: UInt32 = 0
    for token in tokens {
      let position = UInt32(clamping: max(token.position, 0))
      if let i = index[token.text] {
        // Positions of a term must strictly increase; a repeated position is dropped.
        if let last = result[i].positions.last, position <= last { continue }
        result[i].positions.append(position)
      } else {
        index[token.text] = result.count
        result.append(TermOccurrences(term: token.text, positions: [position]))
      }
      lastPosition = position
    }
    _ = lastPosition
    return result
  }

  /// Analyzes documents on `threads` threads, preserving order.
  static func analyzeAll(_ documents: [Document], analyzer: Analyzer, threads: Int) -> [AnalyzedDocument] {
    guard !documents.isEmpty else { return [] }
    let slots = ResultSlots<AnalyzedDocument>(count: documents.count)
    let workers = max(1, min(threads, documents.count))
    let chunk = (documents.count + workers - 1) / workers
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      let start = w * chunk
      let end = min(documents.count, start + chunk)
      guard start < end else { return }
      for i in start..<end { slots.set(i, AnalyzedDocument(documents[i], analyzer: analyzer)) }
    }
    return (0..<documents.count).compactMap { slots.take($0) }
  }
}
