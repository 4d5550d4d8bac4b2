import ArgumentParser
import Ingest
import QueryEngine

/// The filter options of the commands that search: `--type`, `--region`,
/// `--category`, `--from`, `--to`.
struct FilterOptions: ParsableArguments {
  @Option(help: "Only documents of this type (briefing, petition, rectification).")
  var type: String?
  @Option(help: "Only documents of this region (a county includes its towns).")
  var region: String?
  @Option(help: "Only documents of this pollution category.")
  var category: String?
  @Option(help: ArgumentHelp("Only documents dated on or after this day (YYYY-MM-DD).", valueName: "DATE"))
  var from: String?
  @Option(help: ArgumentHelp("Only documents dated on or before this day (YYYY-MM-DD).", valueName: "DATE"))
  var to: String?

  /// A malformed date is a mistake in the command line, reported (exit
  /// status 64) before anything is opened.
  func validate() throws {
    try Self.validateRange(from, to)
  }

  /// The options as library filters.
  func filters() throws -> [Filter] {
    var filters: [Filter] = []
    if let type { filters.append(.type(type)) }
    if let region { filters.append(.region(region)) }
    if let category { filters.append(.category(category)) }
    if from != nil || to != nil {
      filters.append(.date(from: try Self.day(from, "--from"), to: try Self.day(to, "--to")))
    }
    return filters
  }

  /// A day option, or a validation error that shows the expected form.
  static func day(_ text: String?, _ option: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(iso: text) else {
      throw ValidationError("\(option) \(text): expected a date as YYYY-MM-DD, e.g. 2020-09-15")
    }
    return day
  }

  /// Throws `day`'s error for a malformed `--from` or `--to`, and an error
  /// for a range that ends before it starts (as `date:B..A` in a query is).
  static func validateRange(_ from: String?, _ to: String?) throws {
    let (start, end) = (try day(from, "--from"), try day(to, "--to"))
    if let start, let end, end < start {
      throw ValidationError("--from \(from ?? "") --to \(to ?? ""): the range ends before it starts")
    }
  }
}
