import Foundation
import IndexStore
import QueryEngine
import TextAnalysis

/// A searcher made aware of the unit registry and the region hierarchy.
///
/// Unit names become synonym groups (a short name finds the full name and
/// back) merged into the searcher's synonyms, and a region filter accepts
/// the towns below the region and the index's other spellings of them. The analyst commands (`search recurring`,
/// `unit`, `similar`, `trends`) and `search query` share this setup.
public struct Workbench: Sendable {
  /// The searcher given, with the units' synonym groups merged in (when synonyms are on and there are units)
  /// and `regionExpansion` set.
  public var searcher: Searcher
  /// The unit registry read; empty when no path was given and the default file is missing.
  public var units: UnitRegistry
  /// The region hierarchy read; empty when no path was given and the default file is missing.
  public var regions: RegionHierarchy

  /// The unit registry shipped with the sample corpus, used when present.
  public static let defaultUnitsPath = "corpus/units.txt"
  /// The region hierarchy shipped with the sample corpus, used when present.
  public static let defaultRegionsPath = "corpus/regions.txt"

  /// Loads the registry and hierarchy and wires them into `searcher`.
  ///
  /// A path given explicitly must exist; a nil path means the default file
  /// when it exists, and nothing otherwise.
  ///
  /// - Throws: `InsightsError` for an unreadable or malformed file;
  ///   `SynonymError` if a unit name cannot join the synonym groups.
  public init(searcher: Searcher, unitsPath: String? = nil, regionsPath: String? = nil) throws {
    func chosen(_ path: String?, _ fallback: String) -> String? {
      path ?? (FileManager.default.fileExists(atPath: fallback) ? fallback : nil)
    }
    units = try chosen(unitsPath, Self.defaultUnitsPath).map { try UnitRegistry.load(path: $0) } ?? .empty
    regions = try chosen(regionsPath, Self.defaultRegionsPath).map { try RegionHierarchy.load(path: $0) } ?? .empty
    var searcher = searcher
    if searcher.options.expandSynonyms && !units.units.isEmpty {
      let analyzer = searcher.reader.analyzer
      searcher.synonyms = try units.synonymMap(merging: searcher.synonyms,
                                               normalize: { analyzer.tokens($0).map(\.text).joined() })
    }
    searcher.regionExpansion = Self.regionExpansion(regions, reader: searcher.reader)
    self.searcher = searcher
  }

  /// A region filter's accepted values: the region, the regions below it, and
  /// every spelling of those the index holds (資陽區 for 资阳区).
  ///
  /// The index's distinct region values are few; each is normalized once
  /// (`Analyzer.normalizedText`: NFKC, Traditional to Simplified, as facets
  /// and filters compare values) when the workbench is made.
  static func regionExpansion(_ regions: RegionHierarchy, reader: IndexReader) -> @Sendable (String) -> Set<String> {
    let normalize: @Sendable (String) -> String = { text in
      let form = Analyzer.normalizedText(text)
      return form.isEmpty ? text : form
    }
    var spellings: [String: Set<String>] = [:]
    var seen: Set<String> = []
    for segment in reader.segments {
      for value in segment.column(.region).values where seen.insert(value).inserted {
        let form = normalize(value)
        if form != value { spellings[form, default: []].insert(value) }
      }
    }
    let variants = spellings
    return { region in
      var accepted = regions.expansion(of: region)
      let form = normalize(region)
      if form != region { accepted.formUnion(regions.expansion(of: form)) }
      for name in accepted { accepted.formUnion(variants[name] ?? []) }
      return accepted
    }
  }
}
