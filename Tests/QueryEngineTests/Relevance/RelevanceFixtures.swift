import Foundation
import Insights
import IndexStore
import QueryEngine
import TextAnalysis

/// The sample corpus indexed into a temporary directory, as `search index
/// build` indexes it: the shipped lexicon, every file of corpus/, one commit.
enum RelevanceFixtures {
  /// The repository root, found from this file's path
  /// (Tests/QueryEngineTests/Relevance/…).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static let corpus = root.appendingPathComponent("corpus")

  /// Indexes corpus/ and returns a searcher over it (synonyms of
  /// corpus/synonyms.txt when `synonyms`), and the temporary folder to remove.
  static func searcher(synonyms: Bool) throws -> (Searcher, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relevance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let indexPath = folder.appendingPathComponent("index").path
    let analyzer = Analyzer(lexicon: try Lexicon.load(path: corpus.appendingPathComponent("lexicon.txt").path))
    let writer = try IndexWriter(path: indexPath, analyzer: analyzer, rebuild: true)
    let report = try BatchIndexer().run(paths: [corpus.path], writer: writer)
    writer.close()
    guard report.added == 497 else {
      throw RelevanceFixtureError(message: "indexed \(report.added) documents of corpus/, expected 497")
    }
    let reader = try IndexReader.open(path: indexPath)
    var searcher = Searcher(reader: reader)
    if synonyms {
      searcher.synonyms = try SynonymMap.load(
        path: corpus.appendingPathComponent("synonyms.txt").path,
        normalize: { analyzer.tokens($0).map(\.text).joined() })
    } else {
      searcher.options.expandSynonyms = false
    }
    // As the CLI does: unit aliases join the synonyms (when expansion is on)
    // and regions roll up.
    let workbench = try Workbench(searcher: searcher, unitsPath: corpus.appendingPathComponent("units.txt").path,
                                  regionsPath: corpus.appendingPathComponent("regions.txt").path)
    return (workbench.searcher, folder)
  }
}
