import Ingest
import QueryEngine

/// Finds every document about a unit and lays them out as a timeline.
///
/// A document is about the unit when its unit field is one of the unit's
/// names or its title, unit or body contains one (full name, short or
/// colloquial, Traditional spelling). Candidates come from one query (each
/// name as a phrase, each name as an exact unit value) and are then checked
/// by plain substring match, so the answer is exactly "mentions any name"
/// among the 10,000 best-ranked candidates (`SearchRequest.maxWindow`); a
/// unit named by more documents gives a timeline with `isComplete` false.
/// Entries are linked by the case numbers their bodies cite: a rectification
/// report citing 受理编号 D4309… points at those petitions.
public struct UnitTimelineBuilder: Sendable {
  /// Resolves the name asked for to its unit and all of the unit's names.
  public var units: UnitRegistry

  /// A builder resolving names with `units`; a name it does not hold is looked for as given.
  public init(units: UnitRegistry) {
    self.units = units
  }

  /// The timeline of the unit named `name` (any of its names); nil if no document mentions it.
  ///
  /// - Throws: `IndexError` for a damaged index.
  public func timeline(for name: String, in searcher: Searcher) throws -> UnitTimeline? {
    let unit = units.resolve(name) ?? RegisteredUnit(name: name, aliases: [], region: "", kind: "")
    let names = unit.allNames.filter { !$0.isEmpty }
    guard !names.isEmpty else { return nil }
    var clauses: [Query.Clause] = []
    for candidate in names {
      clauses.append(.init(.should, .phrase(candidate, field: nil)))
      clauses.append(.init(.should, .filter(.unitExact(candidate))))
    }
    var request = SearchRequest(query: .boolean(clauses))
    request.limit = SearchRequest.maxWindow
    request.snippets = false
    // Counted one past the window, so that exactly 10,000 matches is complete.
    request.totalHitsThreshold = SearchRequest.maxWindow + 1
    var searcher = searcher
    searcher.options.expandSynonyms = false
    let found = try searcher.search(request)
    let hits = found.hits

    let matcher = NameMatcher(names.map { ($0, 0) })
    var entries: [UnitTimeline.Entry] = []
    for hit in hits {
      let document = hit.document
      let about = names.contains(document.unit)
        || !matcher.matches(in: document.title + "\n" + document.unit + "\n" + document.body).isEmpty
      guard about else { continue }
      entries.append(.init(id: document.id, type: document.type, date: document.date, title: document.title,
                           unit: document.unit, cites: CaseNumbers.find(in: document.body).filter { $0 != document.id },
                           citedBy: []))
    }
    guard !entries.isEmpty else { return nil }
    entries.sort { a, b in
      switch (a.date, b.date) {
      case let (x?, y?) where x != y: return x < y
      case (nil, _?): return false
      case (_?, nil): return true
      default: return a.id < b.id
      }
    }
    // In timeline order, so that a document's citers are listed oldest first.
    var citing: [String: [String]] = [:]
    for entry in entries {
      for number in entry.cites { citing[number, default: []].append(entry.id) }
    }
    for index in entries.indices { entries[index].citedBy = citing[entries[index].id] ?? [] }
    var timeline = UnitTimeline(unit: unit, entries: entries)
    timeline.isComplete = found.totalHits <= hits.count && found.totalHitsRelation == .equalTo
    return timeline
  }
}
