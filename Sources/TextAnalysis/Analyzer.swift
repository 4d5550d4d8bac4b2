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

  /// Domain words kept whole where ICU splits them (step 3); an empty lexicon keeps ICU's words.
  public var lexicon: Lexicon
  /// Words removed from the word stream, their positions left as gaps (step 4); the bigram stream keeps them.
  public var stopWords: StopWords
  /// Whether ICU's words for pieces of text seen before are reused (see
  /// `SegmentationCache`); the tokens are the same either way. Off only to
  /// measure and to test that claim.
  package var cachesSegmentation = true

  /// An analyzer with these lists; by default no lexicon (ICU's words) and the built-in stop words
  /// (`StopWords.none` indexes every word). Both lists' checksums go into `identity`.
  public init(lexicon: Lexicon = Lexicon(), stopWords: StopWords = .standard) {
    self.lexicon = lexicon
    self.stopWords = stopWords
  }

  /// Forgets every remembered segmentation (benchmarks measure a cold cache this way).
  package static func resetSegmentationCaches() { WordBreakIteratorPool.shared.dropIdle() }

  /// Segmentation-cache look-ups and hits so far (of the iterators not in use).
  package static func segmentationCacheStatistics() -> (lookups: Int, hits: Int) {
    WordBreakIteratorPool.shared.cacheStatistics()
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

  /// Both token streams of `text` as spans of its normalized UTF-16 form,
  /// without a `String` per token (the index writer's input).
  ///
  /// The spans are exactly the tokens of `analyze`: the n-th word span's
  /// units, as UTF-8, are the n-th word token's `text`, at the same position.
  package func termSpans(_ text: String) -> TermSpans {
    var spans = TermSpans()
    // About one bigram per character and fewer words: room for Chinese
    // text (3 UTF-8 bytes a character) without regrowing.
    let characters = text.utf8.count / 3 + 8
    spans.words.reserveCapacity(characters)
    spans.bigrams.reserveCapacity(characters)
    let normalized = run(text, bigrams: true, tracksOrigins: false) { stream, range, position, _, _ in
      let span = TermSpan(start: UInt32(range.lowerBound), end: UInt32(range.upperBound), position: UInt32(position))
      if stream == .words { spans.words.append(span) } else { spans.bigrams.append(span) }
    }
    spans.units = normalized.units
    return spans
  }

  private func run(_ text: String, bigrams wantBigrams: Bool) -> Analysis {
    var words: [Token] = []
    var bigrams: [Token] = []
    run(text, bigrams: wantBigrams) { stream, range, position, kind, builder in
      let token = Token(text: builder.text.string(range), position: position, utf8Range: builder.text.originalRange(range),
                        kind: kind)
      if stream == .words { words.append(token) } else { bigrams.append(token) }
    }
    return Analysis(words: words, bigrams: bigrams)
  }

  /// The one pipeline behind `analyze`, `tokens` and `termSpans`: calls
  /// `emit` for each token, words first, then the bigram stream; returns
  /// the normalized text.
  @discardableResult
  private func run(_ text: String, bigrams wantBigrams: Bool, tracksOrigins: Bool = true,
                   _ emit: (TokenStream, Range<Int>, Int, TokenKind, TokenBuilder) -> Void) -> NormalizedText {
    var copy = text
    let normalized = copy.withUTF8 { TextNormalizer(tracksOrigins: tracksOrigins).normalize($0) }
    var segments: [Segment] = []
    segments.reserveCapacity(normalized.units.count / 2)
    WordSegmenter(caching: cachesSegmentation).segment(normalized.units, into: &segments)
    let words = lexicon.words.isEmpty
      ? segments : LexiconMerger(trie: lexicon.trie).merge(segments, units: normalized.units)
    let builder = TokenBuilder(text: normalized)
    var position = 0
    normalized.units.withUnsafeBufferPointer { units in
      for segment in words {
        builder.forEachPiece(segment) { range in
          if !stopWords.contains(units, range, text: { builder.text.string(range) }) {
            emit(.words, range, position, segment.kind, builder)
          }
          position += 1
        }
      }
    }
    if wantBigrams {
      builder.bigrams(segments) { range, position, kind in emit(.bigrams, range, position, kind, builder) }
    }
    return normalized
  }
}

/// Which of the two token streams a token belongs to.
private enum TokenStream { case words, bigrams }
