/// A calendar day (proleptic Gregorian), the unit of document dates.
///
/// Stored as days since 1970-01-01 so that ranges and per-month counts are
/// integer comparisons.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The year: 1...9999 for a day made by `init?(year:month:day:)`, `init?(iso:)` or decoding;
  /// `init(daysSinceEpoch:)` may give any year (astronomical numbering: 0 is 1 BC).
  public let year: Int
  /// The month, 1...12.
  public let month: Int
  /// The day of the month, from 1 to the month's length (28 to 31).
  public let day: Int

  /// A validated day, or nil for impossible dates (2020-02-30) and for years
  /// outside 1...9999.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
          day <= Day.daysInMonth(year: year, month: month) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses "YYYY-MM-DD" (also "YYYY/MM/DD" and "YYYY.MM.DD").
  public init?(iso text: String) {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
    guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
          let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The day with this many days since 1970-01-01 (negative before). Any
  /// `Int32` gives a day (its year may lie far outside 1...9999) that
  /// converts back to the same number.
  public init(daysSinceEpoch: Int32) {
    // Howard Hinnant's civil_from_days.
    let z = Int(daysSinceEpoch) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  private enum CodingKeys: String, CodingKey { case year, month, day }

  /// Decodes `{"year": …, "month": …, "day": …}`, refusing what
  /// `init?(year:month:day:)` refuses (`DecodingError.dataCorrupted`).
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let year = try container.decode(Int.self, forKey: .year)
    let month = try container.decode(Int.self, forKey: .month)
    let day = try container.decode(Int.self, forKey: .day)
    guard let valid = Day(year: year, month: month, day: day) else {
      throw DecodingError.dataCorruptedError(
        forKey: .day, in: container, debugDescription: "\(year)-\(month)-\(day) is not a day of the years 1 to 9999")
    }
    self = valid
  }

  /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
  public var daysSinceEpoch: Int32 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146_097 + doe - 719_468)
  }

  /// "2020-09-15".
  public var iso: String {
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// "2020-09", the bucket of per-month counts.
  public var monthKey: String { String(iso.prefix(7)) }

  public var description: String { iso }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
