import QueryEngine

/// One unit (单位) of the registry: a company, farm, site or department.
public struct RegisteredUnit: Hashable, Sendable {
  /// The full registered name, e.g. 益阳市金源造纸有限公司.
  public var name: String
  /// Short and colloquial names (金源纸厂, 金源那个纸厂), Traditional spellings included.
  public var aliases: [String]
  /// The district or county, e.g. 资阳区.
  public var region: String
  /// What kind of unit it is, e.g. 造纸企业.
  public var kind: String

  /// A unit with its full name, aliases (kept as given), region and kind.
  public init(name: String, aliases: [String], region: String, kind: String) {
    self.name = name
    self.aliases = aliases
    self.region = region
    self.kind = kind
  }

  /// The full name followed by the aliases.
  public var allNames: [String] { [name] + aliases }
}

/// The units named in the documents, with their short and colloquial names.
///
/// Read from `corpus/units.txt`, one unit a line:
/// `full name | aliases separated by 、 | region | kind`. Users extend the
/// file; nothing is compiled in. A name resolves to its unit whether it is the
/// full name or any alias, so a short name finds the full name and back:
/// `synonymGroups` turns each unit into an equivalence group for query
/// expansion, and `resolve(_:)` / `mentions(in:)` map document text to units.
///
/// When two units share an alias (a generic word such as 搅拌站), the alias
/// resolves to the unit listed first, and `ambiguousAliases` names it.
public struct UnitRegistry: Sendable {
  /// The units in the order given (file order); an alias two units share resolves to the earlier.
  public let units: [RegisteredUnit]
  /// Aliases written under more than one unit; each resolves to its first unit.
  public let ambiguousAliases: Set<String>
  private let matcher: NameMatcher

  /// Parses the text of a registry file; `source` names it in errors.
  ///
  /// - Throws: `InsightsError` for a line without the full name, with more
  ///   than four fields, or repeating a full name of an earlier line.
  public init(text: String, source: String = "units.txt") throws {
    var units: [RegisteredUnit] = []
    var fullNames: Set<String> = []
    for record in RegistryText.records(text) {
      let fields = record.fields
      guard fields.count <= 4 else {
        throw InsightsError(source: source, line: record.line,
                            message: "\(fields.count) fields; expected full name | aliases | region | kind")
      }
      let name = fields[0]
      guard !name.isEmpty else {
        throw InsightsError(source: source, line: record.line, message: "the full name (first field) is empty")
      }
      guard fullNames.insert(name).inserted else {
        throw InsightsError(source: source, line: record.line, message: "unit '\(name)' is listed twice")
      }
      let aliases = fields.count > 1 ? RegistryText.names(fields[1]).filter { $0 != name } : []
      units.append(RegisteredUnit(name: name, aliases: aliases, region: fields.count > 2 ? fields[2] : "",
                                  kind: fields.count > 3 ? fields[3] : ""))
    }
    self.init(units: units)
  }

  /// A registry of the given units, in order (earlier units win shared aliases).
  public init(units: [RegisteredUnit]) {
    self.units = units
    var owner: [String: Int] = [:]
    var ambiguous: Set<String> = []
    var names: [(name: String, payload: Int)] = []
    for (index, unit) in units.enumerated() {
      for name in unit.allNames {
        if let first = owner[name] {
          if first != index { ambiguous.insert(name) }
          continue
        }
        owner[name] = index
        names.append((name, index))
      }
    }
    ambiguousAliases = ambiguous
    matcher = NameMatcher(names)
  }

  /// Reads `corpus/units.txt` or another registry file.
  public static func load(path: String) throws -> UnitRegistry {
    try UnitRegistry(text: try RegistryText.read(path: path), source: path)
  }

  /// No units.
  public static let empty = UnitRegistry(units: [])

  /// The unit a name stands for (full name or alias, full-width and case folded).
  public func resolve(_ name: String) -> RegisteredUnit? {
    matcher.payload(ofWhole: RegistryText.trimmed(name)).map { units[$0] }
  }

  /// The index in `units` of the unit a name stands for.
  func index(of name: String) -> Int? { matcher.payload(ofWhole: RegistryText.trimmed(name)) }

  /// The units named in text, each once, in order of first appearance.
  public func mentions(in text: String) -> [RegisteredUnit] {
    mentionIndexes(inFolded: NameMatcher.folded(text)).map { units[$0] }
  }

  /// Indexes of the units named in folded text, each once, in order of first appearance.
  func mentionIndexes(inFolded text: [UInt32]) -> [Int] {
    var seen: Set<Int> = []
    return matcher.matches(inFolded: text).map(\.payload).filter { seen.insert($0).inserted }
  }

  /// Each unit as an equivalence group (full name and aliases), for query expansion.
  public var synonymGroups: [SynonymGroup] {
    units.enumerated().compactMap { index, unit in
      let members = unit.allNames.filter { !ambiguousAliases.contains($0) || self.index(of: $0) == index }
      return members.count >= 2 ? SynonymGroup(kind: .equivalence, members: members, line: index + 1) : nil
    }
  }

  /// A synonym map holding the groups of `base` and one equivalence group per unit.
  ///
  /// Built through the synonym file format, so unit names get exactly the
  /// lookup forms a synonym file would give them.
  public func synonymMap(merging base: SynonymMap,
                         normalize: @escaping @Sendable (String) -> String) throws -> SynonymMap {
    var lines: [String] = []
    for group in base.groups {
      let left = group.members.joined(separator: "、")
      lines.append(group.kind == .oneWay ? left + " => " + group.targets.joined(separator: "、") : left)
    }
    for group in synonymGroups where !group.members.contains(where: Self.breaksSynonymLine) {
      lines.append(group.members.joined(separator: "、"))
    }
    return try SynonymMap(text: lines.joined(separator: "\n"), source: "synonyms + units", normalize: normalize)
  }

  /// Whether a name holds a character the synonym line format reads as syntax.
  private static func breaksSynonymLine(_ name: String) -> Bool {
    name.contains { ",，、#＃".contains($0) } || name.contains("=>") || name.contains("＝＞")
  }
}
