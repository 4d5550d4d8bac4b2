import TextAnalysis

/// Word-segmentation precision, recall and F1 on the SIGHAN 2005 gold.
///
/// Scoring as in ../shared/data/README.md: per line, the sets of
/// (start, end) character spans are compared, whitespace dropped and
/// punctuation kept as tokens. Raw ICU keeps its own punctuation segments.
/// The Analyzer drops punctuation, so the characters between its tokens are
/// cut where raw ICU cuts them (its punctuation segments). The Analyzer runs
/// with no stop words (every word must be scored) and, in the second
/// configuration, with `corpus/lexicon.txt`, which was written from domain
/// knowledge and never tuned on these gold files.
struct SegmentationEvaluation {
  var directory: String

  /// Counts of one system on one corpus.
  struct Score {
    var correct = 0, predicted = 0, gold = 0
    var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
  }

  func run() {
    let lexicon = (try? Lexicon.load(path: "corpus/lexicon.txt")) ?? Lexicon()
    let systems: [(String, Analyzer?)] = [
      ("raw ICU (zh)", nil),
      ("Analyzer, no lexicon", Analyzer(lexicon: Lexicon(), stopWords: .none)),
      ("Analyzer + corpus/lexicon.txt (\(lexicon.words.count) words)", Analyzer(lexicon: lexicon, stopWords: .none)),
    ]
    print("| corpus | system | P | R | F1 |")
    print("|---|---|---|---|---|")
    for corpus in ["pku", "msr"] {
      guard let test = BenchmarkSupport.readText("\(directory)/\(corpus)_test.utf8"),
            let gold = BenchmarkSupport.readText("\(directory)/\(corpus)_test_gold.utf8") else {
        print("| \(corpus) | missing \(directory)/\(corpus)_test.utf8 or its gold | | | |")
        continue
      }
      let testLines = test.split(separator: "\r\n", omittingEmptySubsequences: false)
      let goldLines = gold.split(separator: "\r\n", omittingEmptySubsequences: false)
      for (name, analyzer) in systems {
        guard let icu = RawICUSegmenter() else { return }
        var score = Score()
        var skipped = 0
        for (testLine, goldLine) in zip(testLines, goldLines) {
          let line = String(testLine)
          let goldSpans = spans(ofGold: goldLine)
          guard goldSpans.text == line.filter({ !$0.isWhitespace }) else {
            skipped += 1
            continue
          }
          let predicted = analyzer.map { predictedSpans(line, analyzer: $0, icu: icu) } ?? icuSpans(line, icu: icu)
          score.gold += goldSpans.spans.count
          score.predicted += predicted.count
          score.correct += predicted.intersection(goldSpans.spans).count
        }
        let note = skipped > 0 ? " (\(skipped) lines skipped)" : ""
        print("| \(corpus.uppercased()) | \(name)\(note) | \(BenchmarkSupport.format(score.precision, 3)) | "
              + "\(BenchmarkSupport.format(score.recall, 3)) | \(BenchmarkSupport.format(score.f1, 3)) |")
      }
    }
  }

  /// A span of characters [start, end) in a line without whitespace.
  struct Span: Hashable {
    var start: Int
    var end: Int
  }

  private func spans(ofGold line: Substring) -> (text: String, spans: Set<Span>) {
    var spans: Set<Span> = []
    var text = ""
    var index = 0
    for word in line.split(whereSeparator: { $0.isWhitespace }) {
      spans.insert(Span(start: index, end: index + word.count))
      index += word.count
      text += word
    }
    return (text, spans)
  }

  /// For each UTF-8 byte offset of `line`, the index of the next
  /// non-whitespace character (character indexes skip whitespace).
  private func characterIndexes(_ line: String) -> (next: [Int], isSpace: [Bool]) {
    var next = [Int](repeating: 0, count: line.utf8.count + 1)
    var isSpace = [Bool](repeating: false, count: line.utf8.count + 1)
    var offset = 0
    var index = 0
    for character in line {
      let size = character.utf8.count
      for byte in offset..<(offset + size) {
        next[byte] = index
        isSpace[byte] = character.isWhitespace
      }
      offset += size
      if !character.isWhitespace { index += 1 }
    }
    next[offset] = index
    return (next, isSpace)
  }

  private func span(_ range: Range<Int>, _ indexes: (next: [Int], isSpace: [Bool])) -> Span? {
    let start = indexes.next[range.lowerBound]
    let end = indexes.next[range.upperBound]
    return end > start ? Span(start: start, end: end) : nil
  }

  private func icuSpans(_ line: String, icu: RawICUSegmenter) -> Set<Span> {
    let indexes = characterIndexes(line)
    return Set(icu.segments(line).compactMap { span($0.start..<$0.end, indexes) })
  }

  private func predictedSpans(_ line: String, analyzer: Analyzer, icu: RawICUSegmenter) -> Set<Span> {
    let indexes = characterIndexes(line)
    var covered = [Bool](repeating: false, count: line.utf8.count)
    var result: Set<Span> = []
    for token in analyzer.tokens(line) {
      for byte in token.utf8Range { covered[byte] = true }
      if let span = span(token.utf8Range, indexes) { result.insert(span) }
    }
    // Punctuation: ICU's segments over the bytes no token covers.
    for segment in icu.segments(line) where segment.start < segment.end {
      let uncovered = (segment.start..<segment.end).filter { !covered[$0] }
      guard let first = uncovered.first, let last = uncovered.last else { continue }
      if let span = span(first..<(last + 1), indexes) { result.insert(span) }
    }
    return result
  }
}
