import Testing
import TextAnalysis

/// The recall stream: overlapping Han bigrams and whole Latin/number words at
/// consecutive positions, so that any exact phrase of two or more Chinese
/// characters matches whatever the segmenter did.
struct BigramStreamTests {
  @Test func runsBecomeOverlappingBigramsAndOtherWordsStayWhole() {
    let bigrams = lexiconAnalyzer.analyze("黑臭水体，COD超标。水").bigrams.map(ExpectedToken.init)
    let expected: [ExpectedToken] = [
      .init("黑臭", 0..<6, .bigram, 0),
      .init("臭水", 3..<9, .bigram, 1),
      .init("水体", 6..<12, .bigram, 2),
      .init("cod", 15..<18, .letter, 3),
      .init("超标", 18..<24, .bigram, 4),
      .init("水", 27..<30, .bigram, 5),
    ]
    #expect(bigrams == expected)
  }

  @Test func bigramsAreNotStopWordFilteredAndUseNormalizedText() {
    let bigrams = lexiconAnalyzer.analyze("交辦的").bigrams.map(ExpectedToken.init)
    let expected: [ExpectedToken] = [.init("交办", 0..<6, .bigram, 0), .init("办的", 3..<9, .bigram, 1)]
    #expect(bigrams == expected)
  }

  /// Text in the register of a petition record, with Traditional and
  /// full-width characters, Latin codes and punctuation.
  static let petition = "赫山區某養豬場糞污直排水塘，夏季異味嚴重；ＣＯＤ超標3倍。群众举报交办的信访件已整改到位，南洞庭湖保护区内禁止投肥养殖"

  @Test func everyHanPhraseIsAConsecutiveRunOfTheStream() {
    let stream = lexiconAnalyzer.analyze(Self.petition).bigrams
    let characters = Array(Self.petition)
    let isHan = { (character: Character) in
      character.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) }
    }
    var phrases = 0
    for start in characters.indices {
      var end = start + 2
      while end <= characters.count && characters[start..<end].allSatisfy(isHan) {
        let phrase = String(characters[start..<end])
        let query = lexiconAnalyzer.analyze(phrase).bigrams.map(\.text)
        #expect(containsConsecutively(stream, query), "phrase \(phrase) not found as consecutive bigrams")
        phrases += 1
        end += 1
      }
    }
    #expect(phrases > 250)
  }

  @Test func positionsAreConsecutiveAndRangesCoverTheirCharacters() {
    let analysis = lexiconAnalyzer.analyze(Self.petition)
    #expect(analysis.bigrams.map(\.position) == Array(0..<analysis.bigrams.count))
    expectRangesOnCharacterBoundaries(analysis.bigrams, in: Self.petition)
    let bytes = Array(Self.petition.utf8)
    for token in analysis.bigrams where token.kind == .bigram {
      let original = String(decoding: bytes[token.utf8Range], as: UTF8.self)
      #expect(original.count == token.text.count, "\(token) covers \(original)")
    }
  }

  private func containsConsecutively(_ stream: [Token], _ query: [String]) -> Bool {
    guard !query.isEmpty, query.count <= stream.count else { return false }
    for start in 0...(stream.count - query.count) where stream[start].text == query[0] {
      var matched = true
      for offset in 1..<query.count
      where stream[start + offset].text != query[offset] || stream[start + offset].position != stream[start].position + offset {
        matched = false
        break
      }
      if matched { return true }
    }
    return false
  }
}
