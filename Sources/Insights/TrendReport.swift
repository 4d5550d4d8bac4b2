import QueryEngine

/// Counts of a whole result set along one dimension, for trend charts.
///
/// Uses the searcher's facet counts, so every matching document is counted,
/// not only the first page.
public struct TrendReport: Hashable, Sendable {
  /// What to count by.
  public enum Dimension: String, Hashable, Sendable, CaseIterable {
    case month, region, category, type
  }

  public var dimension: Dimension
  /// How many documents match in all (some may have no value for the dimension).
  public var total: Int
  /// Months in calendar order; other dimensions by descending count.
  public var buckets: [FacetCounts.Bucket]

  public init(dimension: Dimension, total: Int, buckets: [FacetCounts.Bucket]) {
    self.dimension = dimension
    self.total = total
    self.buckets = buckets
  }

  /// Counts the documents matching `query` (and `filters`) by `dimension`.
  ///
  /// - Throws: `IndexError` for a damaged index.
  public static func compute(query: Query, by dimension: Dimension, filters: [Filter] = [],
                             in searcher: Searcher) throws -> TrendReport {
    var request = SearchRequest(query: query)
    request.filters = filters
    request.limit = 0
    request.facets = true
    request.snippets = false
    let result = try searcher.search(request)
    let facets = result.facets ?? FacetCounts()
    let buckets: [FacetCounts.Bucket]
    switch dimension {
    case .month: buckets = facets.month
    case .region: buckets = facets.region
    case .category: buckets = facets.category
    case .type: buckets = facets.type
    }
    return TrendReport(dimension: dimension, total: result.totalHits, buckets: buckets)
  }
}
