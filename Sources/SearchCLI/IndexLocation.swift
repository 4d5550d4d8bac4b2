import ArgumentParser
import Foundation
import IndexStore

/// The `--index DIR` option every command shares, and the corpus defaults.
struct IndexLocation: ParsableArguments {
  @Option(name: .customLong("index"), help: ArgumentHelp("The index directory.", valueName: "DIR"))
  var path: String = "index"

  /// The sample corpus a first run indexes.
  static let defaultCorpus = "corpus"
  /// The lexicon the analyzer uses when building, if present.
  static let defaultLexicon = "corpus/lexicon.txt"
  /// The synonym file read at query time, if present.
  static let defaultSynonyms = "corpus/synonyms.txt"

  var exists: Bool { FileManager.default.fileExists(atPath: path) }

  /// Whether this is the default index/ (however written: `index`, `./index/`).
  var isDefault: Bool {
    URL(fileURLWithPath: path).standardizedFileURL.path == URL(fileURLWithPath: "index").standardizedFileURL.path
  }

  /// A writer on the existing index, with the analyzer its documents were indexed with.
  func openWriter() throws -> IndexWriter {
    try IndexWriter(path: path, analyzer: try IndexReader.open(path: path).analyzer)
  }
}
