import Ingest

/// Turns the text a user types into a `Query`.
///
/// The language, loosest binding first:
/// - juxtaposed items, `赫山区 养猪场 臭味`: each optional, documents
///   matching more of them rank first; `+word` requires an item, `-word` and
///   `NOT word` exclude one;
/// - `a OR b`: either; `a AND b`: both (AND binds tighter than OR);
/// - `( … )` groups; `"…"`, `“…”` or `「…」` is an exact phrase;
/// - `title:`, `unit:`, `body:` restrict words or a phrase to one field;
///   `type:`, `region:`, `category:` filter exact values and
///   `date:2020-01-01..2020-06-30` a date range (either end may be open;
///   `date:2020` and `date:2020-05` mean the whole year or month).
///
/// Full-width syntax characters that Chinese keyboards type (（）＋－：＂)
/// work like their ASCII forms. The parser does not analyze words: the
/// searcher does that with the index's `Analyzer`.
public struct QueryParser: Sendable {
  /// Bounds that keep one query from taking the machine.
  public struct Limits: Hashable, Sendable {
    /// Most words, phrases and filters in one query (Lucene's maxClauseCount).
    public var maxClauses = 1024
    /// Deepest nesting of parentheses.
    public var maxDepth = 32
    /// Longest query text, in UTF-8 bytes.
    public var maxBytes = 4096

    /// The default limits: 1,024 clauses, 32 levels of parentheses, 4,096 bytes.
    public init() {}
  }

  /// The bounds `parse(_:)` enforces; a query beyond one throws a `QueryError`.
  public var limits: Limits

  /// A parser enforcing `limits` (by default `Limits()`).
  public init(limits: Limits = Limits()) {
    self.limits = limits
  }

  /// Parses query text.
  ///
  /// - Throws: `QueryError` naming the column and what was expected.
  public func parse(_ text: String) throws(QueryError) -> Query {
    var state = ParserState(text: text, limits: limits)
    return try state.parseQuery()
  }
}

private enum Lexeme: Equatable {
  case word(String)
  case phrase(String)
  case open, close, and, or, not, plus, minus
  case field(String)  // "title" in `title:`
  case unknownField(String, meant: String)  // "regoin" in `regoin:赫山区`, meant "region": an error
  case end
}

private struct ParserState {
  let original: String
  let characters: [Character]
  let limits: QueryParser.Limits
  var index = 0
  var clauses = 0
  var depth = 0

  static let fields: Set<String> = ["title", "unit", "body", "type", "region", "category", "date", "id", "_id"]

  init(text: String, limits: QueryParser.Limits) {
    original = text
    characters = text.map(ParserState.syntaxForm)
    self.limits = limits
  }

  /// Full-width syntax characters read as their ASCII forms (one for one, so
  /// columns stay right).
  static func syntaxForm(_ c: Character) -> Character {
    switch c {
    case "（": return "("
    case "）": return ")"
    case "＋": return "+"
    case "－": return "-"
    case "：": return ":"
    case "＂", "“", "”", "「", "」": return "\""
    case "\u{3000}": return " "
    default: return c
    }
  }

  func error(_ message: String, at position: Int) -> QueryError {
    QueryError(message, column: position + 1, query: original)
  }

  mutating func parseQuery() throws(QueryError) -> Query {
    if original.utf8.count > limits.maxBytes {
      var bytes = 0
      var column = 0
      for c in original {
        bytes += c.utf8.count
        if bytes > limits.maxBytes { break }
        column += 1
      }
      throw error("query is longer than \(limits.maxBytes) bytes", at: column)
    }
    skipSpace()
    if index == characters.count { throw error("empty query: type words to search for", at: 0) }
    if let quote = unterminatedQuote() {
      throw error("quote opened here is never closed: expected a closing quote", at: quote)
    }
    let query = try parseSequence()
    if case .close = peek().lexeme {
      throw error("unmatched ')': no '(' opened before it", at: index)
    }
    return query
  }

  // sequence := orChain+
  mutating func parseSequence() throws(QueryError) -> Query {
    var items: [Query.Clause] = []
    while true {
      let next = peek()
      if next.lexeme == .end || next.lexeme == .close { break }
      var item = try parseOrChain()
      // A filter among juxtaposed words restricts them (`region:赫山区 噪声`);
      // only an explicit OR makes a filter optional.
      if item.occur == .should, case .filter = item.query { item.occur = .must }
      items.append(item)
    }
    if items.count == 1, items[0].occur == .should { return items[0].query }
    // So does a group of filters beside words (`噪声 type:(petition OR briefing)`).
    for k in items.indices where items[k].occur == .should && items[k].query.isFilter { items[k].occur = .must }
    return .boolean(items)
  }

  // orChain := andChain ('OR' andChain)*
  mutating func parseOrChain() throws(QueryError) -> Query.Clause {
    var parts = [try parseAndChain()]
    while peek().lexeme == .or {
      let operatorAt = peek().start
      consume()
      if isOperandStart(peek().lexeme) == false {
        throw error("expected a word, phrase or '(' after OR", at: operatorAt)
      }
      parts.append(try parseAndChain())
    }
    if parts.count == 1 { return parts[0] }
    return Query.Clause(.should, .boolean(parts.map(Self.asAlternative)))
  }

  // andChain := unary ('AND' unary)*
  mutating func parseAndChain() throws(QueryError) -> Query.Clause {
    var parts = [try parseUnary()]
    while peek().lexeme == .and {
      let operatorAt = peek().start
      consume()
      if isOperandStart(peek().lexeme) == false {
        throw error("expected a word, phrase or '(' after AND", at: operatorAt)
      }
      parts.append(try parseUnary())
    }
    if parts.count == 1 { return parts[0] }
    return Query.Clause(.should, .boolean(parts.map { Query.Clause($0.occur == .mustNot ? .mustNot : .must, $0.query) }))
  }

  /// An alternative of an OR: an excluded one means "documents without it".
  static func asAlternative(_ clause: Query.Clause) -> Query.Clause {
    switch clause.occur {
    case .mustNot: return Query.Clause(.should, .boolean([Query.Clause(.must, .all), clause]))
    case .must, .should: return Query.Clause(.should, clause.query)
    }
  }

  func isOperandStart(_ lexeme: Lexeme) -> Bool {
    switch lexeme {
    case .word, .phrase, .open, .not, .plus, .minus, .field, .unknownField: return true
    case .close, .and, .or, .end: return false
    }
  }

  // unary := ('+' | '-' | 'NOT') primary | primary
  mutating func parseUnary() throws(QueryError) -> Query.Clause {
    let next = peek()
    switch next.lexeme {
    case .plus:
      consume()
      return Query.Clause(.must, try parsePrimary(after: "+", at: next.start))
    case .minus:
      consume()
      return Query.Clause(.mustNot, try parsePrimary(after: "-", at: next.start))
    case .not:
      consume()
      return Query.Clause(.mustNot, try parsePrimary(after: "NOT", at: next.start))
    default:
      return Query.Clause(.should, try parsePrimary(after: nil, at: next.start))
    }
  }

  mutating func parsePrimary(after modifier: String?, at modifierStart: Int) throws(QueryError) -> Query {
    let next = peek()
    switch next.lexeme {
    case .word(let text):
      consume()
      try countClause(at: next.start)
      // `*` (Lucene's and Elasticsearch's `*:*` too) is every document:
      // `* -已整改 type:petition`, or a list by date (`--sort newest`).
      // Beside words, a star standing alone is dropped (`WeightBuilder`).
      if text == "*" || text == "*:*" || text == "＊" { return .all }
      return .words(starless(text), field: nil)
    case .phrase(let text):
      if text.allSatisfy(\.isWhitespace) { throw error("empty phrase: expected words between the quotes", at: next.start) }
      consume()
      try rejectProximity(after: text)
      try countClause(at: next.start)
      return .phrase(text, field: nil)
    case .open:
      consume()
      depth += 1
      if depth > limits.maxDepth {
        throw error("parentheses nested deeper than \(limits.maxDepth)", at: next.start)
      }
      if peek().lexeme == .close { throw error("empty parentheses: expected a word inside", at: peek().start) }
      let inner = try parseSequence()
      guard peek().lexeme == .close else {
        throw error("'(' is never closed: expected ')'", at: next.start)
      }
      consume()
      try rejectProximity(after: nil)
      depth -= 1
      return inner
    case .field(let name):
      consume()
      return try parseFieldValue(name, fieldStart: next.start)
    case .unknownField(let name, let meant):
      let known = Self.fields.sorted().joined(separator: ", ")
      throw error("unknown field '\(name)': did you mean \(meant):? fields are \(known); to search the text itself, quote it",
                  at: next.start)
    case .end:
      let what = modifier.map { "after '\($0)'" } ?? "here"
      throw error("expected a word, phrase or '(' \(what)", at: modifier == nil ? next.start : modifierStart)
    case .close:
      throw error("unexpected ')': expected a word, phrase or '('", at: next.start)
    case .and, .or:
      throw error("expected a word, phrase or '(' before \(next.lexeme == .and ? "AND" : "OR")", at: next.start)
    case .not, .plus, .minus:
      throw error("a second operator here: expected a word, phrase or '('", at: next.start)
    }
  }

  /// A word with stars around it (a footnote mark, Markdown bold, Lucene's
  /// prefix `整改*`) is searched as the text without them: the analyzer
  /// drops the stars anyway, and a case number keeps its id look-up
  /// (`D430903201801210011*`). Prefix search proper is not offered: Chinese
  /// words are found inside longer ones without it (整改 finds 整改方案).
  func starless(_ word: String) -> String {
    let isStar = { (c: Character) in c == "*" || c == "＊" }
    let trimmed = word.drop(while: isStar).reversed().drop(while: isStar).reversed()
    return trimmed.isEmpty ? word : String(trimmed)
  }

  /// Digits (ASCII or full-width) with at most a dot: what follows a boost
  /// or a proximity mark.
  static func isNumberAfterMark(_ text: ArraySlice<Character>) -> Bool {
    !text.isEmpty && text.first != "." && text.allSatisfy { c in
      c == "." || c == "．" || c.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("０"..."９").contains($0) }
    }
  }

  /// A Lucene proximity right after a phrase (`"养猪场 臭味"~5`) or a boost
  /// right after a phrase or a group (`"黑臭水体"^2`, `(噪音 臭味)^2`), with
  /// ASCII marks and a number, is refused: read as text, the 5 would be
  /// searched for. Marks after a word stay text, as do full-width ones and a
  /// `~` after a group: Chinese writes ranges and powers so (`3月~5`,
  /// `２０～３０`, `平方米^2`, `(2019)~2021`).
  mutating func rejectProximity(after phrase: String?) throws(QueryError) {
    guard index < characters.count, characters[index] == "^" || (characters[index] == "~" && phrase != nil) else { return }
    var end = index + 1
    while end < characters.count, !Self.isWordEnd(characters[end]) { end += 1 }
    guard Self.isNumberAfterMark(characters[(index + 1)..<end]) else { return }
    guard let phrase, characters[index] == "~" else {
      let what = phrase == nil ? "the group" : "the phrase"
      throw error("boosts (^N) are not supported; to rank \(what) first, require it with +", at: index)
    }
    let words = phrase.split(whereSeparator: \.isWhitespace)
    let advice = words.count > 1 ? "; to require every word anywhere, write " + words.map { "+" + $0 }.joined(separator: " ")
      : ""
    throw error("proximity search (~N after a phrase) is not supported\(advice)", at: index)
  }

  mutating func parseFieldValue(_ name: String, fieldStart: Int) throws(QueryError) -> Query {
    let valueStart = index
    var value: String
    var isPhrase = false
    if index < characters.count, characters[index] == "(" {
      return try parseFieldGroup(name, at: valueStart)
    }
    if index < characters.count, characters[index] == "\"" {
      guard case .phrase(let text) = peek().lexeme else {
        throw error("expected a quoted value after \(name):", at: valueStart)
      }
      consume()
      try rejectProximity(after: text)
      value = text
      isPhrase = true
    } else {
      var end = index
      while end < characters.count, !Self.isWordEnd(characters[end]) { end += 1 }
      value = String(characters[index..<end])
      index = end
    }
    if value.isEmpty {
      throw error("expected a value after '\(name):'", at: valueStart)
    }
    if isPhrase && value.allSatisfy(\.isWhitespace) {
      throw error("empty phrase: expected words between the quotes", at: valueStart)
    }
    try countClause(at: fieldStart)
    if name == "date" { return .filter(try parseDateRange(value, at: valueStart)) }
    // Stars around a word are dropped in a text field only (a filter value is exact).
    return Self.fieldQuery(name, !isPhrase && TextField(rawValue: name) != nil ? starless(value) : value, isPhrase: isPhrase)
  }

  /// The query of a field other than `date` with one value: words or a
  /// phrase in a text field, else a filter.
  static func fieldQuery(_ name: String, _ value: String, isPhrase: Bool) -> Query {
    switch name {
    case "id", "_id": return .filter(.id(value))
    case "type": return .filter(.type(value))
    case "region": return .filter(.region(value))
    case "category": return .filter(.category(value))
    default:
      let field = TextField(rawValue: name)
      return isPhrase ? .phrase(value, field: field) : .words(value, field: field)
    }
  }

  /// `title:(整改 方案)`, `type:(petition OR rectification)`: the field
  /// applies to every word and phrase of the group (Lucene's field
  /// grouping); a field named inside keeps its own, and filters stay as
  /// they are.
  mutating func parseFieldGroup(_ name: String, at start: Int) throws(QueryError) -> Query {
    guard name != "date" else {
      throw error("a date takes one range (date:2020-01..2020-06), not a group", at: start)
    }
    guard case .open = peek().lexeme else { throw error("expected '(' after \(name):", at: start) }
    let group = try parsePrimary(after: "\(name):", at: start)
    return Self.applying(name, to: group)
  }

  /// `query` with every word and phrase that names no field searched in the
  /// text field `name`, or made the value of the filter `name`.
  static func applying(_ name: String, to query: Query) -> Query {
    switch query {
    case .words(let text, nil): return fieldQuery(name, text, isPhrase: false)
    case .phrase(let text, nil): return fieldQuery(name, text, isPhrase: true)
    case .boolean(let clauses):
      return .boolean(clauses.map { Query.Clause($0.occur, applying(name, to: $0.query)) })
    case .words, .phrase, .filter, .all:
      return query
    }
  }

  /// `2020-01-01..2020-06-30`, `..2020-06-30`, `2020-01-01..`, `2020-05`, `2020`.
  func parseDateRange(_ value: String, at start: Int) throws(QueryError) -> Filter {
    if let range = value.range(of: "..") {
      let lower = String(value[..<range.lowerBound])
      let upper = String(value[range.upperBound...])
      if lower.isEmpty && upper.isEmpty {
        throw error("expected a date before or after '..'", at: start)
      }
      let from = lower.isEmpty ? nil : try parseDateBound(lower, at: start, upper: false)
      let to = upper.isEmpty ? nil : try parseDateBound(upper, at: start + lower.count + 2, upper: true)
      if let from, let to, from > to {
        throw error("date range ends (\(to.iso)) before it starts (\(from.iso))", at: start)
      }
      return .date(from: from, to: to)
    }
    let from = try parseDateBound(value, at: start, upper: false)
    let to = try parseDateBound(value, at: start, upper: true)
    return .date(from: from, to: to)
  }

  /// A day, or the first (or last) day of a month or year.
  func parseDateBound(_ text: String, at start: Int, upper: Bool) throws(QueryError) -> Day {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let numbers = parts.map { part -> Int? in part.allSatisfy(\.isASCII) ? Int(part) : nil }
    let expected = "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found '\(text)'"
    guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil }), parts[0].count == 4 else {
      throw error(expected, at: start)
    }
    let year = numbers[0] ?? 0
    let month = numbers.count > 1 ? numbers[1] ?? 0 : (upper ? 12 : 1)
    var day = numbers.count > 2 ? numbers[2] ?? 0 : 1
    if numbers.count < 3 && upper {
      day = 31
      while day > 28, Day(year: year, month: month, day: day) == nil { day -= 1 }
    }
    guard let result = Day(year: year, month: month, day: day) else {
      throw error("no such date: '\(text)'", at: start)
    }
    return result
  }

  mutating func countClause(at position: Int) throws(QueryError) {
    clauses += 1
    if clauses > limits.maxClauses {
      throw error("more than \(limits.maxClauses) words, phrases and filters in one query", at: position)
    }
  }

  // MARK: - Lexing

  static func isWordEnd(_ c: Character) -> Bool {
    c.isWhitespace || c == "(" || c == ")" || c == "\""
  }

  mutating func skipSpace() {
    while index < characters.count, characters[index].isWhitespace { index += 1 }
  }

  /// The next lexeme and where it starts, without consuming it.
  func peek() -> (lexeme: Lexeme, start: Int, end: Int) {
    var i = index
    while i < characters.count, characters[i].isWhitespace { i += 1 }
    guard i < characters.count else { return (.end, characters.count, characters.count) }
    let c = characters[i]
    switch c {
    case "(": return (.open, i, i + 1)
    case ")": return (.close, i, i + 1)
    case "\"":
      var j = i + 1
      while j < characters.count, characters[j] != "\"" { j += 1 }
      // An unterminated quote is reported by `consume`, which sees the end.
      return (.phrase(String(characters[(i + 1)..<min(j, characters.count)])), i, min(j + 1, characters.count))
    case "+", "-":
      if i + 1 < characters.count, !characters[i + 1].isWhitespace {
        return (c == "+" ? .plus : .minus, i, i + 1)
      }
    default:
      break
    }
    var j = i
    while j < characters.count, !Self.isWordEnd(characters[j]) {
      if characters[j] == ":" {
        let name = String(characters[i..<j])
        if Self.fields.contains(name) { return (.field(name), i, j + 1) }
        // A field name mistyped (`regoin:赫山区`, `Title:整改`, `tpye:petition`): an error, not a
        // silent word search that widens a filter. Other names stay text (`pH:9`, `COD:120mg/L`).
        if j + 1 < characters.count, !Self.isWordEnd(characters[j + 1]), let meant = Self.closestField(to: name),
           meant != "date" || name.lowercased() == "date" || Self.looksLikeDate(characters[(j + 1)...]) {
          return (.unknownField(name, meant: meant), i, j + 1)
        }
      }
      j += 1
    }
    let word = String(characters[i..<j])
    switch word {
    case "AND", "&&": return (.and, i, j)
    case "OR", "||": return (.or, i, j)
    case "NOT": return (.not, i, j)
    default: return (.word(word), i, j)
    }
  }

  /// Whether a value begins as a date range does (`2020`, `..2021`): what
  /// makes `dtae:2020-05` a mistyped `date:`, unlike `data:image/png` or `rate:5%`.
  static func looksLikeDate(_ value: ArraySlice<Character>) -> Bool {
    if value.starts(with: [".", "."]) { return true }
    return value.prefix(4).count == 4 && value.prefix(4).allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// The field a name of Latin letters was surely meant to be: the same
  /// letters in another case (`Title`), or, for a name of four letters or
  /// more, one letter added, dropped, changed or two swapped (`regoin`,
  /// `tpye`, `titel`). Nil for other names (`pH`, `COD`, `TP`, `http`).
  static func closestField(to name: String) -> String? {
    guard name.count >= 2, name.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    let lower = name.lowercased()
    // `ID:` is common in pasted text (用户ID：123): only `id:` itself is the filter.
    if lower == "id" { return nil }
    if fields.contains(lower) { return lower }
    guard lower.count >= 4 else { return nil }
    /// Optimal string alignment distance (Levenshtein with adjacent swaps) of two short ASCII strings.
    func distance(_ a: [Character], _ b: [Character]) -> Int {
      var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
      for i in 0...a.count { d[i][0] = i }
      for j in 0...b.count { d[0][j] = j }
      for i in stride(from: 1, through: a.count, by: 1) {
        for j in stride(from: 1, through: b.count, by: 1) {
          d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
          if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
      }
      return d[a.count][b.count]
    }
    let near = fields.filter { distance(Array(lower), Array($0)) == 1 }.sorted()
    return near.count == 1 ? near[0] : nil
  }

  mutating func consume() {
    let next = peek()
    index = next.end
  }
}

extension ParserState {
  /// Checked at every phrase: a quote opened and never closed.
  fileprivate func unterminatedQuote() -> Int? {
    var open: Int?
    for (i, c) in characters.enumerated() where c == "\"" {
      open = open == nil ? i : nil
    }
    return open
  }
}
