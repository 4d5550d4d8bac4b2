import IndexStore
import Ingest
import QueryEngine

/// Groups petitions about the same problem at the same unit or place into
/// issues, and flags the issues that came back after a report said "fixed".
///
/// Citizens write about one problem in different words, months apart, under
/// the unit's full name, a short name or a nickname. The finder reads every
/// petition in scope once, in parallel chunks (type, date and region are
/// checked on the index columns before a stored document is decoded), resolves its unit through
/// the `UnitRegistry`, and joins petitions by the rules of `RecurringOptions`:
/// report citations, MinHash near duplicates and follow-up cues.
public struct RecurringComplaintFinder: Sendable {
  /// Resolves each petition's unit, from its unit field or else the names in its complaint.
  public var units: UnitRegistry
  /// Finds the town a complaint names, and widens `Scope.region` to the regions below it.
  public var regions: RegionHierarchy
  /// The grouping thresholds and cue words.
  public var options: RecurringOptions

  /// A finder using `units`, `regions` (none by default) and `options` (the defaults of docs/WORKFLOWS.md).
  public init(units: UnitRegistry, regions: RegionHierarchy = .empty, options: RecurringOptions = RecurringOptions()) {
    self.units = units
    self.regions = regions
    self.options = options
  }

  /// What to group: a document type, dates, a region (with its towns) and optionally a query.
  public struct Scope: Hashable, Sendable {
    /// The type of the documents grouped; rectification reports are read whatever it is.
    public var type = "petition"
    /// The earliest date, inclusive; with `from` or `to` set, undated documents are left out.
    public var from: Day?
    /// The latest date, inclusive.
    public var to: Day?
    /// Only documents whose stored region is this one or below it in `regions`, or one the searcher's
    /// `regionExpansion` accepts for it.
    public var region: String?
    /// When set, only petitions matching it (at most `SearchRequest.maxWindow` of them, the best-ranked;
    /// `RecurringComplaints.isComplete` says whether more matched).
    public var query: Query?
    /// A scope of `type` documents (petitions by default), restricted only as given.
    public init(type: String = "petition", from: Day? = nil, to: Day? = nil, region: String? = nil,
                query: Query? = nil) {
      self.type = type
      self.from = from
      self.to = to
      self.region = region
      self.query = query
    }
  }

  /// Finds the recurring issues of the index behind `searcher`.
  ///
  /// - Throws: `IndexError` for a damaged index; `SearchError`/`QueryError` from the query.
  public func find(in searcher: Searcher, scope: Scope = Scope()) throws -> RecurringComplaints {
    let reader = searcher.reader
    var allowed: Set<String>?
    var complete = true
    if let query = scope.query {
      var request = SearchRequest(query: query)
      request.filters = [.type(scope.type)]
      request.limit = SearchRequest.maxWindow
      request.snippets = false
      // Counted one past the window, so that exactly 10,000 matches is complete.
      request.totalHitsThreshold = SearchRequest.maxWindow + 1
      let found = try searcher.search(request)
      allowed = Set(found.hits.map(\.id))
      complete = found.totalHits <= found.hits.count && found.totalHitsRelation == .equalTo
    }
    let analyzer = reader.analyzer
    let scan = ComplaintScan(type: scope.type, fromDays: scope.from.map { $0.daysSinceEpoch },
                             toDays: scope.to.map { $0.daysSinceEpoch },
                             regions: scope.region.map { regions.expansion(of: $0).union(searcher.regionExpansion($0)) },
                             allowedIDs: allowed)
    let (petitions, reports) = try scan.run(reader) {
      ComplaintExtractor(units: units, regions: regions, options: options,
                         normalize: { analyzer.tokens($0).map(\.text).joined() })
    }
    let groups = group(petitions, reports: reports)
    var result = RecurringComplaints(groups: groups, petitionsConsidered: petitions.count,
                                     reportsConsidered: reports.count)
    result.isComplete = complete
    return result
  }

  /// Joins records into issues and describes the issues of at least `minimumSize`.
  func group(_ petitions: [ComplaintRecord], reports: [ReportRecord]) -> [ComplaintGroup] {
    var sets = DisjointSet(count: petitions.count)
    var indexOfID: [String: Int] = [:]
    for (index, petition) in petitions.enumerated() { indexOfID[petition.id] = index }

    // 1. Petitions one report cites belong together.
    var reportsByBlock: [String: [(days: Int, anchor: Int)]] = [:]
    for report in reports {
      let cited = report.cited.compactMap { indexOfID[$0] }
      for index in cited.dropFirst() { sets.union(cited[0], index) }
      if let anchor = cited.first { reportsByBlock[petitions[anchor].block, default: []].append((report.days, anchor)) }
    }

    // 2. Near duplicates inside a block, within the window.
    let hasher = options.hasher
    var blockNumbers: [String: Int] = [:]
    let blockOf = petitions.map { petition in
      if let known = blockNumbers[petition.block] { return known }
      blockNumbers[petition.block] = blockNumbers.count
      return blockNumbers.count - 1
    }
    for pair in hasher.candidatePairs(petitions.map(\.signature), partitions: blockOf) {
      let a = petitions[pair.first]
      let b = petitions[pair.second]
      guard blockOf[pair.first] == blockOf[pair.second], a.days != Int.min, b.days != Int.min,
            abs(a.days - b.days) <= options.nearDuplicateWindowDays,
            hasher.similarity(a.signature, b.signature) >= options.nearDuplicateSimilarity
      else { continue }
      sets.union(pair.first, pair.second)
    }

    // 3. Follow-ups join the issue of a recent report, else the latest earlier petition.
    var blocks: [String: [Int]] = [:]
    for (index, petition) in petitions.enumerated() where petition.days != Int.min {
      blocks[petition.block, default: []].append(index)
    }
    for (block, var members) in blocks {
      members.sort { petitions[$0].days != petitions[$1].days ? petitions[$0].days < petitions[$1].days : $0 < $1 }
      for (position, index) in members.enumerated() where petitions[index].isFollowUp {
        let days = petitions[index].days
        let recent = (reportsByBlock[block] ?? []).filter {
          $0.days != Int.min && $0.days < days && days - $0.days <= options.afterReportWindowDays
        }
        if let report = recent.max(by: { $0.days < $1.days }) {
          sets.union(index, report.anchor)
        } else {
          // The latest earlier petition in the window, preferring one already part of an issue.
          let earlier = members[..<position].reversed().prefix { days - petitions[$0].days <= options.followUpWindowDays }
          if let target = earlier.first(where: { sets.count(of: $0) > 1 }) ?? earlier.first {
            sets.union(index, target)
          }
        }
      }
    }

    var byRoot: [Int: [Int]] = [:]
    for index in petitions.indices { byRoot[sets.find(index), default: []].append(index) }
    let fixed = FixedReports(reports.filter(\.saysFixed))
    var groups = byRoot.values.filter { $0.count >= options.minimumSize }.map {
      describe($0.map { petitions[$0] }, fixedReports: fixed)
    }
    groups.sort { a, b in
      if a.size != b.size { return a.size > b.size }
      let la = a.last?.daysSinceEpoch ?? Int32.min
      let lb = b.last?.daysSinceEpoch ?? Int32.min
      if la != lb { return la > lb }
      return (a.members.first?.id ?? "") < (b.members.first?.id ?? "")
    }
    return groups
  }

  /// The summary of one issue: unit, place, category, months, and whether it came back.
  func describe(_ records: [ComplaintRecord], fixedReports: FixedReports) -> ComplaintGroup {
    let sorted = records.sorted { $0.days != $1.days ? $0.days < $1.days : $0.id < $1.id }
    func mostCommon(_ values: [String]) -> String {
      var counts: [String: Int] = [:]
      for value in values where !value.isEmpty { counts[value, default: 0] += 1 }
      return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
    }
    let unit = mostCommon(sorted.compactMap(\.unitLabel))
    var months: [String: Int] = [:]
    for record in sorted { if let date = record.date { months[date.monthKey, default: 0] += 1 } }
    var group = ComplaintGroup(
      unit: unit.isEmpty ? nil : unit, place: mostCommon(sorted.map(\.place)), region: mostCommon(sorted.map(\.region)),
      category: mostCommon(sorted.map(\.category)),
      members: sorted.map { .init(id: $0.id, date: $0.date, title: $0.title, unit: $0.unitField) },
      monthCounts: months.sorted { $0.key < $1.key }.map { .init(month: $0.key, count: $0.value) },
      fixReport: nil, petitionsAfterFix: [])

    // The fix: a report saying "fixed" that cites a member, else one on the same
    // unit dated inside the span; the earliest that petitions came after.
    let unitBlocks = Set(sorted.map { $0.block.split(separator: "|").first.map(String.init) ?? "" })
    let first = sorted.first?.days ?? Int.min
    let last = sorted.last?.days ?? Int.min
    let dayOf = Dictionary(sorted.map { ($0.id, $0.days) }, uniquingKeysWith: { a, _ in a })
    // A report answers the petitions it cites, so it is dated after them; one
    // dated before a petition it cites says nothing about that petition's fix.
    var seen: Set<Int> = []
    let citing = sorted.flatMap { fixedReports.citing[$0.id] ?? [] }.filter { seen.insert($0).inserted }
      .map { fixedReports.reports[$0] }.filter { report in
        let cited = report.cited.compactMap { dayOf[$0] }
        return !cited.isEmpty && cited.allSatisfy { $0 <= report.days }
      }
    let candidates = citing.isEmpty
      ? unitBlocks.flatMap { fixedReports.onUnit[$0] ?? [] }.map { fixedReports.reports[$0] }
        .filter { $0.days > first && $0.days < last }
      : citing
    for report in candidates.sorted(by: { $0.days < $1.days }) where report.days != Int.min {
      let after = sorted.filter { $0.days > report.days }.map(\.id)
      if !after.isEmpty {
        group.fixReport = .init(id: report.id, date: report.date)
        group.petitionsAfterFix = after
        break
      }
    }
    return group
  }
}

/// Reports that said "fixed", indexed by the case numbers they cite and by unit.
struct FixedReports {
  let reports: [ReportRecord]
  /// Case number to the reports citing it.
  let citing: [String: [Int]]
  /// Unit block to the reports on that unit.
  let onUnit: [String: [Int]]

  init(_ reports: [ReportRecord]) {
    self.reports = reports
    var citing: [String: [Int]] = [:]
    var onUnit: [String: [Int]] = [:]
    for (index, report) in reports.enumerated() {
      for number in report.cited { citing[number, default: []].append(index) }
      onUnit[report.unitBlock, default: []].append(index)
    }
    self.citing = citing
    self.onUnit = onUnit
  }
}
