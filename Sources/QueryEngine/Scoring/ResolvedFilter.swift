import IndexStore
import Ingest

/// A filter with its accepted values spelled out (a region includes the
/// towns under it), ready to test documents of any segment.
struct ResolvedFilter: Sendable {
  enum Kind: Sendable {
    /// Stored values equal to one of `values`, or whose normalized form
    /// (`Analyzer.normalizedText`) is in `forms` (`values` normalized: 赫山區
    /// for 赫山区), as facets count them; empty `forms` for exact values only.
    case column(ExactColumn, values: Set<String>, forms: Set<String> = [])
    case date(from: Int32?, to: Int32?)
    /// The document with the first of these spellings of an id that the segment holds.
    case document([String])
  }

  var kind: Kind
  /// As the user wrote it, for explanations.
  var label: String

  func scorer(in segment: SegmentReader) -> Scorer? {
    guard let accepts = predicate(in: segment) else { return nil }
    return FilterScorer(maxDoc: segment.maxDoc, summary: "filter \(label)", accepts: accepts)
  }

  /// Whether a document of the segment passes; nil when none can.
  func predicate(in segment: SegmentReader) -> ((UInt32) -> Bool)? {
    switch kind {
    case .column(let column, let values, let forms):
      let reader = segment.column(column)
      let accepted = segment.ordinals(of: column, values: values, forms: forms)
      if accepted.isEmpty { return nil }
      return { doc in
        guard let ordinal = reader.ordinal(doc) else { return false }
        return accepted.contains(ordinal)
      }
    case .document(let spellings):
      guard let (found, _) = segment.docID(forAnyOf: spellings) else { return nil }
      return { $0 == found }
    case .date(let from, let to):
      let lower = from ?? Int32.min
      let upper = to ?? Int32.max
      return { doc in
        guard let day = segment.date(doc) else { return false }
        return day >= lower && day <= upper
      }
    }
  }
}

extension SegmentReader {
  /// The document of the first of these spellings of an id that the segment
  /// holds, and that spelling (`WeightBuilder.idSpellings`).
  func docID(forAnyOf spellings: [String]) -> (doc: UInt32, id: String)? {
    for id in spellings {
      if let doc = docID(forKey: id) { return (doc, id) }
    }
    return nil
  }
}
