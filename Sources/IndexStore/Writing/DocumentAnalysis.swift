import Dispatch
import Synchronization
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
    var index: [TermKey: Int] = [:]
    index.reserveCapacity(tokens.count)
    var result: [TermOccurrences] = []
    result.reserveCapacity(tokens.count)
    for token in tokens {
      let position = UInt32(clamping: max(token.position, 0))
      let key = TermKey(token.text)
      if let i = index[key] {
        // Positions of a term must strictly increase; a repeated position is dropped.
        if let last = result[i].positions.last, position <= last { continue }
        result[i].positions.append(position)
      } else {
        index[key] = result.count
        result.append(TermOccurrences(term: key.term, positions: [position]))
      }
    }
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

/// One batch of documents analyzed on background threads, in order.
final class AnalysisBatch: @unchecked Sendable {
  private let group = DispatchGroup()
  private let slots: ResultSlots<AnalyzedDocument>
  private let count: Int
  private let cancelled = CancelFlag()

  init(_ documents: [Document], analyzer: Analyzer, threads: Int) {
    count = documents.count
    let slots = ResultSlots<AnalyzedDocument>(count: documents.count)
    self.slots = slots
    let workers = max(1, min(threads, documents.count))
    let chunk = (documents.count + workers - 1) / max(workers, 1)
    let cancelled = self.cancelled
    for w in 0..<workers {
      let start = w * chunk
      let end = min(documents.count, start + chunk)
      guard start < end else { continue }
      DispatchQueue.global().async(group: group) {
        for i in start..<end where !cancelled.flag.load(ordering: .relaxed) {
          slots.set(i, AnalyzedDocument(documents[i], analyzer: analyzer))
        }
      }
    }
  }

  /// Waits for the workers; the analyzed documents in input order.
  func wait() -> [AnalyzedDocument] {
    group.wait()
    return (0..<count).compactMap { slots.take($0) }
  }

  /// Stops the workers early (the writer was closed) and waits for them.
  func cancel() {
    cancelled.flag.store(true, ordering: .relaxed)
    group.wait()
  }
}

/// A shared stop flag for background workers.
final class CancelFlag: Sendable {
  let flag = Atomic<Bool>(false)
}
