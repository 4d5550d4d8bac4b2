/// The thresholds of recurring-complaint grouping (docs/WORKFLOWS.md explains each).
///
/// Petitions are first blocked by what they are about: the registered unit
/// (from the unit field, else the first unit name in the complaint), or the
/// unit field as written, or — with no unit at all — the place (town, else
/// region); always together with the pollution category. Inside a block, two
/// petitions join one issue when any of these holds:
///
/// 1. a rectification report cites both (受理编号);
/// 2. their complaint texts are near duplicates: estimated Jaccard similarity
///    of character 3-gram shingles ≥ `nearDuplicateSimilarity`, dated at most
///    `nearDuplicateWindowDays` apart;
/// 3. the later one says the problem was raised before or came back
///    (`followUpCues`) and either a report on the block dated at most
///    `afterReportWindowDays` earlier cites the other, or the other is the
///    latest earlier petition of the block at most `followUpWindowDays`
///    earlier that already belongs to an issue (else the latest at all).
public struct RecurringOptions: Hashable, Sendable {
  /// Groups smaller than this are not reported.
  public var minimumSize = 3
  /// Estimated Jaccard similarity of complaint shingles that makes two petitions near duplicates.
  public var nearDuplicateSimilarity = 0.5
  /// Near duplicates further apart than this many days are not joined.
  public var nearDuplicateWindowDays = 365
  /// A follow-up joins the latest earlier petition of its block at most this many days older.
  public var followUpWindowDays = 180
  /// A follow-up joins the issue of a report on its unit at most this many days older.
  public var afterReportWindowDays = 365
  /// MinHash shingling and banding.
  public var hasher = MinHasher()
  /// Words of a complaint saying it was raised before or came back after a fix.
  public var followUpCues = ["反映过", "反映好几年", "再次反映", "又开始", "又出现", "反弹", "恢复原样",
                             "没有改好", "整改到位了", "督察组来过", "老问题", "仍未解决", "一直没有解决"]
  /// Words of a rectification report saying the problem is fixed.
  public var fixedCues = ["已完成整改", "已整改到位", "销号"]

  /// The defaults of docs/WORKFLOWS.md: issues of at least 3 petitions, near duplicates at a similarity of 0.5
  /// within 365 days, follow-ups within 180 days of a petition or 365 of a report, 8 bands of 4 rows over 3-grams.
  public init() {}
}
