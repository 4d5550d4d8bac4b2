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
       partial: PartialIndexOption = PartialIndexOption(), threads: Int? = nil) throws
  {
    reader = try IndexReader.open(path: indexPath, skippingDamagedSegments: partial.allowPartial)
    for skipped in reader.skippedSegments {
      Terminal.note(Terminal.safe("warning: segment \(skipped.name) left out (--allow-partial), its "
                                    + "\(skipped.documentCount) documents missing from every answer: \(skipped.reason)"))
    }
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

  /// Ends a command that answered from part of the index with exit status 2,
  /// after its output (the warnings were printed when the index was opened).
  func exitIfPartial() throws {
    if !reader.skippedSegments.isEmpty { throw exitPartial }
  }
}
