import Ingest

/// One recurring issue: petitions about the same problem at the same unit or place.
public struct ComplaintGroup: Hashable, Sendable {
  /// One petition of the group.
  public struct Member: Hashable, Sendable {
    /// The petition's document id.
    public var id: String
    /// The petition's date; nil when undated.
    public var date: Day?
    /// The petition's title.
    public var title: String
    /// The unit field as written in the petition.
    public var unit: String
  }

  /// The rectification report that said the problem was fixed.
  public struct FixReport: Hashable, Sendable {
    /// The report's document id.
    public var id: String
    /// The report's date (set: undated reports are never taken as the fix).
    public var date: Day?
  }

  /// The registered unit name (or the unit field as written); nil for a place-only issue.
  public var unit: String?
  /// The town named in the complaints, else the region.
  public var place: String
  /// The members' most common region, in the analyzer's normalized form; empty when none has one.
  public var region: String
  /// The members' most common pollution category, in the analyzer's normalized form; empty when none has one.
  public var category: String
  /// Members by date, oldest first.
  public var members: [Member]
  /// Petitions per month ("2020-09"), in calendar order.
  public var months: [(month: String, count: Int)] { monthCounts.map { ($0.month, $0.count) } }
  var monthCounts: [MonthCount]
  /// The first report on the unit saying it was fixed that petitions came after, if any.
  public var fixReport: FixReport?
  /// Members dated after `fixReport`: the complaints that came back.
  public var petitionsAfterFix: [String]

  /// The number of member petitions.
  public var size: Int { members.count }
  /// The earliest member date; nil when no member is dated.
  public var first: Day? { members.compactMap(\.date).min() }
  /// The latest member date; nil when no member is dated.
  public var last: Day? { members.compactMap(\.date).max() }
  /// Whether petitions arrived after a report said the problem was fixed.
  public var cameBack: Bool { !petitionsAfterFix.isEmpty }
  /// The members' document ids, in the order of `members`.
  public var memberIDs: [String] { members.map(\.id) }

  struct MonthCount: Hashable, Sendable {
    var month: String
    var count: Int
  }
}

/// The groups `RecurringComplaintFinder` found, largest and most recent first.
public struct RecurringComplaints: Sendable {
  /// The issues of at least `RecurringOptions.minimumSize` petitions: largest first, then latest petition first.
  public var groups: [ComplaintGroup]
  /// Petitions in scope (after filters and the query).
  public var petitionsConsidered: Int
  /// Rectification reports read for citations and fix dates.
  public var reportsConsidered: Int
  /// False when the scope's query matched more petitions than one search
  /// returns (`SearchRequest.maxWindow`, 10,000): only the best-ranked of
  /// them were grouped.
  public var isComplete = true
}
