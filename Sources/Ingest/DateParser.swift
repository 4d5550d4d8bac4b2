/// Finds calendar days in field values and running text.
///
/// Accepts "2020-09-15", "2020/9/15", "2020.9.15", "2020年9月15日" and the
/// spaced form of briefings "2020 年 9 月 15 日", with ASCII or full-width
/// digits; a time after the day ("2020-09-15T10:00", "2020-09-15 10:00:00")
/// is ignored.
enum DateParser {
  /// Parses a field value that should be exactly one date (a trailing time is allowed).
  static func parseField(_ text: String) -> Day? {
    let scalars = normalizedScalars(text.unicodeScalars[...])
    guard let (day, end) = match(scalars, at: firstNonSpace(scalars, from: 0)) else { return nil }
    let afterDate = scalars[end...]
    let rest = afterDate.drop(while: { $0 == " " })
    if rest.isEmpty { return day }
    if let first = rest.first, first == "T" || first == "t" { return day }
    // "2020-09-15 10:00", "2020-09-15 10:00:00": a time after a space.
    if rest.startIndex > afterDate.startIndex, startsWithTime(rest) { return day }
    if let first = rest.first, ("0"..."9").contains(first) == false, scalars[end - 1] == "日" { return day }
    return nil
  }

  /// Whether text starts with a clock time: one or two digits, a colon, a digit.
  private static func startsWithTime(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
    var digits = 0
    var index = text.startIndex
    while index < text.endIndex, isDigit(text[index]), digits < 3 {
      digits += 1
      index += 1
    }
    guard (1...2).contains(digits), index + 1 < text.endIndex, text[index] == ":" else { return false }
    return isDigit(text[index + 1])
  }

  /// The first date in running text, looking at most `limit` characters in.
  static func firstDate(in text: String, limit: Int = 4000) -> Day? {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(min(limit, text.utf8.count))
    for c in text.unicodeScalars {
      if scalars.count == limit { break }
      scalars.append(normalize(c))
    }
    var i = 0
    while i + 8 <= scalars.count {
      if isDigit(scalars[i]), i == 0 || !isDigit(scalars[i - 1]), let (day, _) = match(scalars, at: i) {
        return day
      }
      i += 1
    }
    return nil
  }

  // MARK: - Matching

  private static func match(_ s: [Unicode.Scalar], at start: Int) -> (Day, Int)? {
    var i = start
    func number(maxDigits: Int) -> Int? {
      var v = 0
      var n = 0
      while i < s.count, n < maxDigits, isDigit(s[i]) {
        v = v * 10 + Int(s[i].value - 0x30)
        i += 1
        n += 1
      }
      if i < s.count, isDigit(s[i]) { return nil }
      return n == 0 ? nil : v
    }
    func spaces() { while i < s.count, s[i] == " " { i += 1 } }
    let yearStart = i
    guard let year = number(maxDigits: 4), i - yearStart == 4 else { return nil }
    spaces()
    guard i < s.count else { return nil }
    let sep = s[i]
    let chinese = sep == "年"
    guard chinese || sep == "-" || sep == "/" || sep == "." else { return nil }
    i += 1
    spaces()
    guard let month = number(maxDigits: 2) else { return nil }
    spaces()
    guard i < s.count else { return nil }
    if chinese {
      guard s[i] == "月" else { return nil }
    } else {
      guard s[i] == sep else { return nil }
    }
    i += 1
    spaces()
    guard let day = number(maxDigits: 2) else { return nil }
    if chinese {
      var j = i
      while j < s.count, s[j] == " " { j += 1 }
      if j < s.count, s[j] == "日" || s[j] == "号" { i = j + 1 }
    }
    guard let d = Day(year: year, month: month, day: day) else { return nil }
    return (d, i)
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

  private static func firstNonSpace(_ s: [Unicode.Scalar], from: Int) -> Int {
    var i = from
    while i < s.count, s[i] == " " { i += 1 }
    return i
  }

  /// Full-width digits and separators folded to ASCII; tabs and ideographic spaces to spaces.
  private static func normalizedScalars(_ text: Substring.UnicodeScalarView) -> [Unicode.Scalar] {
    text.map(normalize)
  }

  private static func normalize(_ c: Unicode.Scalar) -> Unicode.Scalar {
    switch c.value {
    case 0..<0x80 where c != "\t": return c
    case 0xFF10...0xFF19: return Unicode.Scalar(c.value - 0xFF10 + 0x30) ?? c
    case 0xFF0D: return "-"
    case 0xFF0F: return "/"
    case 0xFF0E: return "."
    case 0xFF1A: return ":"
    case 0x3000, 0x09, 0xA0: return " "
    default: return c
    }
  }
}
