import Testing
import TextAnalysis

/// The lexicon file format, its errors, its identity, and how it merges
/// ICU's fragments.
struct LexiconTests {
  @Test func parsesCommentsBlankLinesAndTraditionalEntries() throws {
    let text = """
      # 地名
      益阳市   # the city

        赫山区
      環境保護
      益阳市
      """
    let lexicon = try Lexicon(text: text, source: "inline")
    #expect(lexicon.words == ["益阳市", "赫山区", "环境保护"])
    #expect(lexicon.text == "环境保护\n益阳市\n赫山区\n")
  }

  static let badFiles: [(text: String, message: String)] = [
    ("益阳市\n资阳 区\n", "bad.txt:2: \"资阳 区\" contains whitespace; write one entry per line"),
    ("益阳市\n\n# ok\npm2.5\n", "bad.txt:4: \"pm2.5\" contains characters that are not Han; the lexicon merges Chinese words only"),
    ("督察\n水\n", "bad.txt:2: \"水\" has one character; a lexicon word has at least 2"),
    ("\(String(repeating: "污", count: 21))\n", "bad.txt:1: \"\(String(repeating: "污", count: 21))\" has more than 20 characters"),
    ("整改\n\u{200B}\n", "bad.txt:2: \"\u{200B}\" is empty after normalization"),
  ]

  @Test("errors name the source and line", arguments: badFiles)
  func errorsNameSourceAndLine(_ file: (text: String, message: String)) {
    #expect {
      try Lexicon(text: file.text, source: "bad.txt")
    } throws: { error in
      (error as? WordListError)?.description == file.message
    }
  }

  @Test func loadsFromAFileAndReportsMissingOrInvalidFiles() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/lexicon.txt"
    try directory.write("# test\n信访件\n回头看\n", to: "lexicon.txt")
    let lexicon = try Lexicon.load(path: path)
    #expect(lexicon.words == ["信访件", "回头看"])

    #expect(throws: WordListError.self) { try Lexicon.load(path: directory.path + "/missing.txt") }
    try directory.write(bytes: Array("整改\n".utf8) + [0xFF, 0xFE, 0x0A], to: "latin1.txt")
    let error = #expect(throws: WordListError.self) { try Lexicon.load(path: directory.path + "/latin1.txt") }
    #expect(error?.line == 2)
  }

  @Test func canonicalTextRebuildsTheSameLexiconAndChecksum() throws {
    let lexicon = try Lexicon(text: "黑臭水体\n畜禽养殖\n# c\n益陽市\n", source: "a")
    let rebuilt = try Lexicon(text: lexicon.text, source: "index")
    #expect(rebuilt == lexicon)
    #expect(rebuilt.checksum == lexicon.checksum)
    // FNV-1a 64 of the canonical text: fixed across processes and machines.
    #expect(lexicon.checksum == Lexicon(words: ["益阳市", "畜禽养殖", "黑臭水体"]).checksum)
    #expect(lexicon.checksum != Lexicon(words: ["益阳市", "畜禽养殖"]).checksum)
    #expect(Lexicon().checksum == "none")
  }

  @Test func mergeFixesICUFragmentsAndCrossingCuts() {
    let plain = Analyzer(lexicon: Lexicon())
    #expect(plain.tokens("交办的").map(\.text) == ["交", "办的"])
    #expect(plain.tokens("保护区内").map(\.text) == ["保护", "区内"])
    // 交|办的 → 交办|的 (的 is a stop word: a gap at position 1).
    let merged = lexiconAnalyzer.tokens("交办的").map(ExpectedToken.init)
    #expect(merged == [.init("交办", 0..<6, .ideographic, 0)])
    #expect(lexiconAnalyzer.analyze("交办的").words.count == 1)
    #expect(lexiconAnalyzer.tokens("保护区内").map(\.text) == ["保护区", "内"])
  }

  @Test func lexiconWordDoesNotCutTwoLongerICUWords() {
    // 南县 is a county, but in 湖南县城 ICU's 湖南|县城 must survive.
    let analyzer = Analyzer(lexicon: Lexicon(words: ["南县"]))
    #expect(analyzer.tokens("湖南县城").map(\.text) == ["湖南", "县城"])
    #expect(analyzer.tokens("南县").map(\.text) == ["南县"])
  }

  @Test func shippedLexiconParsesAndMergesTheKnownSplits() throws {
    let path = repositoryRoot() + "/corpus/lexicon.txt"
    let lexicon = try Lexicon.load(path: path)
    #expect(lexicon.words.count >= 300)
    let analyzer = Analyzer(lexicon: lexicon)
    for word in ["益阳市", "黑臭水体", "整改", "信访件", "举报", "交办", "超标", "排污", "工贸", "专项", "资阳区",
                 "南洞庭湖", "畜禽养殖", "化学需氧量"] {
      #expect(analyzer.tokens(word).map(\.text) == [word], "\(word)")
    }
  }
}

/// The repository's root folder, found from this file's path.
func repositoryRoot(_ file: String = #filePath) -> String {
  var components = file.split(separator: "/", omittingEmptySubsequences: false)
  components.removeLast(3)  // Tests/TextAnalysisTests/<file>
  return components.joined(separator: "/")
}
