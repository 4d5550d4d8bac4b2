import ArgumentParser
import Foundation
import Ingest
import Insights
import QueryEngine

/// `search recurring [QUERY]`: petitions about the same problem grouped into issues.
struct RecurringCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recurring",
    abstract: "Group petitions about the same problem at the same unit or place into issues.",
    discussion: """
      Petitions are joined when a rectification report cites them together, when their texts are \
      near duplicates (MinHash over character shingles), or when a later one says the problem was \
      raised before or came back; always within one unit (any of its names in corpus/units.txt) or \
      place, and one pollution category. Issues are ranked by size, then by their latest petition. \
      "came back" marks petitions dated after a report said the problem was fixed. The thresholds \
      are in docs/WORKFLOWS.md.

      Examples:
        search recurring
        search recurring 猪场 --region 赫山区 --from 2019-01-01
        search recurring --min-size 2 --json
      """)

  @OptionGroup var location: IndexLocation

  @Argument(help: "Only petitions matching this query (optional).")
  var words: [String] = []
  @Option(help: ArgumentHelp("Only documents dated on or after this day (YYYY-MM-DD).", valueName: "DATE"))
  var from: String?
  @Option(help: ArgumentHelp("Only documents dated on or before this day (YYYY-MM-DD).", valueName: "DATE"))
  var to: String?
  @Option(help: "Only documents of this region (a county includes its towns).")
  var region: String?
  @Option(help: "The document type to group.")
  var type: String = "petition"
  @Option(help: ArgumentHelp("Smallest issue to show.", valueName: "N"))
  var minSize: Int = 3
  @Option(help: ArgumentHelp("How many issues to show.", valueName: "N"))
  var limit: Int = 20
  @Flag(help: "Print one JSON object instead of text.")
  var json = false
  @OptionGroup var knowledge: KnowledgeFiles
  @OptionGroup var partial: PartialIndexOption

  func validate() throws {
    if minSize < 1 { throw ValidationError("--min-size must be at least 1") }
    if limit < 0 { throw ValidationError("--limit must not be negative") }
    try FilterOptions.validateRange(from, to)
  }

  func run() throws {
    try QuerySession.run(location, knowledge: knowledge, partial: partial) { session, stopwatch in
      let workbench = session.workbench
      var options = RecurringOptions()
      options.minimumSize = minSize
      let finder = RecurringComplaintFinder(units: workbench.units, regions: workbench.regions, options: options)
      let text = words.joined(separator: " ")
      let scope = RecurringComplaintFinder.Scope(
        type: type, from: try FilterOptions.day(from, "--from"), to: try FilterOptions.day(to, "--to"), region: region,
        query: text.isEmpty ? nil : try workbench.searcher.parser.parse(text))
      let found = try finder.find(in: workbench.searcher, scope: scope)
      let took = stopwatch.milliseconds
      let shown = Array(found.groups.prefix(limit))
      if !found.isComplete {
        Terminal.note("note: the query matches more than \(SearchRequest.maxWindow) petitions; the issues are "
                      + "made of the \(SearchRequest.maxWindow) that rank highest (narrow it with --region or --from)")
      }
      if json {
        let object = JSONValue.object([
          ("query", .string(text)), ("petitions", .integer(found.petitionsConsidered)),
          ("reports", .integer(found.reportsConsidered)), ("total_groups", .integer(found.groups.count)),
          ("complete", .bool(found.isComplete)),
          ("took_ms", .number((took * 1000).rounded() / 1000)), ("groups", .array(shown.map(Self.json))),
        ])
        Terminal.emit(object.text + "\n")
      } else {
        Terminal.emit(Self.text(shown, found: found, took: took, type: type))
      }
    }
  }

  static func json(_ group: ComplaintGroup) -> JSONValue {
    .object([
      ("unit", group.unit.map { .string($0) } ?? .null), ("place", .string(group.place)),
      ("region", .string(group.region)), ("category", .string(group.category)), ("size", .integer(group.size)),
      ("first", group.first.map { .string($0.iso) } ?? .null), ("last", group.last.map { .string($0.iso) } ?? .null),
      ("months", .array(group.months.map { .object([("month", .string($0.month)), ("count", .integer($0.count))]) })),
      ("came_back", .bool(group.cameBack)),
      ("fix_report", group.fixReport.map {
        .object([("id", .string($0.id)), ("date", $0.date.map { .string($0.iso) } ?? .null)])
      } ?? .null),
      ("petitions_after_fix", .array(group.petitionsAfterFix.map { .string($0) })),
      ("members", .array(group.members.map {
        .object([("id", .string($0.id)), ("date", $0.date.map { .string($0.iso) } ?? .null),
                 ("title", .string($0.title)), ("unit", .string($0.unit))])
      })),
    ])
  }

  static func text(_ groups: [ComplaintGroup], found: RecurringComplaints, took: Double, type: String) -> String {
    // What is grouped: petitions unless --type names another kind.
    let grouped = DocumentTypes.canonical(type) == DocumentTypes.petition ? "petitions" : "\(Terminal.safe(type)) documents"
    var output = ""
    for (index, group) in groups.enumerated() {
      let name = group.unit ?? group.place
      let place = group.place == group.region || group.place.isEmpty ? group.region : "\(group.place)，\(group.region)"
      output += "\(index + 1). " + Terminal.bold(Terminal.safe(name)) + "  " + Terminal.safe(place) + " · "
        + Terminal.safe(group.category) + " · \(group.size) \(grouped) · "
        + "\(group.first?.iso ?? "?") … \(group.last?.iso ?? "?")\n"
      if let fix = group.fixReport, group.cameBack {
        output += "   " + Terminal.highlight("came back:") + " \(group.petitionsAfterFix.count) after "
          + Terminal.safe(fix.id) + " said fixed (\(fix.date?.iso ?? "undated"))\n"
      }
      output += "   " + Terminal.dim(group.months.map { "\($0.month)×\($0.count)" }.joined(separator: " ")) + "\n"
      let after = Set(group.petitionsAfterFix)
      for member in group.members {
        output += "   " + (after.contains(member.id) ? "! " : "- ") + (member.date?.iso ?? "undated") + " "
          + Terminal.safe(member.id) + "  " + Terminal.safe(member.title) + "\n"
      }
      output += "\n"
    }
    output += Terminal.dim("\(found.groups.count) issues from \(found.petitionsConsidered) \(grouped) and "
      + "\(found.reportsConsidered) reports; showing \(groups.count); \(String(format: "%.1f", took)) ms") + "\n"
    return output
  }
}
