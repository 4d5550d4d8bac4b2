import Foundation
import IndexStore
import QueryEngine

/// An open index plus the query-time files (synonyms), ready to search.
struct QuerySession {
  let reader: IndexReader
  let searcher: Searcher

  init(indexPath: String, synonymsPath: String?, useSynonyms: Bool) throws {
    reader = try IndexReader.open(path: indexPath)
    var searcher = Searcher(reader: reader)
    if useSynonyms {
      let path = synonymsPath
        ?? (FileManager.default.fileExists(atPath: IndexLocation.defaultSynonyms) ? IndexLocation.defaultSynonyms : nil)
      if let path {
        searcher.synonyms = try SynonymLoading.load(path: path, analyzer: reader.analyzer)
      }
    } else {
      searcher.options.expandSynonyms = false
    }
    self.searcher = searcher
  }
}
