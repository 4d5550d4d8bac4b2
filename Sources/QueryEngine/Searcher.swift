import IndexStore
import Ingest
import TextAnalysis

/// Runs queries against one snapshot of an index.
///
/// A searcher is a cheap value: it holds an `IndexReader` (a snapshot of
/// one commit) and the query-time knowledge (synonyms, region hierarchy).
/// Searches never modify it, so one searcher can serve many threads.
///
/// ```swift
/// let reader = try IndexReader.open(path: "index")
/// let searcher = Searcher(reader: reader)
/// let result = try searcher.search("赫山区 养猪场 臭味")
/// for hit in result.hits { print(hit.id, hit.score) }
/// ```
public struct Searcher: Sendable {
  /// The index snapshot searched; its analyzer also analyzes the query words.
  public let reader: IndexReader
  /// The groups query words expand to when `options.expandSynonyms` is on; empty by default.
  public var synonyms: SynonymMap
  /// Boosts, discounts and evaluation switches of scoring.
  public var options: ScoringOptions
  /// Parses the text given to `search(_:limit:)`, within its limits.
  public var parser = QueryParser()
  /// The regions a region filter accepts: by default the region itself.
  public var regionExpansion: @Sendable (String) -> Set<String> = { [$0] }
  /// The threads one search may use (at least 1): a search whose words
  /// have many postings spreads its segments (a large one in slices,
  /// `minimumSliceDocuments`) over them, and a page's hits
  /// are fetched on them (`SearchWorkers`). By default the machine's cores,
  /// at most 4; a batch job that runs several searches at once may set 1.
  /// Results do not depend on it: the same hits, scores, facets and total.
  public var threads = Searcher.defaultThreads

  /// The fewest documents of a slice (values below 1 count as 1): spread
  /// over several threads, a search cuts a segment of at least twice the
  /// slice size into slices of documents that the threads take one at a
  /// time, so that an index of one large segment keeps them all busy. The
  /// slice size is the largest of this, a quarter of one thread's share of
  /// the index's documents, and enough documents for 1,024 of the search's
  /// estimated postings. Results do not depend on it.
  public var minimumSliceDocuments = Searcher.defaultMinimumSliceDocuments

  /// 32,768 documents: below that, a slice's set-up (a postings cursor per
  /// term) weighs against what a second thread saves.
  public static let defaultMinimumSliceDocuments = 32_768

  /// The machine's active cores, at most 4.
  public static let defaultThreads = min(4, Processors.online)

  /// A searcher of `reader`'s snapshot, by default without synonyms and with the default scoring options.
  public init(reader: IndexReader, synonyms: SynonymMap = .empty, options: ScoringOptions = ScoringOptions()) {
    self.reader = reader
    self.synonyms = synonyms
    self.options = options
  }

  /// Parses and runs query text, returning the first `limit` hits.
  ///
  /// - Throws: `QueryError` for text that does not parse; `SearchError` for
  ///   a negative `limit` or one above `SearchRequest.maxWindow`; `IndexError` for a
  ///   damaged index.
  public func search(_ text: String, limit: Int = 10) throws -> SearchResult {
    var request = SearchRequest(query: try parser.parse(text))
    request.limit = limit
    return try search(request)
  }

  /// Runs a request.
  ///
  /// - Throws: `SearchError` for a page out of bounds; `IndexError` for a
  ///   damaged index.
  public func search(_ request: SearchRequest) throws -> SearchResult {
    guard request.offset >= 0, request.limit >= 0 else {
      throw SearchError.invalidPage(offset: request.offset, limit: request.limit)
    }
    let (window, overflow) = request.offset.addingReportingOverflow(request.limit)
    guard !overflow, window <= SearchRequest.maxWindow else {
      throw SearchError.windowTooLarge(requested: overflow ? .max : window, maximum: SearchRequest.maxWindow)
    }
    let threads = max(1, threads)
    let deadline = SearchDeadline.starting(request.timeLimit)
    // Wake the workers now, while the terms are looked up, in case the
    // segments are spread (`SearchWorkers`).
    if threads > 1 { SearchWorkers.shared.prepare() }
    let query = request.query.filtered(by: request.filters)
    var builder = WeightBuilder(reader: reader, analyzer: reader.analyzer, synonyms: synonyms, options: options,
                                regions: regionExpansion)
    let weight = builder.buildQuery(query)
    let segments = reader.segments
    let termAtATime = options.termAtATime
      ? TermAtATimeEvaluator.plan(weight, documentCount: max(1, reader.documentCount), coordination: request.coordination)
      : nil
    // Facets need every match; otherwise counting may stop at the threshold.
    let mayPrune = options.pruning && !request.facets
    let countedExactly = max(0, request.totalHitsThreshold)
    var skipped = false
    // When the dictionaries already show that the threshold is reached, the
    // total is a lower bound whatever is counted: skip from the start.
    let countingThreshold: Int
    // Matches the dictionaries prove, whatever is counted (a timed-out search reports at least these).
    var proven = 0
    if mayPrune, let termAtATime, countedExactly < .max,
       termAtATime.guaranteedMatches(in: segments) >= max(1, countedExactly) {
      countingThreshold = 0
      proven = countedExactly
      skipped = true
    } else {
      countingThreshold = countedExactly
    }
    let (collector, facets, skippedAny) = try collect(
      weight, termAtATime: termAtATime, in: segments, window: window, request: request,
      countingThreshold: countingThreshold, pruning: mayPrune, threads: threads, deadline: deadline)
    if skippedAny { skipped = true }
    let timedOut = deadline?.wasPassed ?? false
    if timedOut { skipped = true }
    let page = Array(collector.sorted().dropFirst(request.offset))
    let snippets = request.snippets && !page.isEmpty
      ? SnippetBuilder(analyzer: reader.analyzer, terms: builder.highlights) : nil
    let hits = try fetch(page, from: segments, weight: weight, snippets: snippets, request: request,
                         threads: threads)
    // Skipping starts only once the threshold is counted, so it is a lower
    // bound; like Elasticsearch, report the threshold itself (with nothing
    // to count, the matches kept). A count that went past the threshold
    // (with nothing to count, past the hits kept) is reported so too,
    // skipped or not: whether the last thread still had documents to skip
    // depends on how the segments were spread over threads.
    if termAtATime != nil, mayPrune, countedExactly < .max,
       countedExactly > 0 ? collector.totalHits > countedExactly : collector.totalHits > collector.keptCount {
      skipped = true
    }
    let lowerBound = countedExactly > 0 ? countedExactly : collector.keptCount
    var counts = facets
    // Timed out, the total is what was counted (or what the dictionaries
    // prove, when more), a lower bound however it compares with the threshold.
    let total = timedOut ? max(collector.totalHits, collector.keptCount, proven)
      : skipped ? lowerBound : collector.totalHits
    var result = SearchResult(totalHits: total, totalHitsRelation: skipped ? .greaterThanOrEqualTo : .equalTo,
                              hits: hits, facets: counts?.finish())
    result.timedOut = timedOut
    return result
  }

  /// Finds the matches of every segment, on up to `threads` threads when the
  /// words have many postings; their top hits and facets merged, and
  /// whether any thread skipped documents.
  private func collect(_ weight: Weight, termAtATime: TermAtATimeEvaluator?, in segments: [SegmentReader],
                       window: Int, request: SearchRequest, countingThreshold: Int, pruning: Bool,
                       threads: Int, deadline: SearchDeadline?) throws -> (TopHitsCollector, FacetAccumulator?, Bool) {
    // The segments, in slices, are taken largest first by the threads of
    // the search as each becomes free, each thread with its own collector;
    // their top hits are then merged (the ranking is a total order, so the
    // page does not depend on which thread took which slice).
    let cost = termAtATime?.estimatedPostings ?? TermAtATimeEvaluator.cost(of: weight)
    let queue = SegmentQueue(segments, threads: cost >= SearchThreads.parallelPostings ? threads : 1,
                             minimumSliceDocuments: minimumSliceDocuments, estimatedPostings: cost)
    let spread = max(1, min(threads, queue.slices.count))
    // The threads stop counting exactly once together they reach the threshold.
    let shared = spread > 1 ? SharedMatchCount() : nil
    let found = try SearchThreads.run(spread) { _ in
      var collector = TopHitsCollector(capacity: window, order: request.order)
      var facets = request.facets ? FacetAccumulator() : nil
      var counting = MatchCounting(shared: shared)
      var skipped = false
      while let slice = queue.next() {
        if let deadline, deadline.isPast() { break }
        let segment = segments[slice.segment]
        collector.begin(segment)
        if let termAtATime {
          facets?.begin(segment)
          if try termAtATime.evaluate(segment, index: slice.segment, documents: slice.documents, into: &collector,
                                      facets: &facets, totalHitsThreshold: countingThreshold,
                                      counting: &counting, pruning: pruning, deadline: deadline) {
            skipped = true
          }
        } else if let scorer = try weight.scorer(in: segment, index: slice.segment) {
          facets?.begin(segment)
          collect(scorer, segment: segment, index: slice.segment, documents: slice.documents, into: &collector,
                  facets: &facets, coordination: request.coordination, deadline: deadline)
        }
      }
      return (collector: collector, facets: facets, skipped: skipped)
    }
    // The first thread's results, with the others' added (one thread: as they are).
    var (collector, facets, skipped) = found[0]
    for part in found.dropFirst() {
      collector.absorb(part.collector)
      if let counts = part.facets { facets?.absorb(counts) }
      if part.skipped { skipped = true }
    }
    return (collector, facets, skipped)
  }

  /// The hits of `page`: stored document, snippet and explanation, fetched
  /// in parts (hit i in part i mod the parts, so the best are spread
  /// evenly), one thread per part.
  private func fetch(_ page: [TopHitsCollector.Candidate], from segments: [SegmentReader], weight: Weight,
                     snippets: SnippetBuilder?, request: SearchRequest, threads: Int) throws -> [Hit] {
    let parts = page.count >= SearchThreads.parallelHits ? min(threads, page.count) : 1
    let fetched = try SearchThreads.run(parts) { part in
      try stride(from: part, to: page.count, by: parts).map { i -> Hit in
        let candidate = page[i]
        let segment = segments[candidate.segment]
        // A body that only a snippet reads stays bytes (not validated as a String).
        let (document, body) = try segment.document(candidate.doc, body: request.bodies)
        var hit = Hit(document: document, score: candidate.score, matchedClauses: candidate.coordination)
        if let snippets {
          hit.snippet = snippets.snippet(ofUTF8: Array(body))
        }
        if request.explain, let scorer = try weight.scorer(in: segment, index: candidate.segment),
           scorer.advance(to: candidate.doc) == candidate.doc {
          hit.explanation = scorer.explain()
        }
        return hit
      }
    }
    return page.indices.map { fetched[$0 % parts][$0 / parts] }
  }

  /// Walks the matches of `documents` (a slice of the segment) document at a time.
  ///
  /// MaxScore-style pruning: once the page is full, a document whose best
  /// possible (coordination, score) cannot rank above the last kept hit is
  /// counted but never scored. Later documents lose ties, so "not above"
  /// suffices.
  private func collect(_ scorer: Scorer, segment: SegmentReader, index segmentIndex: Int, documents: Range<Int>,
                       into collector: inout TopHitsCollector, facets: inout FacetAccumulator?, coordination: Bool,
                       deadline: SearchDeadline?) {
    let boolean = scorer as? BooleanScorer  // its bound is valid with or without coordination
    let coordinated = coordination ? boolean : nil
    guard let first = UInt32(exactly: documents.lowerBound), documents.upperBound > documents.lowerBound else { return }
    let end = UInt32(clamping: documents.upperBound)
    var doc = first > 0 ? scorer.advance(to: first) : scorer.next()
    var sinceCheck = 0
    while doc < end {  // `Scorers.exhausted` is past every slice
      if let deadline {
        sinceCheck += 1
        if sinceCheck == 1_024 {
          sinceCheck = 0
          if deadline.isPast() { return }
        }
      }
      if segment.isLive(doc) {
        let coordination = coordinated?.optionalMatchCount ?? 0
        if options.pruning, let threshold = collector.threshold,
           coordination < threshold.coordination
            || (coordination == threshold.coordination
              && (boolean?.scoreUpperBound() ?? scorer.maxScore) * (1 + 1e-12) <= threshold.score) {
          collector.count()
        } else {
          collector.collect(.init(coordination: coordination, score: scorer.score(), segment: segmentIndex, doc: doc))
        }
        facets?.count(doc)
      }
      doc = scorer.next()
    }
  }
}

extension Searcher {
  /// Whether the live document `id` passes `filters` as a search applies
  /// them (the same resolved filters, on the document's own segment).
  package func document(_ id: String, passes filters: [Filter]) -> Bool {
    let builder = WeightBuilder(reader: reader, analyzer: reader.analyzer, synonyms: synonyms, options: options,
                                regions: regionExpansion)
    let resolved = filters.map(builder.resolve)
    for segment in reader.segments.reversed() {
      guard let doc = segment.docID(forKey: id), segment.isLive(doc) else { continue }
      return resolved.allSatisfy { $0.predicate(in: segment)?(doc) ?? false }
    }
    return false
  }
}
