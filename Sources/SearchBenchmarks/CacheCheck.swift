import TextAnalysis

/// Checks that the segmentation cache changes nothing, and measures what it saves.
///
/// `SearchBenchmarks cache-check FILE...`: each line of each UTF-8 file is one
/// document. Every document is analyzed with the cache on and off and the
/// two `Analysis` values are compared (any difference is printed and
/// counted). Then, on one core, one pass with the cache off and one pass
/// starting from an empty cache are timed alternately in batches, with the
/// cache's hit rate over the cold pass.
struct CacheCheck {
  var files: [String]

  func run() {
    var documents: [String] = []
    for path in files {
      guard let text = BenchmarkSupport.readText(path) else {
        print("cannot read \(path)")
        return
      }
      documents += text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    }
    let bytes = documents.reduce(0) { $0 + $1.utf8.count }
    let lexicon = (try? Lexicon.load(path: "corpus/lexicon.txt")) ?? Lexicon()
    var cached = Analyzer(lexicon: lexicon)
    cached.cachesSegmentation = true
    var uncached = cached
    uncached.cachesSegmentation = false
    var differences = 0
    for document in documents where cached.analyze(document) != uncached.analyze(document) {
      differences += 1
      if differences <= 5 { print("DIFFERENT: \(document.prefix(200))") }
    }
    print("input: \(files.joined(separator: " + ")): \(documents.count) documents, \(bytes) bytes")
    print("analyses that differ with and without the cache: \(differences)")
    var offSeconds = 0.0, onSeconds = 0.0
    Analyzer.resetSegmentationCaches()
    var batchStart = 0
    while batchStart < documents.count {
      let batch = documents[batchStart..<min(batchStart + 64, documents.count)]
      batchStart += 64
      var start = BenchmarkSupport.threadCPUTime()
      for document in batch { _ = uncached.analyze(document) }
      offSeconds += BenchmarkSupport.threadCPUTime() - start
      start = BenchmarkSupport.threadCPUTime()
      for document in batch { _ = cached.analyze(document) }
      onSeconds += BenchmarkSupport.threadCPUTime() - start
    }
    let statistics = Analyzer.segmentationCacheStatistics()
    let megabytes = Double(bytes) / 1_000_000
    print("one pass, one core: cache off \(BenchmarkSupport.format(megabytes / offSeconds)) MB/s, "
          + "cache on (cold at the start) \(BenchmarkSupport.format(megabytes / onSeconds)) MB/s, "
          + "speed-up \(BenchmarkSupport.format(offSeconds / onSeconds))x")
    print("cache: \(statistics.lookups) piece look-ups, \(statistics.hits) hits "
          + "(\(BenchmarkSupport.format(100 * Double(statistics.hits) / Double(max(statistics.lookups, 1)), 1)) %)")
  }
}
