import IndexStore
import TextAnalysis
import Ingest

/// What grouping needs of one petition, extracted in one cheap pass.
struct ComplaintRecord: Sendable {
  var id: String
  var title: String
  var unitField: String
  var date: Day?
  /// Days since 1970, `Int.min` when undated (never within a window).
  var days: Int
  var region: String
  var place: String
  /// The registered unit's name, else the unit field as written; nil with no unit.
  var unitLabel: String?
  var category: String
  /// Unit (or place) and category: petitions are only joined inside one block.
  var block: String
  var signature: [UInt64]
  var isFollowUp: Bool
}

/// What grouping needs of one rectification report.
struct ReportRecord: Sendable {
  var id: String
  var date: Day?
  var days: Int
  var block: String
  var unitBlock: String
  var cited: [String]
  var saysFixed: Bool
}

/// Turns stored documents into records: unit resolution, place, complaint shingles, cues.
///
/// Character-level work only (scalar folding, a multi-name scan, shingles);
/// ICU runs once per distinct category or unknown unit string, to fold
/// Traditional spellings (大氣 → 大气), and the results are cached.
struct ComplaintExtractor: Sendable {
  let units: UnitRegistry
  let regions: RegionHierarchy
  let options: RecurringOptions
  let normalize: @Sendable (String) -> String
  private var labels: [String: String] = [:]
  private let followUpCues: NameMatcher
  private let fixedCues: NameMatcher

  init(units: UnitRegistry, regions: RegionHierarchy, options: RecurringOptions,
       normalize: @escaping @Sendable (String) -> String) {
    self.units = units
    self.regions = regions
    self.options = options
    self.normalize = normalize
    followUpCues = NameMatcher(options.followUpCues.map { ($0, 0) })
    fixedCues = NameMatcher(options.fixedCues.map { ($0, 0) })
  }

  /// A category or unit string in its normalized form (cached).
  mutating func label(_ text: String) -> String {
    if let known = labels[text] { return known }
    let value = text.isEmpty ? "" : normalize(text)
    labels[text] = value.isEmpty ? text : value
    return labels[text] ?? text
  }

  /// The unit a document is about: its unit field (registered name or alias,
  /// else as written), and only for an empty field the first unit its text names.
  ///
  /// A filled-in field wins over the text because registries hold generic
  /// aliases (屠宰场, 水泥厂) that other, unregistered units' texts contain.
  mutating func unitKey(field: String, folded text: [UInt32]) -> (label: String?, key: String?) {
    if !field.isEmpty {
      if let unit = units.resolve(field) ?? units.resolve(label(field)) { return (unit.name, "u:" + unit.name) }
      let written = label(field)
      return (written, "n:" + written)
    }
    if let first = units.mentionIndexes(inFolded: text).first {
      let name = units.units[first].name
      return (name, "u:" + name)
    }
    return (nil, nil)
  }

  mutating func petition(_ document: Document) -> ComplaintRecord {
    let complaint = Self.complaint(of: document.body)
    let foldedTitle = NameMatcher.folded(document.title)
    let unit = unitKey(field: document.unit, folded: complaint.isEmpty ? foldedTitle : complaint)
    let region = label(document.region)
    var place = region
    if let town = regions.deepestPlace(inFolded: complaint),
       region.isEmpty || regions.contains(region, town) || regions.contains(document.region, town) {
      place = town
    }
    let category = label(document.category)
    let block = (unit.key ?? ("p:" + place)) + "|" + category
    return ComplaintRecord(
      id: document.id, title: document.title, unitField: document.unit, date: document.date,
      days: document.date.map { Int($0.daysSinceEpoch) } ?? Int.min, region: region, place: place,
      unitLabel: unit.label, category: category, block: block,
      signature: options.hasher.signature(ofFolded: complaint),
      isFollowUp: !followUpCues.matches(inFolded: complaint).isEmpty)
  }

  mutating func report(_ document: Document) -> ReportRecord {
    let body = NameMatcher.folded(document.body)
    let unit = unitKey(field: document.unit, folded: body)
    let category = label(document.category)
    let unitBlock = unit.key ?? ("p:" + label(document.region))
    let titleAndBody = NameMatcher.folded(document.title) + body
    return ReportRecord(
      id: document.id, date: document.date, days: document.date.map { Int($0.daysSinceEpoch) } ?? Int.min,
      block: unitBlock + "|" + category, unitBlock: unitBlock, cited: CaseNumbers.find(in: document.body),
      saysFixed: !fixedCues.matches(inFolded: titleAndBody).isEmpty)
  }

  /// The citizen's words: the body up to the first 【 heading (the official
  /// investigation and handling that follow are formulaic), at most 2000 scalars.
  static func complaint(of body: String) -> [UInt32] {
    var result: [UInt32] = []
    let table = CharacterTable.shared
    for scalar in body.unicodeScalars {
      if scalar.value == 0x3010 && !result.isEmpty { break }
      result.append(NameMatcher.fold(scalar.value, table))
      if result.count >= 2000 { break }
    }
    return result
  }
}
