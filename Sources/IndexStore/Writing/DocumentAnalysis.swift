import Dispatch
import Synchronization
import Ingest
import TextAnalysis

/// A document after analysis, ready to be inverted (the parallel half of
/// indexing); its terms went into the `TermRun`s of its batch.
struct AnalyzedDocument: Sendable {
  var id: String
  /// DocumentCodec bytes.
  var stored: [UInt8]
  /// Exact-match values in `ExactColumn` order.
  var columns: [String]
  var date: Int32
  /// Token counts in `IndexedField` order.
  var lengths: [UInt32]

  /// Analyzes `document`, the `index`-th of its batch, appending its terms
  /// to `runs` (one per field and shard, `TermGrouper.taskCount`).
  init(_ document: Document, index: UInt32, analyzer: Analyzer, fieldByteLimit: Int, grouper: inout TermGrouper,
       runs: inout [TermRun]) {
    id = document.id
    stored = DocumentCodec.encode(document)
    columns = [document.type, document.region, document.category, document.unit]
    date = document.date?.daysSinceEpoch ?? SegmentFormat.missingDate
    var lengths = [UInt32](repeating: 0, count: IndexedField.allCases.count)
    for (t, text) in [document.title, document.unit, document.body].enumerated() where !text.isEmpty {
      let spans = analyzer.termSpans(Self.prefix(text, bytes: fieldByteLimit))
      spans.units.withUnsafeBufferPointer { units in
        lengths[t] = grouper.group(spans.words, units, field: t, document: index, into: &runs)
        lengths[t + 3] = grouper.group(spans.bigrams, units, field: t + 3, document: index, into: &runs)
      }
    }
    self.lengths = lengths
  }

  /// `text`, or its first `bytes` bytes when longer, cut before a character.
  static func prefix(_ text: String, bytes: Int) -> String {
    guard text.utf8.count > bytes else { return text }
    var utf8 = Array(text.utf8.prefix(bytes + 1))
    var cut = max(0, bytes)
    while cut > 0, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
    utf8.removeSubrange(cut...)
    return String(decoding: utf8, as: UTF8.self)
  }
}

/// The documents of one batch after analysis, and their terms by task.
struct AnalyzedBatch: Sendable {
  var documents: [AnalyzedDocument] = []
  /// Per chunk of documents (in document order), its `TermRun` per task.
  var runs: [[TermRun]] = []
}

/// One batch of documents analyzed on background threads, in order.
final class AnalysisBatch: @unchecked Sendable {
  private let group = DispatchGroup()
  private let slots: ResultSlots<(documents: [AnalyzedDocument], runs: [TermRun])>
  private let chunks: Int
  private let cancelled = CancelFlag()

  /// Documents per chunk: workers claim chunks one at a time, so that one
  /// that finishes early takes more instead of waiting for the other.
  private static let chunkSize = 32

  /// Starts analyzing `documents` on `threads` workers.
  init(_ documents: [Document], analyzer: Analyzer, threads: Int, fieldByteLimit: Int) {
    let chunks = (documents.count + AnalysisBatch.chunkSize - 1) / AnalysisBatch.chunkSize
    self.chunks = chunks
    let slots = ResultSlots<(documents: [AnalyzedDocument], runs: [TermRun])>(count: chunks)
    self.slots = slots
    let next = ChunkCounter()
    let cancelled = self.cancelled
    for _ in 0..<max(1, min(threads, chunks)) {
      DispatchQueue.global().async(group: group) {
        var grouper = TermGrouper()
        while !cancelled.flag.load(ordering: .relaxed) {
          let c = next.value.wrappingAdd(1, ordering: .relaxed).oldValue
          guard c < chunks else { break }
          let start = c * AnalysisBatch.chunkSize
          let end = min(documents.count, start + AnalysisBatch.chunkSize)
          var runs = [TermRun](repeating: TermRun(), count: TermGrouper.taskCount)
          TermRun.reserve(&runs, for: documents[start..<end])
          var analyzed: [AnalyzedDocument] = []
          analyzed.reserveCapacity(end - start)
          for i in start..<end {
            analyzed.append(AnalyzedDocument(documents[i], index: UInt32(i), analyzer: analyzer,
                                             fieldByteLimit: fieldByteLimit, grouper: &grouper, runs: &runs))
          }
          slots.set(c, (analyzed, runs))
        }
      }
    }
  }

  /// Waits for the workers; the analyzed documents in input order.
  func wait() -> AnalyzedBatch {
    group.wait()
    var batch = AnalyzedBatch()
    for c in 0..<chunks {
      guard let output = slots.take(c) else { continue }
      batch.documents.append(contentsOf: output.documents)
      batch.runs.append(output.runs)
    }
    return batch
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

/// The next chunk for background workers to claim.
final class ChunkCounter: Sendable {
  let value = Atomic<Int>(0)
}
