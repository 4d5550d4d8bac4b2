import ArgumentParser
import Foundation
import Insights
import QueryEngine

/// `search trends QUERY --by month|region|category|type`: counts of the whole result set.
struct TrendsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trends",
    abstract: "Count all documents matching a query by month, region, category or type, as a bar chart.",
    discussion: """
      Examples:
        search trends 噪声 --by month
        search trends 养猪场 臭味 --by region --type petition
        search trends 噪声 --by category --json
      """)

  @OptionGroup var location: IndexLocation

  @Argument(help: "The query (several words are joined with spaces).")
  var words: [String] = []
  @Option(help: "What to count by: month, region, category or type.")
  var by: String = "month"
  @OptionGroup var filter: FilterOptions
  @Flag(help: "Print one JSON object instead of a chart.")
  var json = false
  @OptionGroup var knowledge: KnowledgeFiles
  @OptionGroup var partial: PartialIndexOption

  func validate() throws {
    if words.isEmpty { throw ValidationError("give a query, e.g. search trends 噪声 --by month") }
    if TrendReport.Dimension(rawValue: by) == nil {
      throw ValidationError("--by \(by): expected month, region, category or type")
    }
  }

  func run() throws {
    try QuerySession.run(location, knowledge: knowledge, partial: partial) { session, stopwatch in
      let workbench = session.workbench
      let text = words.joined(separator: " ")
      let filters = try filter.filters()
      let dimension = TrendReport.Dimension(rawValue: by) ?? .month
      let report = try TrendReport.compute(query: try workbench.searcher.parser.parse(text), by: dimension,
                                           filters: filters, regions: workbench.regions, in: workbench.searcher)
      let took = stopwatch.milliseconds
      if json {
        let object = JSONValue.object([
          ("query", .string(text)), ("by", .string(dimension.rawValue)), ("total", .integer(report.total)),
          ("took_ms", .number((took * 1000).rounded() / 1000)),
          ("buckets", .array(report.buckets.map { .object([("value", .string($0.value)), ("count", .integer($0.count))]) })),
        ])
        Terminal.emit(object.text + "\n")
      } else {
        var output = Terminal.bold("\(Terminal.safe(text)) by \(dimension.rawValue)") + "\n"
        output += report.buckets.isEmpty ? "  (no values)\n" : FacetChart.bars(report.buckets.map { ($0.value, $0.count) }) + "\n"
        output += Terminal.dim("\(report.total) documents match; \(String(format: "%.1f", took)) ms") + "\n"
        Terminal.emit(output)
      }
    }
  }
}
