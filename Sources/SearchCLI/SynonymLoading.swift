import QueryEngine
import TextAnalysis

/// Loads the synonym file with the index's analyzer as its normalizer, so a
/// member matches exactly the terms the index holds (ＣＯＤ, COD and cod alike),
/// and prints its warnings (groups the normalizer left ignored) on stderr.
enum SynonymLoading {
  static func load(path: String, analyzer: Analyzer) throws -> SynonymMap {
    let synonyms = try SynonymMap.load(path: path, analyzer: analyzer)
    for warning in synonyms.warnings { Terminal.note("warning: \(warning)") }
    return synonyms
  }
}
