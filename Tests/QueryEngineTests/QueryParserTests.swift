import Ingest
import QueryEngine
import Testing

private let parser = QueryParser()

private func day(_ text: String) -> Day? { Day(iso: text) }

struct ValidQueryCase: CustomTestStringConvertible, Sendable {
  var text: String
  var expected: Query
  var testDescription: String { text }
}

private let validCases: [ValidQueryCase] = [
  .init(text: "黑臭水体", expected: .words("黑臭水体", field: nil)),
  .init(text: "赫山区 养猪场 臭味", expected: .boolean([
    .init(.should, .words("赫山区", field: nil)), .init(.should, .words("养猪场", field: nil)),
    .init(.should, .words("臭味", field: nil)),
  ])),
  .init(text: "+金源造纸 -已整改", expected: .boolean([
    .init(.must, .words("金源造纸", field: nil)), .init(.mustNot, .words("已整改", field: nil)),
  ])),
  .init(text: "*", expected: .all),
  .init(text: "id:D430902202009150012", expected: .boolean([.init(.must, .filter(.id("D430902202009150012")))])),
  .init(text: "50m^3", expected: .words("50m^3", field: nil)),
  .init(text: "噪音~", expected: .words("噪音~", field: nil)),
  // Ranges and powers stay text: a number or a numeral before the mark, or no number after it.
  .init(text: "温度２０～３０", expected: .words("温度２０～３０", field: nil)),
  .init(text: "一～二", expected: .words("一～二", field: nil)),
  .init(text: "１０＾６", expected: .words("１０＾６", field: nil)),
  .init(text: "第一~三", expected: .words("第一~三", field: nil)),
  .init(text: "pH６～９", expected: .words("pH６～９", field: nil)),
  .init(text: "整改*", expected: .words("整改", field: nil)),
  // Marks after words, full-width marks after phrases and ~ after a group stay text (ranges, powers,
  // footnote stars, bold). (A star standing alone beside words is dropped when the query is built.)
  .init(text: "噪音^2", expected: .words("噪音^2", field: nil)),
  .init(text: "ID:qq12345", expected: .words("ID:qq12345", field: nil)),
  .init(text: "厂界噪声～65", expected: .words("厂界噪声～65", field: nil)),
  .init(text: "**金源纸厂**", expected: .words("金源纸厂", field: nil)),
  .init(text: "COD* 超标", expected: .boolean([.init(.should, .words("COD", field: nil)), .init(.should, .words("超标", field: nil))])),
  .init(text: "噪声 * 超标", expected: .boolean([
    .init(.should, .words("噪声", field: nil)), .init(.should, .all), .init(.should, .words("超标", field: nil)),
  ])),
  .init(text: "(2019)~2021", expected: .boolean([.init(.should, .words("2019", field: nil)), .init(.should, .words("~2021", field: nil))])),
  .init(text: "title:(整改 \"方案\" body:督察)", expected: .boolean([
    .init(.should, .words("整改", field: .title)), .init(.should, .phrase("方案", field: .title)),
    .init(.should, .words("督察", field: .body)),
  ])),
  .init(text: "噪声 type:(petition OR rectification)", expected: .boolean([
    .init(.should, .words("噪声", field: nil)),
    .init(.must, .boolean([.init(.should, .filter(.type("petition"))), .init(.should, .filter(.type("rectification")))])),
  ])),
  .init(text: "* -已整改 type:petition", expected: .boolean([
    .init(.should, .all), .init(.mustNot, .words("已整改", field: nil)), .init(.must, .filter(.type("petition"))),
  ])),
  .init(text: "\"黑臭水体\"", expected: .phrase("黑臭水体", field: nil)),
  .init(text: "“黑臭水体”", expected: .phrase("黑臭水体", field: nil)),
  .init(text: "「環境保護」", expected: .phrase("環境保護", field: nil)),
  .init(text: "噪音 OR 噪声", expected: .boolean([
    .init(.should, .words("噪音", field: nil)), .init(.should, .words("噪声", field: nil)),
  ])),
  .init(text: "养殖 AND 粪污", expected: .boolean([
    .init(.must, .words("养殖", field: nil)), .init(.must, .words("粪污", field: nil)),
  ])),
  .init(text: "a OR b AND c", expected: .boolean([
    .init(.should, .words("a", field: nil)),
    .init(.should, .boolean([.init(.must, .words("b", field: nil)), .init(.must, .words("c", field: nil))])),
  ])),
  .init(text: "(噪音 OR 噪声) NOT 已整改", expected: .boolean([
    .init(.should, .boolean([.init(.should, .words("噪音", field: nil)), .init(.should, .words("噪声", field: nil))])),
    .init(.mustNot, .words("已整改", field: nil)),
  ])),
  .init(text: "（噪音）", expected: .words("噪音", field: nil)),
  .init(text: "title:整改", expected: .words("整改", field: .title)),
  // Measurements written with a colon are text, not mistyped fields.
  .init(text: "pH:9", expected: .words("pH:9", field: nil)),
  .init(text: "rate:5%", expected: .words("rate:5%", field: nil)),
  .init(text: "data:image", expected: .words("data:image", field: nil)),
  .init(text: "COD：超标", expected: .words("COD:超标", field: nil)),
  .init(text: "unit：金源", expected: .words("金源", field: .unit)),
  .init(text: "body:\"偷排 废水\"", expected: .phrase("偷排 废水", field: .body)),
  .init(text: "type:petition", expected: .boolean([.init(.must, .filter(.type("petition")))])),
  .init(text: "type:petition OR type:briefing", expected: .boolean([
    .init(.should, .filter(.type("petition"))), .init(.should, .filter(.type("briefing"))),
  ])),
  .init(text: "region:赫山区 category:水", expected: .boolean([
    .init(.must, .filter(.region("赫山区"))), .init(.must, .filter(.category("水"))),
  ])),
  .init(text: "date:2020-01-01..2020-06-30", expected: .boolean([.init(.must, .filter(.date(from: day("2020-01-01"), to: day("2020-06-30"))))])),
  .init(text: "date:..2020-06-30", expected: .boolean([.init(.must, .filter(.date(from: nil, to: day("2020-06-30"))))])),
  .init(text: "date:2020-01-01..", expected: .boolean([.init(.must, .filter(.date(from: day("2020-01-01"), to: nil)))])),
  .init(text: "date:2020-02", expected: .boolean([.init(.must, .filter(.date(from: day("2020-02-01"), to: day("2020-02-29"))))])),
  .init(text: "date:2021", expected: .boolean([.init(.must, .filter(.date(from: day("2021-01-01"), to: day("2021-12-31"))))])),
  .init(text: "NH3-N 超标", expected: .boolean([
    .init(.should, .words("NH3-N", field: nil)), .init(.should, .words("超标", field: nil)),
  ])),
  .init(text: "PM2.5　扬尘", expected: .boolean([
    .init(.should, .words("PM2.5", field: nil)), .init(.should, .words("扬尘", field: nil)),
  ])),
  .init(text: "10:30 噪声", expected: .boolean([
    .init(.should, .words("10:30", field: nil)), .init(.should, .words("噪声", field: nil)),
  ])),
]

@Test("valid queries parse to the expected tree", arguments: validCases)
func validQueryParses(_ testCase: ValidQueryCase) throws {
  #expect(try parser.parse(testCase.text) == testCase.expected)
}

struct InvalidQueryCase: CustomTestStringConvertible, Sendable {
  var text: String
  var column: Int
  var messageContains: String
  var testDescription: String { text }
}

private let invalidCases: [InvalidQueryCase] = [
  .init(text: "", column: 1, messageContains: "empty query"),
  .init(text: "   ", column: 1, messageContains: "empty query"),
  .init(text: "(噪音 OR 噪声", column: 1, messageContains: "never closed"),
  .init(text: "噪音)", column: 3, messageContains: "unmatched ')'"),
  .init(text: "\"黑臭水体", column: 1, messageContains: "never closed"),
  .init(text: "test AND", column: 6, messageContains: "after AND"),
  .init(text: "OR 噪声", column: 1, messageContains: "before OR"),
  .init(text: "噪声 OR", column: 4, messageContains: "after OR"),
  .init(text: "wine(", column: 5, messageContains: "never closed"),
  .init(text: "()", column: 2, messageContains: "empty parentheses"),
  .init(text: "title:", column: 7, messageContains: "expected a value"),
  .init(text: "date:2020-13-01", column: 6, messageContains: "no such date"),
  .init(text: "date:yesterday", column: 6, messageContains: "YYYY-MM-DD"),
  .init(text: "date:2021-01-01..2020-01-01", column: 6, messageContains: "before it starts"),
  .init(text: "date:..", column: 6, messageContains: "expected a date"),
  .init(text: "NOT", column: 1, messageContains: "after 'NOT'"),
  .init(text: "噪声 regoin:赫山区", column: 4, messageContains: "unknown field 'regoin': did you mean region:?"),
  .init(text: "Title:整改", column: 1, messageContains: "did you mean title:?"),
  .init(text: "+(臭味 tpye:petition)", column: 6, messageContains: "did you mean type:?"),
  .init(text: "titel:整改", column: 1, messageContains: "did you mean title:?"),
  .init(text: "噪声 \"\"", column: 4, messageContains: "empty phrase"),
  .init(text: "\"养猪场 臭味\"~5", column: 9, messageContains: "proximity search (~N after a phrase) is not supported; "
          + "to require every word anywhere, write +养猪场 +臭味"),
  .init(text: "title:“黑臭”~2", column: 11, messageContains: "proximity"),
  .init(text: "date:(2020 2021)", column: 6, messageContains: "a date takes one range"),
  .init(text: "\"黑臭水体\"^1.5", column: 7, messageContains: "boosts (^N) are not supported"),
  .init(text: "type:(petition)^2", column: 16, messageContains: "boosts (^N) are not supported; to rank the group"),
  .init(text: "title:(整改", column: 7, messageContains: "never closed"),
  .init(text: "title:\"  \"", column: 7, messageContains: "empty phrase"),
  .init(text: "dtae:2020-05", column: 1, messageContains: "did you mean date:?"),
  .init(text: "“ ”", column: 1, messageContains: "empty phrase"),
]

@Test("invalid queries fail with the column of the problem", arguments: invalidCases)
func invalidQueryFails(_ testCase: InvalidQueryCase) {
  #expect {
    _ = try parser.parse(testCase.text)
  } throws: { error in
    guard let error = error as? QueryError else { return false }
    return error.column == testCase.column && error.message.contains(testCase.messageContains)
  }
}

@Test func deepNestingIsRejectedQuickly() {
  let text = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
  var limits = QueryParser.Limits()
  limits.maxBytes = 100_000
  #expect(throws: QueryError.self) { _ = try QueryParser(limits: limits).parse(text) }
  do {
    _ = try QueryParser(limits: limits).parse(text)
  } catch {
    #expect(error.column == 33)
    #expect(error.message.contains("nested deeper than 32"))
  }
}

@Test func tooManyClausesAreRejected() {
  let text = (0..<1025).map { "w\($0)" }.joined(separator: " OR ")
  var limits = QueryParser.Limits()
  limits.maxBytes = 100_000
  do {
    _ = try QueryParser(limits: limits).parse(text)
    Issue.record("expected an error")
  } catch {
    #expect(error.message.contains("more than 1024"))
  }
  let fine = (0..<1024).map { "w\($0)" }.joined(separator: " ")
  #expect((try? QueryParser(limits: limits).parse(fine)) != nil)
}

@Test func overlongQueryIsRejected() {
  let text = String(repeating: "环境", count: 700)  // 4,200 bytes
  do {
    _ = try parser.parse(text)
    Issue.record("expected an error")
  } catch {
    #expect(error.message.contains("4096 bytes"))
    #expect(error.column == 1366)  // the 1,366th character crosses 4,096 bytes
  }
}

@Test func caretDiagramPointsAtTheColumnCountingWideCharacters() {
  let error = QueryError("x", column: 4, query: "噪音 )")
  #expect(error.caretDiagram == "噪音 )\n     ^")
}
