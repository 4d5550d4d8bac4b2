import QueryEngine
import TextAnalysis

/// Counts of a whole result set along one dimension, for trend charts.
///
/// Uses the searcher's facet counts, so every matching document is counted,
/// not only the first page.
public struct TrendReport: Hashable, Sendable {
  /// What to count by.
  public enum Dimension: String, Hashable, Sendable, CaseIterable {
    /// By month of the document date ("2020-09"), by region (with a hierarchy, towns under their county or
    /// district), by pollution category, or by document type.
    case month, region, category, type
  }

  /// The value of the bucket of documents that have none for the dimension.
  public static let noValue = "(none)"
  /// What the documents are counted by.
  public var dimension: Dimension
  /// How many documents match in all (some may have no value for the dimension).
  public var total: Int
  /// Months in calendar order; other dimensions by descending count; last, `noValue` for the matching
  /// documents without a value for the dimension, when there are any (the buckets add up to `total`).
  public var buckets: [FacetCounts.Bucket]

  /// A report of the given buckets, as they are.
  public init(dimension: Dimension, total: Int, buckets: [FacetCounts.Bucket]) {
    self.dimension = dimension
    self.total = total
    self.buckets = buckets
  }

  /// Counts the documents matching `query` (and `filters`) by `dimension`.
  ///
  /// Months with no document between the first and the last appear with a
  /// count of 0, so a chart shows the gaps. Region and category spellings that
  /// the index's analyzer normalizes alike (桃江縣, 桃江县) are counted together
  /// under the more frequent spelling; with `regions`, towns count under their
  /// county or district.
  ///
  /// - Throws: `IndexError` for a damaged index.
  public static func compute(query: Query, by dimension: Dimension, filters: [Filter] = [],
                             regions: RegionHierarchy? = nil, in searcher: Searcher) throws -> TrendReport {
    var request = SearchRequest(query: query)
    request.filters = filters
    request.limit = 0
    request.facets = true
    request.snippets = false
    let result = try searcher.search(request)
    let facets = result.facets ?? FacetCounts()
    var buckets: [FacetCounts.Bucket]
    let normalize: (String) -> String = { Analyzer.normalizedText($0) }  // as facets and filters compare values
    switch dimension {
    case .month: buckets = filledMonths(facets.month)
    case .region:
      let county: (String) -> String = { region in
        guard let regions else { return region }
        // The bucket is named by its most frequent spelling, perhaps a Traditional one the hierarchy lacks.
        var chain = regions.rollUp(region)
        if chain.count < 2 { chain = regions.rollUp(normalize(region)) }
        return chain.count > 2 ? chain[chain.count - 2] : region
      }
      buckets = FacetCounts.mergingSpellings(facets.region.map { .init(value: county($0.value), count: $0.count) }, normalize: normalize)
    case .category: buckets = facets.category  // merged by spelling already
    case .type: buckets = facets.type
    }
    // Documents without a value (undated, no region or category) are a bucket too, so that the buckets add
    // up to the total (the facets count exactly).
    let missing = result.totalHits - buckets.reduce(0) { $0 + $1.count }
    if missing > 0 && !result.timedOut { buckets.append(FacetCounts.Bucket(value: TrendReport.noValue, count: missing)) }
    return TrendReport(dimension: dimension, total: result.totalHits, buckets: buckets)
  }

  /// Calendar-ordered month buckets with the empty months between them added as 0.
  static func filledMonths(_ buckets: [FacetCounts.Bucket]) -> [FacetCounts.Bucket] {
    func key(_ value: String) -> Int? {
      let parts = value.split(separator: "-")
      guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
      return year * 12 + month - 1
    }
    let keyed = buckets.compactMap { bucket in key(bucket.value).map { ($0, bucket.count) } }
    guard keyed.count == buckets.count, let first = keyed.map(\.0).min(), let last = keyed.map(\.0).max(),
          last - first < 12 * 200
    else { return buckets }
    let counts = Dictionary(keyed, uniquingKeysWith: +)
    return (first...last).map { month in
      let year = month / 12
      let number = month % 12 + 1
      return FacetCounts.Bucket(value: "\(year)-\(number < 10 ? "0" : "")\(number)", count: counts[month] ?? 0)
    }
  }
}
