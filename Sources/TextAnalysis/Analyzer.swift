/// Turns text into index terms; one value serves documents and queries alike.
///
/// First, minimal version: ICU word breaking, lowercase, stop words and the
/// bigram recall stream, offsets into the original text.
public struct Analyzer: Sendable {
  public var lexicon: Lexicon
  public var stopWords: StopWords

  public init(lexicon: Lexicon = Lexicon(), stopWords: StopWords = .standard) {
    self.lexicon = lexicon
    self.stopWords = stopWords
  }

  public var identity: AnalyzerIdentity {
    AnalyzerIdentity(analyzerVersion: 0, icuVersion: icuVersion, lexiconChecksum: lexicon.checksum,
                     stopWordsChecksum: stopWords.checksum)
  }

  /// Word tokens only.
  public func tokens(_ text: String) -> [Token] { analyze(text).words }

  public func analyze(_ text: String) -> Analysis {
    var words: [Token] = []
    var bigrams: [Token] = []
    guard let iterator = WordBreakIterator() else { return Analysis(words: [], bigrams: []) }
    var utf8 = Array(text.utf8)
    var position = 0
    var gramPosition = 0
    utf8.withUnsafeMutableBufferPointer { buffer in
      let bytes = UnsafeBufferPointer(buffer)
      iterator.forEachSegment(bytes) { start, end, status in
        guard status >= 100 else { return }  // UBRK_WORD_NONE: spaces, punctuation
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        let term = raw.lowercased()
        let kind: TokenKind = status >= 400 ? .ideographic : (status >= 200 ? .letter : .number)
        if !stopWords.words.contains(term) {
          words.append(Token(text: term, position: position, utf8Range: start..<end, kind: kind))
        }
        position += 1
        if kind == .ideographic {
          var offsets: [Int] = []
          var index = start
          while index < end {
            offsets.append(index)
            let lead = bytes[index]
            index += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
          }
          offsets.append(end)
          if offsets.count == 2 {
            bigrams.append(Token(text: term, position: gramPosition, utf8Range: start..<end, kind: .bigram))
            gramPosition += 1
          } else {
            for i in 0..<(offsets.count - 2) {
              let range = offsets[i]..<offsets[i + 2]
              bigrams.append(Token(text: String(decoding: bytes[range], as: UTF8.self), position: gramPosition,
                                   utf8Range: range, kind: .bigram))
              gramPosition += 1
            }
          }
        } else {
          bigrams.append(Token(text: term, position: gramPosition, utf8Range: start..<end, kind: kind))
          gramPosition += 1
        }
      }
    }
    return Analysis(words: words, bigrams: bigrams)
  }
}
