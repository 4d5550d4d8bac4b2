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

  /// Runs a searching command: builds the default index if it is missing,
  /// opens the session, runs `body` with it and a stopwatch started before
  /// the opening, errors turned into messages and exit codes
  /// (`Failure.guarded`); after the output, exit status 2 when damaged
  /// segments were left out (their warnings were printed at the opening).
  static func run(_ location: IndexLocation, synonymsPath: String? = nil, useSynonyms: Bool = true,
                  knowledge: KnowledgeFiles, partial: PartialIndexOption, threads: Int? = nil,
                  _ body: (QuerySession, Stopwatch) throws -> Void) throws {
    var opened: QuerySession?
    try Failure.guarded {
      try EmbeddedDefault.ensureIndex(at: location)
      let stopwatch = Stopwatch()
      let session = try QuerySession(indexPath: location.path, synonymsPath: synonymsPath, useSynonyms: useSynonyms,
                                     knowledge: knowledge, partial: partial, threads: threads)
      opened = session
      try body(session, stopwatch)
    }
    if opened?.reader.skippedSegments.isEmpty == false { throw exitPartial }
  }
}
