#if canImport(Glibc)
import Glibc
#endif
import IndexStore
import Ingest
import TextAnalysis

/// End-to-end indexing throughput, index size and reader open time.
///
/// `swift run -c release SearchBenchmarks index FILE.jsonl [--index DIR] [--no-segmentation-cache]`:
/// 1. the raw ICU floor: every document's title, unit and body word-broken by
///    ICU (UTF-16 and UTF-8 UText) on one core, timed around the ICU calls only;
/// 2. indexing: JSONL file in, committed index out (reading, parsing,
///    analysis on all cores, inversion, segment writing, merges, commit);
/// 3. sizes by file kind and by field against the input size;
/// 4. the median time of opening a reader (20 opens).
struct IndexBenchmark {
  var file: String
  var indexPath: String
  /// Whether the writer's Analyzer reuses segmentations (`--no-segmentation-cache` turns it off).
  var caching = true

  init(arguments: [String]) {
    file = arguments.first ?? "corpus"
    var path = "/tmp/search-benchmark-index"
    if let i = arguments.firstIndex(of: "--index"), i + 1 < arguments.count { path = arguments[i + 1] }
    indexPath = path
    caching = !arguments.contains("--no-segmentation-cache")
  }

  func run() {
    var info = stat()
    let inputBytes = stat(file, &info) == 0 ? Int(info.st_size) : 0
    let source = DocumentSource(paths: [file])

    // 1. The one-core floor: raw ICU word breaking of the same texts.
    guard let icu = RawICUSegmenter() else {
      print("ICU word break iterator unavailable")
      return
    }
    var icuUTF16 = 0.0
    var icuUTF8 = 0.0
    var textBytes = 0
    var documents = 0
    let readStart = BenchmarkSupport.now()
    do {
      _ = try source.read(onDocument: { document, _ in
        documents += 1
        for text in [document.title, document.unit, document.body] {
          textBytes += text.utf8.count
          var t0 = BenchmarkSupport.now()
          _ = icu.countWordsUTF16(text)
          icuUTF16 += BenchmarkSupport.now() - t0
          t0 = BenchmarkSupport.now()
          _ = icu.countWordsUTF8(text)
          icuUTF8 += BenchmarkSupport.now() - t0
        }
      }, onIssue: { _ in })
    } catch {
      print("cannot read \(file): \(error)")
      return
    }
    let floorPassSeconds = BenchmarkSupport.now() - readStart
    let icuFloor = min(icuUTF16, icuUTF8)

    // The Analyzer alone on one core (words and bigrams of the same texts): the bound analysis puts on indexing.
    let lexicon = (try? Lexicon.load(path: "corpus/lexicon.txt")) ?? Lexicon()
    var analyzer = Analyzer(lexicon: lexicon)
    // Without the segmentation cache (the Analyzer's own cost), then from an
    // empty cache over the same documents.
    analyzer.cachesSegmentation = false
    var analyzerSeconds = 0.0
    var cachedSeconds = 0.0
    var analyzed = 0
    var cached = analyzer
    cached.cachesSegmentation = true
    Analyzer.resetSegmentationCaches()
    _ = try? source.read(onDocument: { document, _ in
      guard analyzed < 20_000 else { return }
      analyzed += 1
      var t0 = BenchmarkSupport.now()
      for text in [document.title, document.unit, document.body] { _ = analyzer.analyze(text) }
      analyzerSeconds += BenchmarkSupport.now() - t0
      t0 = BenchmarkSupport.now()
      for text in [document.title, document.unit, document.body] { _ = cached.analyze(text) }
      cachedSeconds += BenchmarkSupport.now() - t0
    }, onIssue: { _ in })
    let cacheStatistics = Analyzer.segmentationCacheStatistics()
    let analyzerShare = Double(analyzed) / Double(max(documents, 1))
    analyzer.cachesSegmentation = caching
    Analyzer.resetSegmentationCaches()

    // 2. Indexing, end to end.
    removeIndex(indexPath)
    let cpuStart = cpuSeconds()
    let start = BenchmarkSupport.now()
    let commit: CommitInfo
    do {
      let writer = try IndexWriter(path: indexPath, analyzer: analyzer, rebuild: true)
      _ = try source.read(onDocument: { document, _ in _ = try writer.add(document) }, onIssue: { _ in })
      commit = try writer.commit()
      writer.close()
    } catch {
      print("indexing failed: \(error)")
      return
    }
    let indexSeconds = BenchmarkSupport.now() - start
    let indexCPU = cpuSeconds() - cpuStart
    let megabytes = Double(inputBytes) / 1e6
    let textMegabytes = Double(textBytes) / 1e6

    print("input: \(file), \(documents) documents, \(BenchmarkSupport.format(megabytes, 1)) MB JSONL, "
      + "\(BenchmarkSupport.format(textMegabytes, 1)) MB of title+unit+body text")
    print("raw ICU word breaking, one core: UTF-16 \(BenchmarkSupport.format(icuUTF16)) s "
      + "(\(BenchmarkSupport.format(textMegabytes / icuUTF16)) MB/s of text), UTF-8 UText \(BenchmarkSupport.format(icuUTF8)) s; "
      + "floor = \(BenchmarkSupport.format(icuFloor)) s = \(BenchmarkSupport.format(megabytes / icuFloor)) MB/s of input "
      + "(pass incl. JSONL reading \(BenchmarkSupport.format(floorPassSeconds)) s)")
    print("indexing end to end (\(commit.segmentCount) segments, generation \(commit.generation)): "
      + "\(BenchmarkSupport.format(indexSeconds)) s = \(BenchmarkSupport.format(megabytes / indexSeconds)) MB/s of input, "
      + "\(BenchmarkSupport.format(icuFloor / indexSeconds))x the one-core ICU floor")
    let analyzerMBps = textMegabytes * analyzerShare / analyzerSeconds
    print("Analyzer.analyze alone, one core (first \(analyzed) documents): \(BenchmarkSupport.format(analyzerMBps)) MB/s of text "
      + "= \(BenchmarkSupport.format(analyzerMBps / (textMegabytes / icuFloor), 3))x raw ICU (segmentation cache off)")
    let cachedMBps = textMegabytes * analyzerShare / cachedSeconds
    print("Analyzer.analyze with the segmentation cache, from empty, same documents: \(BenchmarkSupport.format(cachedMBps)) MB/s "
      + "= \(BenchmarkSupport.format(cachedMBps / (textMegabytes / icuFloor), 3))x raw ICU; \(cacheStatistics.hits) of "
      + "\(cacheStatistics.lookups) piece look-ups hit")
    print("segmentation cache while indexing: \(caching ? "on" : "off (--no-segmentation-cache)")")
    print("indexing CPU time (user+system, all threads): \(BenchmarkSupport.format(indexCPU)) s "
      + "(\(BenchmarkSupport.format(indexCPU / indexSeconds)) cores busy on average); load average at the end: \(loadAverage())")
    print("peak resident memory: \(peakResidentMegabytes()) MB")

    // 3. Sizes.
    guard let reader = try? IndexReader.open(path: indexPath) else {
      print("cannot open the index")
      return
    }
    let stats = reader.stats()
    func ratio(_ bytes: Int) -> String {
      "\(BenchmarkSupport.format(Double(bytes) / 1e6, 1)) MB (\(BenchmarkSupport.format(Double(bytes) / Double(max(inputBytes, 1)), 3))x input)"
    }
    print("index total: \(ratio(stats.totalBytes))")
    for kind in ["terms", "postings", "positions", "lengths", "columns", "stored", "ids", "del", "manifest"] {
      if let bytes = stats.bytesByFileKind[kind] { print("  \(kind): \(ratio(bytes))") }
    }
    for field in IndexedField.allCases {
      var terms = 0
      var postings = 0
      var positions = 0
      for segment in reader.segments {
        let sizes = segment.fieldByteSizes(field)
        terms += sizes.terms
        postings += sizes.postings
        positions += sizes.positions
      }
      print("  field \(field.name): terms \(ratio(terms)), postings \(ratio(postings)), positions \(ratio(positions))")
    }

    // 4. Reader open time.
    var opens: [Double] = []
    for _ in 0..<20 {
      let t0 = BenchmarkSupport.now()
      _ = try? IndexReader.open(path: indexPath)
      opens.append(BenchmarkSupport.now() - t0)
    }
    print("reader open: median \(BenchmarkSupport.format(BenchmarkSupport.median(opens) * 1000, 2)) ms over 20 opens")
  }

  private func removeIndex(_ path: String) {
    guard let dir = opendir(path) else { return }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name != "." && name != ".." { names.append(name) }
    }
    closedir(dir)
    for name in names { unlink(path + "/" + name) }
  }

  private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6 + Double(usage.ru_stime.tv_sec)
      + Double(usage.ru_stime.tv_usec) * 1e-6
  }

  private func loadAverage() -> String {
    String((BenchmarkSupport.readText("/proc/loadavg") ?? "").split(separator: " ").prefix(3).joined(separator: " "))
  }

  private func peakResidentMegabytes() -> Int {
    guard let text = BenchmarkSupport.readText("/proc/self/status") else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let digits = line.filter { $0.isNumber }
      return (Int(digits) ?? 0) / 1024
    }
    return 0
  }
}
