import Testing
import TextAnalysis

/// One expected token: normalized text, UTF-8 byte range in the original
/// text, kind and position.
struct ExpectedToken: Equatable, Sendable, CustomStringConvertible {
  var text: String
  var range: Range<Int>
  var kind: TokenKind
  var position: Int

  init(_ text: String, _ range: Range<Int>, _ kind: TokenKind, _ position: Int) {
    self.text = text
    self.range = range
    self.kind = kind
    self.position = position
  }

  init(_ token: Token) {
    self.init(token.text, token.utf8Range, token.kind, token.position)
  }

  var description: String { "(\"\(text)\", \(range.lowerBound)..<\(range.upperBound), .\(kind), \(position))" }
}

/// A case of a table-driven tokenizer test.
struct TokenCase: CustomTestStringConvertible, Sendable {
  var text: String
  var expected: [ExpectedToken]
  var testDescription: String { text.isEmpty ? "(empty)" : text }
}


/// A small lexicon written for the tests (the shipped corpus/lexicon.txt may
/// change without breaking them).
let testLexicon: Lexicon = {
  let text = """
    # test lexicon
    益阳市
    资阳区
    赫山区
    黑臭水体
    整改
    信访件
    举报
    交办
    超标
    排污
    工贸
    专项
    保护区
    养猪场
    督察组
    回头看
    南洞庭湖
    """
  return (try? Lexicon(text: text, source: "testLexicon")) ?? Lexicon()
}()

let lexiconAnalyzer = Analyzer(lexicon: testLexicon)

/// Checks that every token's range slices `text` on character boundaries.
func expectRangesOnCharacterBoundaries(_ tokens: [Token], in text: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
  let bytes = Array(text.utf8)
  var previousStart = 0
  for token in tokens {
    let range = token.utf8Range
    #expect(range.lowerBound >= previousStart, "offsets go backwards at \(token)", sourceLocation: sourceLocation)
    #expect(range.lowerBound < range.upperBound && range.upperBound <= bytes.count,
            "bad range \(range)", sourceLocation: sourceLocation)
    guard range.lowerBound < range.upperBound, range.upperBound <= bytes.count else { continue }
    #expect(bytes[range.lowerBound] & 0xC0 != 0x80, "start inside a character: \(token)", sourceLocation: sourceLocation)
    #expect(range.upperBound == bytes.count || bytes[range.upperBound] & 0xC0 != 0x80,
            "end inside a character: \(token)", sourceLocation: sourceLocation)
    previousStart = range.lowerBound
  }
}
