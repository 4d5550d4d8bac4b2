import Foundation
import IndexStore
import Ingest
import TextAnalysis

/// Reads the petitions in scope and all rectification reports of an index,
/// in parallel chunks, into records.
///
/// Type, date and region are checked on the index columns before a stored
/// document is decoded. Each chunk of a segment is read by one worker with
/// its own extractor; results are joined in index order, so the outcome does
/// not depend on the number of threads.
struct ComplaintScan: Sendable {
  var type: String
  var fromDays: Int32?
  var toDays: Int32?
  var regions: Set<String>?
  var allowedIDs: Set<String>?

  /// Documents per unit of work.
  static let chunkSize: UInt32 = 2048

  func run(_ reader: IndexReader, makeExtractor: () -> ComplaintExtractor) throws
    -> (petitions: [ComplaintRecord], reports: [ReportRecord])
  {
    var pieces: [Chunk] = []
    for segment in reader.segments {
      var start: UInt32 = 0
      while start < segment.maxDoc {
        let end = min(segment.maxDoc, start + Self.chunkSize)
        pieces.append(Chunk(segment: segment, range: start..<end))
        start = end
      }
    }
    let chunks = pieces
    let results = ChunkResults(count: chunks.count)
    let extractors = (0..<chunks.count).map { _ in makeExtractor() }
    DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
      var extractor = extractors[index]
      do {
        let read = try scan(chunks[index].segment, chunks[index].range, &extractor)
        results.store(index, read)
      } catch {
        results.fail(error)
      }
    }
    return try results.joined()
  }

  /// A range of documents of one segment.
  struct Chunk: Sendable {
    var segment: SegmentReader
    var range: Range<UInt32>
  }

  private func scan(_ segment: SegmentReader, _ range: Range<UInt32>, _ extractor: inout ComplaintExtractor) throws
    -> ([ComplaintRecord], [ReportRecord])
  {
    let types = segment.column(.type)
    let regionColumn = segment.column(.region)
    // Every spelling of a type that normalizes alike (Petition, ｐｅｔｉｔｉｏｎ), and its Chinese names (信访件), as
    // the type filter accepts.
    let values: Set<String> = [type, DocumentTypes.canonical(type)]
    let petitionOrdinals = segment.ordinals(of: .type, values: values, forms: Set(values.map(Analyzer.normalizedText)))
    let reportOrdinals = segment.ordinals(of: .type, values: [DocumentTypes.rectification], forms: [DocumentTypes.rectification])
    var petitions: [ComplaintRecord] = []
    var reports: [ReportRecord] = []
    guard !petitionOrdinals.isEmpty || !reportOrdinals.isEmpty else { return ([], []) }
    var wanted: [UInt32] = []
    var kinds: [(isReport: Bool, isPetition: Bool)] = []
    for doc in range where segment.isLive(doc) {
      guard let ordinal = types.ordinal(doc) else { continue }
      let isReport = reportOrdinals.contains(ordinal)
      var isPetition = petitionOrdinals.contains(ordinal)
      if isPetition && (fromDays != nil || toDays != nil) {
        if let days = segment.date(doc) {
          if let fromDays, days < fromDays { isPetition = false }
          if let toDays, days > toDays { isPetition = false }
        } else {
          isPetition = false
        }
      }
      if isPetition, let regions {
        if let value = regionColumn.value(doc), regions.contains(value) {} else { isPetition = false }
      }
      guard isReport || isPetition else { continue }
      wanted.append(doc)
      kinds.append((isReport, isPetition))
    }
    var position = 0
    try segment.documents(wanted) { _, document in
      let kind = kinds[position]
      position += 1
      if kind.isReport { reports.append(extractor.report(document)) }
      if kind.isPetition && (allowedIDs?.contains(document.id) ?? true) {
        petitions.append(extractor.petition(document))
      }
    }
    return (petitions, reports)
  }
}

/// Per-chunk results written by concurrent workers, each to its own slot.
private final class ChunkResults: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [([ComplaintRecord], [ReportRecord])?]
  private var error: Error?

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ value: ([ComplaintRecord], [ReportRecord])) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  func fail(_ error: Error) {
    lock.lock()
    if self.error == nil { self.error = error }
    lock.unlock()
  }

  func joined() throws -> (petitions: [ComplaintRecord], reports: [ReportRecord]) {
    lock.lock()
    defer { lock.unlock() }
    if let error { throw error }
    var petitions: [ComplaintRecord] = []
    var reports: [ReportRecord] = []
    for slot in slots {
      petitions += slot?.0 ?? []
      reports += slot?.1 ?? []
    }
    return (petitions, reports)
  }
}
