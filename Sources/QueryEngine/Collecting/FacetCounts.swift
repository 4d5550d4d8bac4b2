import IndexStore
import Ingest

/// Counts of the whole result set by type, region, category and month.
public struct FacetCounts: Hashable, Sendable {
  /// One value and how many matching documents have it.
  public struct Bucket: Hashable, Sendable, Codable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
      self.value = value
      self.count = count
    }
  }

  /// Buckets by descending count, then value.
  public var type: [Bucket] = []
  public var region: [Bucket] = []
  public var category: [Bucket] = []
  /// Buckets by month ("2020-09"), in calendar order.
  public var month: [Bucket] = []

  public init() {}
}

/// Accumulates facet counts segment by segment, by column ordinal (cheap),
/// and turns them into strings at the end.
struct FacetAccumulator {
  private var type: [String: Int] = [:]
  private var region: [String: Int] = [:]
  private var category: [String: Int] = [:]
  private var month: [Int: Int] = [:]  // year * 12 + month - 1

  private var segment: SegmentReader?
  private var columns: [(ColumnReader, [Int])] = []

  mutating func begin(_ segment: SegmentReader) {
    flush()
    self.segment = segment
    columns = [ExactColumn.type, .region, .category].map { column in
      let reader = segment.column(column)
      return (reader, [Int](repeating: 0, count: reader.values.count))
    }
  }

  mutating func count(_ doc: UInt32) {
    for index in columns.indices {
      if let ordinal = columns[index].0.ordinal(doc), Int(ordinal) < columns[index].1.count {
        columns[index].1[Int(ordinal)] += 1
      }
    }
    if let days = segment?.date(doc) {
      let day = Day(daysSinceEpoch: days)
      month[day.year * 12 + day.month - 1, default: 0] += 1
    }
  }

  private mutating func flush() {
    for (index, (reader, counts)) in columns.enumerated() {
      for (ordinal, count) in counts.enumerated() where count > 0 {
        let value = reader.values[ordinal]
        switch index {
        case 0: type[value, default: 0] += count
        case 1: region[value, default: 0] += count
        default: category[value, default: 0] += count
        }
      }
    }
    columns = []
  }

  mutating func finish() -> FacetCounts {
    flush()
    func buckets(_ counts: [String: Int]) -> [FacetCounts.Bucket] {
      counts.filter { !$0.key.isEmpty }.map { FacetCounts.Bucket(value: $0.key, count: $0.value) }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
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
