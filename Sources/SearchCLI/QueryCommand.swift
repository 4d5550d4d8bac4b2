import ArgumentParser
import Foundation
import IndexStore
import Ingest
import QueryEngine

/// `search query TEXT`: ranked hits with snippets, as text or JSON.
struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Search the index.",
    discussion: """
      Words are optional and documents matching more of them rank first; +word requires a word, \
      -word excludes one; AND, OR, NOT and parentheses combine; "…" or “…” is an exact phrase. \
      Fields: title:整改 unit:金源 body:…; filters: type:petition region:赫山区 category:水 \
      date:2020-01-01..2020-06-30 id:D430902202009150012; * is every document.

      Examples:
        search query 赫山区 养猪场 臭味
        search query '“养猪场” -已整改' --region 赫山区 --from 2020-01-01 --facets
        search query 噪音 --json --limit 5
        printf '噪声\\n偷排 废水\\n' | search query --queries - --json
      """)

  @OptionGroup var location: IndexLocation

  @Argument(help: "The query (several words are joined with spaces).")
  var words: [String] = []

  @Option(help: ArgumentHelp("How many hits to show.", valueName: "N"))
  var limit: Int = 10
  @Option(help: ArgumentHelp("Hits to skip (for the next page).", valueName: "N"))
  var offset: Int = 0
  @OptionGroup var filter: FilterOptions
  @Option(help: ArgumentHelp(
    "The order of the hits: relevance (default), newest or oldest (by date; equal dates by relevance, undated last).",
    valueName: "ORDER"))
  var sort: HitOrder = .relevance
  @Flag(help: "Count the whole result set by type, region, category and month.")
  var facets = false
  @Flag(help: ArgumentHelp(
    "Count every match (slower for common words).",
    discussion: "By default matches are counted exactly up to 10,000; beyond that 'total' is a lower bound "
      + "(total_relation \"gte\") and documents that cannot reach the page are skipped. --facets always counts all."))
  var exactTotal = false
  @Option(help: ArgumentHelp(
    "Count matches exactly up to N (default: 10,000), like Elasticsearch's track_total_hits.",
    discussion: "0 counts nothing beyond the hits found: the fastest for scripts that need only the page.",
    valueName: "N"))
  var trackTotalHits: Int?
  @Flag(help: "Show how each hit's score was computed.")
  var explain = false
  @Flag(help: ArgumentHelp(
    "Leave out the snippets (faster; each hit's \"snippet\" is then empty).",
    discussion: "For scripts that need only ids and fields: a snippet costs about a third of a hit."))
  var noSnippets = false
  @Flag(help: "Print one JSON object instead of text.")
  var json = false
  @Option(help: ArgumentHelp(
    "Threads one query may use (default: the cores, at most 4).",
    discussion: "A query whose words have many postings searches its segments on several threads, and the hits "
      + "are fetched on them; the hits are the same. Give 1 when several searches run side by side.",
    valueName: "N"))
  var threads: Int?
  @Option(help: ArgumentHelp(
    "Stop looking for matches after MS milliseconds and answer with what was found (\"timed_out\").",
    valueName: "MS"))
  var timeout: Int?
  @Option(help: ArgumentHelp(
    "Run one query per line of FILE ('-' for standard input), one JSON line out per query.",
    valueName: "FILE"))
  var queries: String?
  @Option(help: ArgumentHelp("The synonym file (default: corpus/synonyms.txt when present).", valueName: "FILE"))
  var synonyms: String?
  @Flag(help: "Do not expand words to their synonyms (nor a unit's names to each other).")
  var noSynonyms = false
  @OptionGroup var knowledge: KnowledgeFiles
  @OptionGroup var partial: PartialIndexOption

  func validate() throws {
    if queries == nil && words.isEmpty {
      throw ValidationError("give a query, e.g. search 黑臭水体, or --queries FILE")
    }
    if queries != nil && !words.isEmpty {
      throw ValidationError("give a query or --queries FILE, not both (the words \(words.joined(separator: " ")) would be ignored)")
    }
    if limit < 0 || offset < 0 { throw ValidationError("--limit and --offset must not be negative") }
    if offset > SearchRequest.maxWindow || limit > SearchRequest.maxWindow - offset {
      throw ValidationError("--offset + --limit must be at most \(SearchRequest.maxWindow) (narrow the query or use filters)")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if let timeout, timeout < 1 { throw ValidationError("--timeout must be at least 1 (milliseconds)") }
    if let trackTotalHits {
      if trackTotalHits < 0 { throw ValidationError("--track-total-hits must not be negative") }
      if exactTotal { throw ValidationError("give --exact-total or --track-total-hits, not both") }
    }
  }

  func run() throws {
    try QuerySession.run(location, synonymsPath: synonyms, useSynonyms: !noSynonyms, knowledge: knowledge,
                         partial: partial, threads: threads) { session, _ in
      let filters = try filter.filters()
      if let queries {
        try runBatch(queries, session: session, filters: filters)
        return
      }
      let text = words.joined(separator: " ")
      let stopwatch = Stopwatch()
      let request = try request(text, session: session, filters: filters)
      let result = try session.searcher.search(request)
      let took = stopwatch.milliseconds
      try ZeroResultNotes.print(for: request, result: result, session: session, prefix: "note: ")
      if json {
        Terminal.emit(HitPrinter.json(query: text, result: result, tookMilliseconds: took) + "\n")
      } else {
        Terminal.emit(HitPrinter.text(result: result, offset: offset, tookMilliseconds: took, explain: explain))
      }
    }
  }

  /// The library request for query text and the command's options.
  func request(_ text: String, session: QuerySession, filters: [Filter]) throws -> SearchRequest {
    var request = SearchRequest(query: try session.searcher.parser.parse(text))
    request.filters = filters
    request.limit = limit
    request.offset = offset
    request.order = sort
    request.facets = facets
    request.explain = explain
    request.snippets = !noSnippets
    request.bodies = false  // hits are printed without their bodies
    request.exactTotal = exactTotal
    if let trackTotalHits { request.totalHitsThreshold = trackTotalHits }
    if let timeout { request.timeLimit = .milliseconds(timeout) }
    return request
  }

  /// One query per line in, one JSON line out, flushed per query (a blank
  /// line too: it answers with the empty query's error, so that a client
  /// reading an answer per line it wrote never waits forever).
  func runBatch(_ path: String, session: QuerySession, filters: [Filter]) throws {
    let input: FileHandle
    if path == "-" {
      input = FileHandle.standardInput
    } else {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw UsageError(message: "cannot open query file \(path)")
      }
      input = handle
    }
    var lines = LineReader(handle: input)
    var failed = 0
    var number = 0
    while let line = lines.next() {
      number += 1
      let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
      let stopwatch = Stopwatch()
      do {
        let request = try request(text, session: session, filters: filters)
        let result = try session.searcher.search(request)
        let took = stopwatch.milliseconds
        FileHandle.standardOutput.write(Data(HitPrinter.jsonLine(query: text, result: result, tookMilliseconds: took)))
        try ZeroResultNotes.print(for: request, result: result, session: session, prefix: "note: line \(number): ")
      } catch let error as QueryError {
        if !text.isEmpty { failed += 1 }  // a blank line is answered, not counted as a failed query
        let object = JSONValue.object([
          ("query", .string(text)), ("error", .string(error.message)), ("column", .integer(error.column)),
        ])
        Terminal.emit(object.text + "\n")
      }
    }
    // Every line was answered; some query with an error: "finished, but some input was rejected".
    if failed > 0 { throw exitRejected }
  }
}

/// Reads lines from a file handle as they arrive (for `--queries -`).
struct LineReader {
  let handle: FileHandle
  private var buffer: [UInt8] = []
  private var finished = false

  init(handle: FileHandle) { self.handle = handle }

  mutating func next() -> String? {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      if finished {
        if buffer.isEmpty { return nil }
        let line = String(decoding: buffer, as: UTF8.self)
        buffer.removeAll()
        return line
      }
      let chunk = handle.availableData
      if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
    }
  }
}

extension HitOrder: ExpressibleByArgument {}
