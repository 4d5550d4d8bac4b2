import Foundation
import IndexStore
import Ingest
import QueryEngine
import TextAnalysis
import Insights

/// The repository's sample corpus indexed once into a temporary directory,
/// with its ground truth (Tests/Fixtures/corpus-truth.json).
enum SampleCorpus {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static var corpus: String { repository.appendingPathComponent("corpus").path }

  /// One known recurring issue.
  struct KnownGroup: Decodable {
    var unit: String
    var region: String
    var category: String
    var petitions: [String]
    var rectification: String
    var fixed_on: String
    var petitions_after: [String]
  }

  struct Truth: Decodable {
    var documents: Int
    var recurring_complaints: [KnownGroup]
    var unit_mentions: [String: [String]]
  }

  static func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("insights-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// Built once per test process; tests share the read-only index.
  static let built: Result<(IndexReader, Truth), Error> = Result {
    let path = try temporaryDirectory() + "/index"
    let analyzer = Analyzer(lexicon: try Lexicon.load(path: corpus + "/lexicon.txt"))
    let writer = try IndexWriter(path: path, analyzer: analyzer, rebuild: true)
    _ = try BatchIndexer().run(paths: [corpus], writer: writer)
    writer.close()
    let data = try Data(contentsOf: repository.appendingPathComponent("Tests/Fixtures/corpus-truth.json"))
    return (try IndexReader.open(path: path), try JSONDecoder().decode(Truth.self, from: data))
  }

  static func reader() throws -> IndexReader { try built.get().0 }
  static func truth() throws -> Truth { try built.get().1 }

  static func units() throws -> UnitRegistry { try UnitRegistry.load(path: corpus + "/units.txt") }
  static func regions() throws -> RegionHierarchy { try RegionHierarchy.load(path: corpus + "/regions.txt") }

  /// A searcher with synonyms merged with unit aliases and the region hierarchy.
  static func searcher() throws -> Searcher {
    let reader = try reader()
    var searcher = Searcher(reader: reader)
    let analyzer = reader.analyzer
    let normalize: @Sendable (String) -> String = { analyzer.tokens($0).map(\.text).joined() }
    let base = try SynonymMap.load(path: corpus + "/synonyms.txt", normalize: normalize)
    searcher.synonyms = try units().synonymMap(merging: base, normalize: normalize)
    searcher.regionExpansion = try regions().searcherExpansion
    return searcher
  }
}
