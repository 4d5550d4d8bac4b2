import Ingest

/// One recurring issue: petitions about the same problem at the same unit or place.
public struct ComplaintGroup: Hashable, Sendable {
  /// One petition of the group.
  public struct Member: Hashable, Sendable {
    public var id: String
    public var date: Day?
    public var title: String
    /// The unit field as written in the petition.
    public var unit: String
  }

  /// The rectification report that said the problem was fixed.
  public struct FixReport: Hashable, Sendable {
    public var id: String
    public var date: Day?
  }

  /// The registered unit name (or the unit field as written); nil for a place-only issue.
  public var unit: String?
  /// The town named in the complaints, else the region.
  public var place: String
  public var region: String
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

  public var size: Int { members.count }
  public var first: Day? { members.compactMap(\.date).min() }
  public var last: Day? { members.compactMap(\.date).max() }
  /// Whether petitions arrived after a report said the problem was fixed.
  public var cameBack: Bool { !petitionsAfterFix.isEmpty }
  public var memberIDs: [String] { members.map(\.id) }

  struct MonthCount: Hashable, Sendable {
    var month: String
    var count: Int
  }
}

/// The groups `RecurringComplaintFinder` found, largest and most recent first.
public struct RecurringComplaints: Sendable {
  public var groups: [ComplaintGroup]
  /// Petitions in scope (after filters and the query).
  public var petitionsConsidered: Int
  /// Rectification reports read for citations and fix dates.
  public var reportsConsidered: Int
}
