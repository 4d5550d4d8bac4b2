import IndexStore
import Ingest
import TextAnalysis

/// Counts of the whole result set by type, region, category and month.
public struct FacetCounts: Hashable, Sendable {
  /// One value and how many matching documents have it.
  public struct Bucket: Hashable, Sendable, Codable {
    /// The value counted: a type, region or category, or a month as "2020-09".
    public var value: String
    /// How many matching documents have the value.
    public var count: Int

    /// A bucket of `count` documents with `value`.
    public init(value: String, count: Int) {
      self.value = value
      self.count = count
    }
  }

  /// Buckets by descending count, then value; spellings merged as for `region`.
  public var type: [Bucket] = []
  /// Buckets by region (towns are not rolled up), by descending count, then value. Spellings the
  /// analyzer normalizes alike (赫山區, 赫山区) are one bucket, named by the most frequent of them.
  public var region: [Bucket] = []
  /// Buckets by category, by descending count, then value; spellings merged as for `region`.
  public var category: [Bucket] = []
  /// Buckets by month ("2020-09"), in calendar order.
  public var month: [Bucket] = []

  /// No buckets in any dimension.
  public init() {}

  /// `buckets` with those whose values `normalize` makes equal added up,
  /// each group under its most frequent spelling (the smallest of equally
  /// frequent ones), by descending count, then value.
  package static func mergingSpellings(_ buckets: [Bucket], normalize: (String) -> String) -> [Bucket] {
    var byForm: [String: [Bucket]] = [:]
    for bucket in buckets {
      let form = normalize(bucket.value)
      byForm[form.isEmpty ? bucket.value : form, default: []].append(bucket)
    }
    let merged = byForm.values.map { group -> Bucket in
      var spellings: [String: Int] = [:]
      for bucket in group { spellings[bucket.value, default: 0] += bucket.count }
      let name = spellings.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? group[0].value
      return Bucket(value: name, count: group.reduce(0) { $0 + $1.count })
    }
    return merged.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
  }
}

/// Accumulates facet counts segment by segment, by column ordinal (cheap),
/// and turns them into strings at the end.
struct FacetAccumulator {
  private var type: [String: Int] = [:]
  private var region: [String: Int] = [:]
  private var category: [String: Int] = [:]
  private var month: [Int: Int] = [:]  // year * 12 + month - 1

  /// Per segment: each column's values, raw ordinals and counts by ordinal.
  private var typeValues: [String] = []
  private var regionValues: [String] = []
  private var categoryValues: [String] = []
  private var typeOrdinals = ColumnOrdinals.empty
  private var regionOrdinals = ColumnOrdinals.empty
  private var categoryOrdinals = ColumnOrdinals.empty
  private var typeCounts: [Int] = []
  private var regionCounts: [Int] = []
  private var categoryCounts: [Int] = []
  private var dates = DateColumn.empty
  /// The segment this accumulator reads; kept so its mapped files stay valid.
  private var segment: SegmentReader?
  /// Counts by month from January 1900 (a month outside 1900–2199 goes to
  /// `month` directly).
  private var monthCounts = [Int](repeating: 0, count: 300 * 12)

  mutating func begin(_ segment: SegmentReader) {
    flush()
    self.segment = segment
    let typeColumn = segment.column(.type)
    let regionColumn = segment.column(.region)
    let categoryColumn = segment.column(.category)
    typeValues = typeColumn.values
    regionValues = regionColumn.values
    categoryValues = categoryColumn.values
    typeOrdinals = typeColumn.ordinals
    regionOrdinals = regionColumn.ordinals
    categoryOrdinals = categoryColumn.ordinals
    typeCounts = [Int](repeating: 0, count: typeValues.count)
    regionCounts = [Int](repeating: 0, count: regionValues.count)
    categoryCounts = [Int](repeating: 0, count: categoryValues.count)
    dates = segment.dates
  }

  mutating func count(_ doc: UInt32) {
    if let ordinal = typeOrdinals[doc], ordinal < typeCounts.count { typeCounts[ordinal] += 1 }
    if let ordinal = regionOrdinals[doc], ordinal < regionCounts.count { regionCounts[ordinal] += 1 }
    if let ordinal = categoryOrdinals[doc], ordinal < categoryCounts.count { categoryCounts[ordinal] += 1 }
    if let days = dates[doc] {
      let day = Day(daysSinceEpoch: days)
      let key = day.year * 12 + day.month - 1
      let slot = key - 1900 * 12
      if slot >= 0 && slot < monthCounts.count {
        monthCounts[slot] += 1
      } else {
        month[key, default: 0] += 1
      }
    }
  }

  /// Adds in what another accumulator (of other segments) counted.
  mutating func absorb(_ other: FacetAccumulator) {
    var other = other
    other.flush()
    flush()
    type.merge(other.type, uniquingKeysWith: +)
    region.merge(other.region, uniquingKeysWith: +)
    category.merge(other.category, uniquingKeysWith: +)
    month.merge(other.month, uniquingKeysWith: +)
    for (slot, count) in other.monthCounts.enumerated() where count > 0 { monthCounts[slot] += count }
    segment = nil
  }

  private mutating func flush() {
    func add(_ values: [String], _ counts: [Int], into table: inout [String: Int]) {
      for (ordinal, count) in counts.enumerated() where count > 0 && ordinal < values.count {
        table[values[ordinal], default: 0] += count
      }
    }
    add(typeValues, typeCounts, into: &type)
    add(regionValues, regionCounts, into: &region)
    add(categoryValues, categoryCounts, into: &category)
    typeCounts = []
    regionCounts = []
    categoryCounts = []
  }

  /// The counts as buckets, the spellings of a type, region or category
  /// that normalize alike (`Analyzer.normalizedText`) counted as one.
  mutating func finish() -> FacetCounts {
    flush()
    for (slot, count) in monthCounts.enumerated() where count > 0 { month[slot + 1900 * 12, default: 0] += count }
    func buckets(_ counts: [String: Int]) -> [FacetCounts.Bucket] {
      FacetCounts.mergingSpellings(counts.filter { !$0.key.isEmpty }.map { FacetCounts.Bucket(value: $0.key, count: $0.value) },
                                   normalize: Analyzer.normalizedText)
    }
    var result = FacetCounts()
    result.type = buckets(type)
    result.region = buckets(region)
    result.category = buckets(category)
    result.month = month.sorted { $0.key < $1.key }.map { key, count in
      let year = key / 12
      let monthNumber = key % 12 + 1
      return FacetCounts.Bucket(value: "\(year)-\(monthNumber < 10 ? "0" : "")\(monthNumber)", count: count)
    }
    return result
  }
}
