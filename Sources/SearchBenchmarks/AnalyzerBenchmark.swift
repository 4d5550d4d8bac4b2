import TextAnalysis

/// Analyzer throughput against raw ICU word breaking of the same documents,
/// one core, measured side by side in one run.
///
/// Input: the files given, else the SIGHAN 2005 PKU and MSR test texts under
/// ../shared/data/icwb2 when present, else (or with the argument
/// `generated`) generated inspection-style text, dense in lexicon words.
/// Lines are grouped into documents of about 1,500 bytes (the median body of
/// an inspection document) and each document is analyzed separately, as the
/// index writer does. Each repetition times raw ICU (UTF-16 and UTF-8 UText)
/// and the Analyzer (with `corpus/lexicon.txt` when present, standard stop
/// words, both token streams), alternating batch by batch; times are the
/// thread's CPU time (one core, not counting time other processes take);
/// the report gives medians over the repetitions.
struct AnalyzerBenchmark {
  var files: [String]
  var repetitions = 9

  /// Only `Analyzer.analyze`, `repetitions` times, for `perf record`.
  func profile() {
    let (documents, _) = loadDocuments()
    let analyzer = Analyzer(lexicon: (try? Lexicon.load(path: "corpus/lexicon.txt")) ?? Lexicon())
    var tokens = 0
    for _ in 0..<repetitions {
      for document in documents { tokens += analyzer.analyze(document).bigrams.count }
    }
    print("tokens: \(tokens)")
  }

  func run() {
    let setupStart = BenchmarkSupport.now()
    _ = Analyzer(lexicon: Lexicon()).analyze("環境")  // builds the character tables and the ICU prototype
    let setupSeconds = BenchmarkSupport.now() - setupStart
    let (documents, source) = loadDocuments()
    let bytes = documents.reduce(0) { $0 + $1.utf8.count }
    let lexicon = (try? Lexicon.load(path: "corpus/lexicon.txt")) ?? Lexicon()
    var analyzer = Analyzer(lexicon: lexicon)
    // Every repetition analyzes the same documents again, which the
    // segmentation cache would answer from memory; this benchmark measures
    // the Analyzer's own work (`cache-check` measures the cache).
    analyzer.cachesSegmentation = false
    guard let icu = RawICUSegmenter() else {
      print("ICU word break iterator unavailable")
      return
    }
    print("one-time setup (character tables incl. Traditional→Simplified, ICU prototype): "
          + "\(BenchmarkSupport.format(setupSeconds * 1000, 1)) ms")
    let longRun = String(String(repeating: "益阳市生态环境局督察组对资阳区黑臭水体整改情况开展现场核查", count: 3_449).prefix(100_000))
    let longStart = BenchmarkSupport.now()
    let longWords = analyzer.tokens(longRun).count
    print("100,000-character Han run without punctuation: \(longWords) words in "
          + "\(BenchmarkSupport.format((BenchmarkSupport.now() - longStart) * 1000, 1)) ms "
          + "(windows of \(Analyzer.segmentationWindow) UTF-16 units)")
    var state: UInt64 = 7
    let randomRun = String(String.UnicodeScalarView((0..<100_000).compactMap { _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Unicode.Scalar(UInt32(0x4E00 + (state >> 33) % 0x5000))
    }))
    let randomStart = BenchmarkSupport.now()
    let randomWords = analyzer.tokens(randomRun).count
    print("100,000 random CJK ideographs without punctuation: \(randomWords) words in "
          + "\(BenchmarkSupport.format((BenchmarkSupport.now() - randomStart) * 1000, 1)) ms")
    if let icu = RawICUSegmenter() {
      for (name, text) in [("repeated sentence", longRun), ("random ideographs", randomRun)] {
      for length in [1_000, 10_000, 100_000] {
        let run = String(text.prefix(length))
        let start = BenchmarkSupport.now()
        let words = icu.countWordsUTF16(run)
        print("raw ICU, one unbroken \(length)-character run (\(name)): \(words) words in "
              + "\(BenchmarkSupport.format((BenchmarkSupport.now() - start) * 1000, 1)) ms")
      }
      }
    }
    print("input: \(source): \(documents.count) documents, \(bytes) bytes; lexicon: \(lexicon.words.count) words; ICU \(icuVersion)")
    _ = documents.map { analyzer.analyze($0) }  // warm-up: tables, pool
    var icu16: [Double] = [], icu8: [Double] = [], full: [Double] = [], wordsOnly: [Double] = []
    var ratios: [Double] = []
    var expected: (Int, Int, Int)? = nil
    for repetition in 1...repetitions {
      // The four measurements alternate batch by batch, so that load from
      // other processes hits them alike and the ratios stay comparable.
      var icu16Seconds = 0.0, icu8Seconds = 0.0, analyzerSeconds = 0.0, tokensSeconds = 0.0
      var icuWords = 0, icuWords8 = 0, words = 0, bigrams = 0, wordCount = 0
      var batchStart = 0
      while batchStart < documents.count {
        let batch = documents[batchStart..<min(batchStart + 16, documents.count)]
        batchStart += 16
        var start = BenchmarkSupport.threadCPUTime()
        for document in batch { icuWords += icu.countWordsUTF16(document) }
        icu16Seconds += BenchmarkSupport.threadCPUTime() - start
        start = BenchmarkSupport.threadCPUTime()
        for document in batch {
          let analysis = analyzer.analyze(document)
          words += analysis.words.count
          bigrams += analysis.bigrams.count
        }
        analyzerSeconds += BenchmarkSupport.threadCPUTime() - start
        start = BenchmarkSupport.threadCPUTime()
        for document in batch { icuWords8 += icu.countWordsUTF8(document) }
        icu8Seconds += BenchmarkSupport.threadCPUTime() - start
        start = BenchmarkSupport.threadCPUTime()
        for document in batch { wordCount += analyzer.tokens(document).count }
        tokensSeconds += BenchmarkSupport.threadCPUTime() - start
      }
      // Correctness inside the measured loop: the same counts every time.
      if let expected, expected != (icuWords, words, bigrams) || wordCount != words || icuWords8 != icuWords {
        print("MISMATCH in repetition \(repetition): \((icuWords, icuWords8, words, wordCount, bigrams)) vs \(expected)")
      }
      expected = (icuWords, words, bigrams)
      let megabytes = Double(bytes) / 1_000_000
      icu16.append(megabytes / icu16Seconds)
      icu8.append(megabytes / icu8Seconds)
      full.append(megabytes / analyzerSeconds)
      wordsOnly.append(megabytes / tokensSeconds)
      ratios.append(icu16Seconds / analyzerSeconds)
      print("rep \(repetition): ICU UTF-16 \(BenchmarkSupport.format(megabytes / icu16Seconds)) MB/s, "
            + "ICU UTF-8 \(BenchmarkSupport.format(megabytes / icu8Seconds)) MB/s, "
            + "analyze \(BenchmarkSupport.format(megabytes / analyzerSeconds)) MB/s, "
            + "tokens \(BenchmarkSupport.format(megabytes / tokensSeconds)) MB/s")
    }
    let counts = expected ?? (0, 0, 0)
    print("counts: ICU words \(counts.0), analyzer words \(counts.1), bigram-stream tokens \(counts.2)")
    print("median MB/s (thread CPU time): raw ICU UTF-16 \(BenchmarkSupport.format(BenchmarkSupport.median(icu16))), "
          + "raw ICU UTF-8 UText \(BenchmarkSupport.format(BenchmarkSupport.median(icu8))), "
          + "Analyzer.analyze \(BenchmarkSupport.format(BenchmarkSupport.median(full))), "
          + "Analyzer.tokens \(BenchmarkSupport.format(BenchmarkSupport.median(wordsOnly)))")
    print("median ratio analyze / raw ICU UTF-16 (per repetition): \(BenchmarkSupport.format(BenchmarkSupport.median(ratios), 3))")
    print("ratio of medians: analyze / ICU UTF-16 \(BenchmarkSupport.format(BenchmarkSupport.median(full) / BenchmarkSupport.median(icu16), 3)), "
          + "analyze / ICU UTF-8 \(BenchmarkSupport.format(BenchmarkSupport.median(full) / BenchmarkSupport.median(icu8), 3))")
  }

  private func loadDocuments() -> ([String], String) {
    var paths = files
    if paths.isEmpty {
      let defaults = ["../shared/data/icwb2/pku_test.utf8", "../shared/data/icwb2/msr_test.utf8"]
      if defaults.allSatisfy({ BenchmarkSupport.readText($0) != nil }) { paths = defaults }
    }
    var lines: [Substring] = []
    var source = paths.joined(separator: " + ")
    if paths.isEmpty || paths == ["generated"] {
      paths = []
      source = "generated inspection-style text"
      let text = GeneratedText.make(paragraphs: 4000)
      lines = text.split(separator: "\n")
    } else {
      for path in paths {
        guard let text = BenchmarkSupport.readText(path) else {
          print("cannot read \(path)")
          continue
        }
        lines += text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
      }
    }
    var documents: [String] = []
    var current = ""
    for line in lines {
      if !current.isEmpty { current += "\n" }
      current += line
      if current.utf8.count >= 1500 {
        documents.append(current)
        current = ""
      }
    }
    if !current.isEmpty { documents.append(current) }
    return (documents, source)
  }
}
