import Foundation
import IndexStore
import Insights
import QueryEngine

/// An open index plus the query-time files (synonyms, units, regions), ready
/// to search.
struct QuerySession {
  let reader: IndexReader
  /// The searcher with unit aliases and region roll-up wired in.
  let workbench: Workbench
  var searcher: Searcher { workbench.searcher }

  init(indexPath: String, synonymsPath: String?, useSynonyms: Bool, knowledge: KnowledgeFiles = KnowledgeFiles(),
       threads: Int? = nil) throws
  {
    reader = try IndexReader.open(path: indexPath)
    var searcher = Searcher(reader: reader)
    if let threads { searcher.threads = threads }
    if useSynonyms {
      let path = synonymsPath
        ?? (FileManager.default.fileExists(atPath: IndexLocation.defaultSynonyms) ? IndexLocation.defaultSynonyms : nil)
      if let path {
        searcher.synonyms = try SynonymLoading.load(path: path, analyzer: reader.analyzer)
      }
    } else {
      searcher.options.expandSynonyms = false
    }
    // Unit aliases (corpus/units.txt) join the synonyms and a region filter
    // includes its towns (corpus/regions.txt), when those files are present.
    workbench = try Workbench(searcher: searcher, unitsPath: knowledge.units, regionsPath: knowledge.regions)
  }
}
