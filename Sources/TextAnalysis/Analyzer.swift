/// Turns text into index terms; one value serves documents and queries alike.
///
/// The pipeline, in order:
/// 1. `TextNormalizer`: NFKC_Casefold, Traditional → Simplified, control and
///    zero-width characters dropped, with a map back to original offsets.
/// 2. `WordSegmenter`: ICU's word BreakIterator (locale zh) over bounded
///    windows; spaces and punctuation are not words.
/// 3. `LexiconMerger`: runs of Han words re-segmented with the lexicon.
/// 4. Tokens longer than `maxTokenBytes` split; stop words removed from the
///    word stream (their positions stay counted).
///
/// Next to the words, `analyze` returns the bigram recall stream (see
/// `Analysis.bigrams`). Every token's `utf8Range` points into the original
/// text. An `Analyzer` is an immutable value: share it between threads
/// freely; each call borrows its own ICU iterator from a pool.
public struct Analyzer: Sendable {
  /// Bumped whenever the analyzer's output for some input changes.
  public static let version = 1
  /// The longest token, in UTF-8 bytes of its normalized text; longer words
  /// (long codes, digit strings) are cut into consecutive tokens of at most
  /// this length, each with its own position and range.
  public static let maxTokenBytes = 64

  /// The longest piece of normalized text handed to ICU at once, in UTF-16
  /// units (see `WordSegmenter`).
  public static var segmentationWindow: Int { WordSegmenter.windowLength }

  public var lexicon: Lexicon
  public var stopWords: StopWords

  public init(lexicon: Lexicon = Lexicon(), stopWords: StopWords = .standard) {
    self.lexicon = lexicon
    self.stopWords = stopWords
  }

  /// What an index records to detect a change of analyzer, ICU or lists.
  public var identity: AnalyzerIdentity {
    AnalyzerIdentity(analyzerVersion: Analyzer.version, icuVersion: icuVersion, lexiconChecksum: lexicon.checksum,
                     stopWordsChecksum: stopWords.checksum)
  }

  /// The word tokens of `text` (no bigram stream).
  public func tokens(_ text: String) -> [Token] { run(text, bigrams: false).words }

  /// Both token streams of `text`.
  public func analyze(_ text: String) -> Analysis { run(text, bigrams: true) }

  private func run(_ text: String, bigrams wantBigrams: Bool) -> Analysis {
    var copy = text
    let normalized = copy.withUTF8 { TextNormalizer().normalize($0) }
    var segments: [Segment] = []
    segments.reserveCapacity(normalized.units.count / 2)
    WordSegmenter().segment(normalized.units, into: &segments)
    let words = lexicon.words.isEmpty
      ? segments : LexiconMerger(trie: lexicon.trie).merge(segments, units: normalized.units)
    let builder = TokenBuilder(text: normalized)
    var wordTokens: [Token] = []
    wordTokens.reserveCapacity(words.count)
    var position = 0
    normalized.units.withUnsafeBufferPointer { units in
      for segment in words {
        builder.forEachPiece(segment) { range in
          if !stopWords.contains(units, range, text: { builder.text.string(range) }) {
            wordTokens.append(Token(text: builder.text.string(range), position: position,
                                    utf8Range: builder.text.originalRange(range), kind: segment.kind))
          }
          position += 1
        }
      }
    }
    let bigramTokens = wantBigrams ? builder.bigrams(segments) : []
    return Analysis(words: wordTokens, bigrams: bigramTokens)
  }
}
