import Dispatch
import Synchronization
import Ingest
import TextAnalysis

/// The terms of one field of one document, grouped: each distinct term once
/// (first-occurrence order) with its positions, all positions in one flat array.
struct FieldTerms: Sendable {
  /// Each term's packed units (`PackedUnits.key`), or 0 for a term
  /// longer than 4 units, whose text is the next entry of `longTerms`.
  var keys: [UInt64] = []
  /// The texts of the long terms, in the order of their 0 keys.
  var longTerms: [String] = []
  /// Occurrences of each term (its frequency).
  var counts: [UInt32] = []
  /// Positions of the first term, then of the second, …; ascending within each term.
  var positions: [UInt32] = []
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
  /// Per field, its grouped terms.
  var fields: [FieldTerms]

  init(_ document: Document, analyzer: Analyzer, scratch: inout TermInterner) {
    id = document.id
    stored = DocumentCodec.encode(document)
    columns = [document.type, document.region, document.category, document.unit]
    date = document.date?.daysSinceEpoch ?? SegmentFormat.missingDate
    let texts = [document.title, document.unit, document.body]
    var fields = [FieldTerms](repeating: FieldTerms(), count: IndexedField.allCases.count)
    var lengths = [UInt32](repeating: 0, count: IndexedField.allCases.count)
    for (t, text) in texts.enumerated() where !text.isEmpty {
      let spans = analyzer.termSpans(text)
      spans.units.withUnsafeBufferPointer { units in
        fields[t] = AnalyzedDocument.group(spans.words, units, &scratch)
        fields[t + 3] = AnalyzedDocument.group(spans.bigrams, units, &scratch)
      }
      lengths[t] = UInt32(clamping: fields[t].positions.count)
      lengths[t + 3] = UInt32(clamping: fields[t + 3].positions.count)
    }
    self.fields = fields
    self.lengths = lengths
  }

  /// Groups tokens by term, keeping first-occurrence order and ascending positions.
  ///
  /// A token at a position not after its term's previous occurrence is dropped,
  /// so positions strictly increase and the field length (the number of
  /// positions kept) equals the sum of the term frequencies.
  static func group(_ spans: [TermSpan], _ units: UnsafeBufferPointer<UInt16>, _ interner: inout TermInterner)
    -> FieldTerms
  {
    interner.removeAll()
    var result = FieldTerms()
    var termOfToken = [Int32](repeating: -1, count: spans.count)
    var last: [UInt32] = []
    for (k, span) in spans.enumerated() {
      let key = PackedUnits.key(units, Int(span.start)..<Int(span.end)) ?? 0
      let (id, isNew): (Int32, Bool)
      if key != 0 {
        (id, isNew) = interner.intern(key: key)
      } else {
        let text = String(decoding: units[Int(span.start)..<Int(span.end)], as: UTF16.self)
        (id, isNew) = interner.intern(long: text)
        if isNew { result.longTerms.append(text) }
      }
      let i = Int(id)
      if isNew {
        result.keys.append(key)
        result.counts.append(1)
        last.append(span.position)
      } else {
        if span.position <= last[i] { continue }
        last[i] = span.position
        result.counts[i] += 1
      }
      termOfToken[k] = id
    }
    var next = [Int](repeating: 0, count: result.counts.count)
    var total = 0
    for (i, count) in result.counts.enumerated() {
      next[i] = total
      total += Int(count)
    }
    result.positions = [UInt32](repeating: 0, count: total)
    for (k, span) in spans.enumerated() where termOfToken[k] >= 0 {
      let i = Int(termOfToken[k])
      result.positions[next[i]] = span.position
      next[i] += 1
    }
    return result
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
        var scratch = TermInterner(expected: 4096, reusable: true)
        for i in start..<end where !cancelled.flag.load(ordering: .relaxed) {
          slots.set(i, AnalyzedDocument(documents[i], analyzer: analyzer, scratch: &scratch))
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
