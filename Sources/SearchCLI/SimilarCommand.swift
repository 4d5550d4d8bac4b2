import ArgumentParser
import Foundation
import Insights
import QueryEngine

/// `search similar ID`: the documents most like a given one.
struct SimilarCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "similar",
    abstract: "Find the documents most like a given document.",
    discussion: """
      The document's most distinctive words (by tf·idf, the BM25 idf of the index) form an OR \
      query; the document itself is left out.

      Examples:
        search similar D430902201801190011
        search similar ZG-2018-430902-001 --limit 5 --json
      """)

  @OptionGroup var location: IndexLocation

  @Argument(help: "The id of the document.")
  var id: String
  @Option(help: ArgumentHelp("How many similar documents to show.", valueName: "N"))
  var limit: Int = 10
  @Option(help: ArgumentHelp("How many distinctive words to search with.", valueName: "N"))
  var terms: Int = 25
  @Flag(help: "Print one JSON object instead of text.")
  var json = false
  @OptionGroup var knowledge: KnowledgeFiles
  @OptionGroup var partial: PartialIndexOption

  func validate() throws {
    if limit < 0 || limit > 1000 { throw ValidationError("--limit must be between 0 and 1000") }
    if terms < 1 { throw ValidationError("--terms must be at least 1") }
  }

  func run() throws {
    try QuerySession.run(location, knowledge: knowledge, partial: partial) { session, stopwatch in
      let workbench = session.workbench
      guard let result = try SimilarDocumentFinder(termCount: terms).similar(to: id, in: workbench.searcher, limit: limit)
      else { throw UsageError(message: "no document with id \(id)") }
      let took = stopwatch.milliseconds
      if json {
        let object = JSONValue.object([
          ("id", .string(id)), ("title", .string(result.source.title)),
          ("terms", .array(result.terms.map { .object([("term", .string($0.term)), ("weight", .number($0.weight))]) })),
          ("total", .integer(result.search.totalHits)),
          ("total_relation", .string(result.search.totalHitsRelation.rawValue)),
          ("took_ms", .number((took * 1000).rounded() / 1000)),
          ("hits", .array(result.hits.map(HitPrinter.hitJSON))),
        ])
        Terminal.emit(object.text + "\n")
      } else {
        var output = "like " + Terminal.bold(Terminal.safe(result.source.title.isEmpty ? id : result.source.title))
          + "  " + Terminal.dim(Terminal.safe(id)) + "\n"
        output += "   " + Terminal.dim("words: " + result.terms.map { Terminal.safe($0.term) }.joined(separator: " ")) + "\n\n"
        output += HitPrinter.text(result: result.search, offset: 0, tookMilliseconds: took, explain: false)
        Terminal.emit(output)
      }
    }
  }
}
