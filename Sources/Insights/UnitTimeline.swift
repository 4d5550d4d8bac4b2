import Ingest

/// Every document about one unit, by type and date, linked by the case numbers they cite.
public struct UnitTimeline: Sendable {
  /// One document of the timeline.
  public struct Entry: Hashable, Sendable {
    /// The document's id.
    public var id: String
    /// The document type: petition, briefing, rectification or another stored type.
    public var type: String
    /// The document's date; nil when undated.
    public var date: Day?
    /// The document's title.
    public var title: String
    /// The unit field as written.
    public var unit: String
    /// Case numbers (受理编号) the document cites.
    public var cites: [String]
    /// Documents of the timeline that cite this one, in timeline order (oldest first).
    public var citedBy: [String]
  }

  /// The registered unit, or a unit made of the name asked for when it is not registered.
  public var unit: RegisteredUnit
  /// All entries, oldest first (undated last).
  public var entries: [Entry]
  /// False when more documents matched the unit's names than one search
  /// returns (`SearchRequest.maxWindow`, 10,000): the timeline then holds
  /// the best-ranked of them only.
  public var isComplete = true

  /// Entries grouped by type: petitions, findings (briefings), rectification reports, then others.
  public var byType: [(type: String, entries: [Entry])] {
    let order = ["petition", "briefing", "rectification"]
    var types = Array(Set(entries.map(\.type)))
    types.sort { a, b in
      let ia = order.firstIndex(of: a) ?? order.count
      let ib = order.firstIndex(of: b) ?? order.count
      return ia != ib ? ia < ib : a < b
    }
    return types.map { type in (type, entries.filter { $0.type == type }) }
  }
}
