// Parsing of synonym files: which lines are groups, which are errors, and
// exactly where an error points.
import Testing
import QueryEngine

struct SynonymParsingTests {
  // MARK: - Good lines

  /// A line, and the groups it yields as (kind, members, targets).
  struct GoodLine: Sendable, CustomTestStringConvertible {
    var text: String
    var kind: SynonymGroup.Kind?
    var members: [String] = []
    var targets: [String] = []
    var testDescription: String { text.isEmpty ? "(empty)" : text }
  }

  static let goodLines: [GoodLine] = [
    GoodLine(text: "", kind: nil),
    GoodLine(text: "   \t　", kind: nil),
    GoodLine(text: "# 噪声类", kind: nil),
    GoodLine(text: "   # indented comment", kind: nil),
    GoodLine(text: "＃ 全角井号注释", kind: nil),
    GoodLine(text: "噪音, 噪声, 吵闹, 吵", kind: .equivalence, members: ["噪音", "噪声", "吵闹", "吵"]),
    GoodLine(text: "噪音，噪声、吵闹,吵", kind: .equivalence, members: ["噪音", "噪声", "吵闹", "吵"]),
    GoodLine(text: "　噪音 ，　噪声　", kind: .equivalence, members: ["噪音", "噪声"]),
    GoodLine(text: "臭味, 气味难闻  # 气味", kind: .equivalence, members: ["臭味", "气味难闻"]),
    GoodLine(text: "1#锅炉, 一号锅炉", kind: .equivalence, members: ["1#锅炉", "一号锅炉"]),
    GoodLine(text: "养殖场 => 猪场, 养猪场, 鸡场, 牛场", kind: .oneWay, members: ["养殖场"],
             targets: ["猪场", "养猪场", "鸡场", "牛场"]),
    GoodLine(text: "养殖场、养殖户=>猪场", kind: .oneWay, members: ["养殖场", "养殖户"], targets: ["猪场"]),
    GoodLine(text: "养殖场 ＝＞ 猪场", kind: .oneWay, members: ["养殖场"], targets: ["猪场"]),
    GoodLine(text: "PM 2.5, 细颗粒物", kind: .equivalence, members: ["PM 2.5", "细颗粒物"]),
  ]

  @Test(arguments: goodLines)
  func goodLineParses(_ line: GoodLine) throws {
    let map = try SynonymMap(text: line.text, source: "good.txt")
    guard let kind = line.kind else {
      #expect(map.groupCount == 0)
      return
    }
    try #require(map.groupCount == 1)
    #expect(map.groups[0] == SynonymGroup(kind: kind, members: line.members, targets: line.targets, line: 1))
  }

  @Test func groupsKeepTheirLineNumbersAcrossCommentsAndLineEndings() throws {
    let text = "\u{FEFF}# header\r\n\r\n噪音, 噪声\r\n# middle\n扬尘, 粉尘\r养殖场 => 猪场\n"
    let map = try SynonymMap(text: text, source: "endings.txt")
    #expect(map.groups.map(\.line) == [3, 5, 6])
    #expect(map.groups.map(\.members) == [["噪音", "噪声"], ["扬尘", "粉尘"], ["养殖场"]])
  }

  // MARK: - Bad lines

  /// A file, and the error it must give: line, column, and a fragment of the message.
  struct BadFile: Sendable, CustomTestStringConvertible {
    var text: String
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { "\(text.prefix(40)) → \(line):\(column)" }
  }

  static let badFiles: [BadFile] = [
    BadFile(text: "噪音,,噪声", line: 1, column: 4, message: "expected a word or phrase after ','"),
    BadFile(text: "噪音, ,噪声", line: 1, column: 5, message: "expected a word or phrase after ','"),
    BadFile(text: "噪音，噪声，", line: 1, column: 7, message: "expected a word or phrase after '，'"),
    BadFile(text: "、噪音, 噪声", line: 1, column: 1, message: "expected a word or phrase before '、'"),
    BadFile(text: "# ok\n噪音, 噪声, # trailing", line: 2, column: 9, message: "after ','"),
    BadFile(text: "=> 猪场", line: 1, column: 1, message: "expected at least one member before '=>'"),
    BadFile(text: "养殖场 =>", line: 1, column: 5, message: "expected at least one member after '=>'"),
    BadFile(text: "养殖场 =>   # 空", line: 1, column: 5, message: "after '=>'"),
    BadFile(text: "养殖场 => 猪场 => 母猪", line: 1, column: 11, message: "at most one '=>'"),
    BadFile(text: "养殖场 => 猪场,, 鸡场", line: 1, column: 11, message: "after ','"),
    BadFile(text: "噪音, 噪声\n噪音", line: 2, column: 1, message: "at least two members"),
    BadFile(text: "\n\n   噪音   # 只有一个", line: 3, column: 4, message: "found only '噪音'"),
    BadFile(text: "噪音, 噪声 = 吵", line: 1, column: 8, message: "unexpected '='"),
    BadFile(text: "噪音, 噪声\u{0}", line: 1, column: 7, message: "control character U+0000"),
    BadFile(text: "a, b\n" + String(repeating: "噪", count: 1366) + ", 噪声", line: 2, column: 1366,
            message: "at most 4096 bytes"),
    // Members m101, m102, ... are four characters wide.
    BadFile(text: (101...165).map { "m\($0)" }.joined(separator: ", "), line: 1, column: 64 * 6 + 1,
            message: "at most 64 members"),
    BadFile(text: "养殖场 => " + (101...164).map { "m\($0)" }.joined(separator: "、"), line: 1,
            column: 7 + 63 * 5 + 1, message: "this one has 65"),
  ]

  @Test(arguments: badFiles)
  func badLineIsRejectedAtItsLineAndColumn(_ bad: BadFile) {
    #expect {
      _ = try SynonymMap(text: bad.text, source: "bad.txt")
    } throws: { error in
      guard let error = error as? SynonymError else { return false }
      return error.source == "bad.txt" && error.line == bad.line && error.column == bad.column
        && error.message.contains(bad.message)
    }
  }

  @Test func errorDescriptionNamesSourceLineAndColumn() {
    do {
      _ = try SynonymMap(text: "噪音, 噪声\n噪音,,噪声\n", source: "corpus/synonyms.txt")
      Issue.record("expected an error")
    } catch let error as SynonymError {
      #expect(error.description
        == "corpus/synonyms.txt:2:4: empty member: expected a word or phrase after ','")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  // MARK: - Warnings: what normalization makes useless is ignored, not fatal

  @Test func memberThatNormalizesToNothingIsIgnoredWithAWarning() throws {
    // A normalizer that drops stop words, as the analyzer does.
    let map = try SynonymMap(text: "噪音, 的, 噪声\n和, 与\n养殖场 => 的\n了 => 猪场", source: "n.txt") { text in
      ["的", "和", "与", "了"].contains(text) ? "" : text
    }
    #expect(map.expansions(of: "噪音") == ["噪声"])
    #expect(map.expansions(of: "养殖场") == [])
    #expect(map.groupCount == 4)
    #expect(map.warnings.map { [$0.line, $0.column] } == [[1, 5], [2, 1], [2, 4], [2, 1], [3, 8], [3, 5], [4, 1], [4, 3]])
    #expect(map.warnings[0] == SynonymError(source: "n.txt", line: 1, column: 5,
                                            message: "member '的' ignored: it is empty after normalization"))
    #expect(map.warnings[3].message.hasPrefix("group ignored"))
  }

  @Test func groupThatCollapsesUnderNormalizationIsIgnoredWithAWarning() throws {
    let map = try SynonymMap(text: "COD, cod\nCOD => cod\nSO2, 二氧化硫", source: "w.txt")
    #expect(map.expansions(of: "cod") == [])
    #expect(map.expansions(of: "so2") == ["二氧化硫"])
    #expect(map.warnings.map { [$0.line, $0.column] } == [[1, 1], [2, 5]])
    #expect(map.warnings.allSatisfy { $0.message.hasPrefix("group ignored") })
  }
}
