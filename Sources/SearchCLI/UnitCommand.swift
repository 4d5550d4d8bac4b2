import ArgumentParser
import Foundation
import Insights
import QueryEngine

/// `search unit NAME`: every document about a unit, by type, as a linked timeline.
struct UnitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unit",
    abstract: "Show every document about a unit (any of its names) as a timeline by type.",
    discussion: """
      NAME may be the full name or any short or colloquial name in corpus/units.txt. Petitions, \
      briefings (findings) and rectification reports are listed oldest first; "cites" and "cited by" \
      follow the case numbers (受理编号) the documents quote.

      Examples:
        search unit 金源纸厂
        search unit 赫山区兴旺生猪养殖场 --json
      """)

  @OptionGroup var location: IndexLocation

  @Argument(help: ArgumentHelp("The unit's name (full, short or colloquial).", valueName: "NAME"))
  var name: [String]
  @Flag(help: "Print one JSON object instead of text.")
  var json = false
  @OptionGroup var knowledge: KnowledgeFiles
  @OptionGroup var partial: PartialIndexOption

  func validate() throws {
    if name.joined().allSatisfy(\.isWhitespace) { throw ValidationError("give a unit name, e.g. search unit 金源纸厂") }
  }

  func run() throws {
    try QuerySession.run(location, knowledge: knowledge, partial: partial) { session, _ in
      let workbench = session.workbench
      let asked = name.joined(separator: " ")
      guard let timeline = try UnitTimelineBuilder(units: workbench.units).timeline(for: asked, in: workbench.searcher)
      else {
        if json {
          // The same keys as a found unit's, empty.
          Terminal.emit(JSONValue.object([
            ("unit", .string(asked)), ("aliases", .array([])), ("region", .string("")), ("kind", .string("")),
            ("documents", .integer(0)), ("complete", .bool(true)), ("types", .array([])),
          ]).text + "\n")
        } else {
          Terminal.emit("no document mentions \(Terminal.safe(asked))\n")
        }
        return
      }
      if !timeline.isComplete {
        Terminal.note("note: more than \(SearchRequest.maxWindow) documents name this unit; the timeline holds "
                      + "the \(SearchRequest.maxWindow) that rank highest")
      }
      Terminal.emit(json ? Self.json(timeline).text + "\n" : Self.text(timeline))
    }
  }

  static func json(_ timeline: UnitTimeline) -> JSONValue {
    func entry(_ entry: UnitTimeline.Entry) -> JSONValue {
      .object([
        ("id", .string(entry.id)), ("date", entry.date.map { .string($0.iso) } ?? .null), ("title", .string(entry.title)),
        ("unit", .string(entry.unit)), ("cites", .array(entry.cites.map { .string($0) })),
        ("cited_by", .array(entry.citedBy.map { .string($0) })),
      ])
    }
    return .object([
      ("unit", .string(timeline.unit.name)), ("aliases", .array(timeline.unit.aliases.map { .string($0) })),
      ("region", .string(timeline.unit.region)), ("kind", .string(timeline.unit.kind)),
      ("documents", .integer(timeline.entries.count)), ("complete", .bool(timeline.isComplete)),
      ("types", .array(timeline.byType.map { group in
        .object([("type", .string(group.type)), ("count", .integer(group.entries.count)),
                 ("documents", .array(group.entries.map(entry)))])
      })),
    ])
  }

  static func text(_ timeline: UnitTimeline) -> String {
    let unit = timeline.unit
    var output = Terminal.bold(Terminal.safe(unit.name))
    let about = [unit.region, unit.kind].filter { !$0.isEmpty }.map(Terminal.safe).joined(separator: " · ")
    if !about.isEmpty { output += "  " + about }
    output += "\n"
    if !unit.aliases.isEmpty { output += "   also: " + Terminal.safe(unit.aliases.joined(separator: "、")) + "\n" }
    for group in timeline.byType {
      output += "\n" + Terminal.bold("\(Terminal.safe(group.type)) (\(group.entries.count))") + "\n"
      for entry in group.entries {
        output += "  " + (entry.date?.iso ?? "undated   ") + "  " + Terminal.safe(entry.id) + "  "
          + Terminal.safe(entry.title) + "\n"
        if !entry.cites.isEmpty {
          output += "      " + Terminal.dim("cites " + Terminal.safe(entry.cites.joined(separator: ", "))) + "\n"
        }
        if !entry.citedBy.isEmpty {
          output += "      " + Terminal.dim("cited by " + Terminal.safe(entry.citedBy.joined(separator: ", "))) + "\n"
        }
      }
    }
    output += "\n" + Terminal.dim("\(timeline.entries.count) documents") + "\n"
    return output
  }
}
