import IndexStore
import Ingest

/// A filter with its accepted values spelled out (a region includes the
/// towns under it), ready to test documents of any segment.
struct ResolvedFilter: Sendable {
  enum Kind: Sendable {
    case column(ExactColumn, values: Set<String>)
    case date(from: Int32?, to: Int32?)
  }

  var kind: Kind
  /// As the user wrote it, for explanations.
  var label: String

  func scorer(in segment: SegmentReader) -> Scorer? {
    switch kind {
    case .column(let column, let values):
      let reader = segment.column(column)
      var accepted = Set<UInt32>()
      for (ordinal, value) in reader.values.enumerated() where values.contains(value) {
        accepted.insert(UInt32(ordinal))
      }
      if accepted.isEmpty { return nil }
      return FilterScorer(maxDoc: segment.maxDoc, summary: "filter \(label)") { doc in
        guard let ordinal = reader.ordinal(doc) else { return false }
        return accepted.contains(ordinal)
      }
    case .date(let from, let to):
      let lower = from ?? Int32.min
      let upper = to ?? Int32.max
      return FilterScorer(maxDoc: segment.maxDoc, summary: "filter \(label)") { doc in
        guard let day = segment.date(doc) else { return false }
        return day >= lower && day <= upper
      }
    }
  }
}
