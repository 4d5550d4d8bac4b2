import Testing
import TextAnalysis

/// The stop-word list: format, default, replacement and position gaps.
struct StopWordTests {
  @Test func removedWordsLeaveAPositionGap() {
    let tokens = Analyzer(lexicon: Lexicon(words: ["信访件"])).tokens("信访件的办理").map(ExpectedToken.init)
    let expected: [ExpectedToken] = [.init("信访件", 0..<9, .ideographic, 0), .init("办理", 12..<18, .ideographic, 2)]
    #expect(tokens == expected)
  }

  @Test func anEmptyListKeepsEveryWord() {
    let analyzer = Analyzer(lexicon: Lexicon(words: ["信访件"]), stopWords: .none)
    #expect(analyzer.tokens("信访件的办理").map(\.text) == ["信访件", "的", "办理"])
    #expect(analyzer.identity.stopWordsChecksum == "none")
  }

  @Test func aReplacementListIsNormalizedAndChangesTheIdentity() throws {
    let list = try StopWords(text: "# 自定义\n某\nＡＮＤ\n", source: "custom.txt")
    #expect(list.words == ["某", "and"])
    let analyzer = Analyzer(stopWords: list)
    #expect(analyzer.tokens("某厂 AND 的").map(\.text) == ["厂", "的"])
    #expect(analyzer.identity.stopWordsChecksum != Analyzer().identity.stopWordsChecksum)
    #expect(try StopWords(text: list.text, source: "index") == list)
  }

  @Test func entriesWithWhitespaceAreErrorsWithTheLine() {
    let error = #expect(throws: WordListError.self) { try StopWords(text: "的\n了 过\n", source: "stop.txt") }
    #expect(error?.description == "stop.txt:2: \"了 过\" contains whitespace; write one entry per line")
  }

  @Test func theBuiltInListEqualsCorpusStopwordsFile() throws {
    let file = try StopWords.load(path: repositoryRoot() + "/corpus/stopwords.txt")
    #expect(file == StopWords.standard)
    #expect(StopWords.standard.words.isSuperset(of: ["的", "了", "和", "与", "及", "或", "在", "是", "the"]))
  }
}
