import ArgumentParser
import Foundation
import IndexStore
import Ingest
import TextAnalysis

/// `search index …`: build, add to, delete from, describe and check an index.
struct IndexCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Build and maintain the index.",
    discussion: """
      An index is one directory (default index/). Every change is one atomic commit; readers keep \
      answering from the commit they opened. Rejected input is reported by file and line, and the \
      rest is committed (exit status 2), unless --strict.

      Examples:
        search index build
        search index add deliveries/2021-03/
        search index stats
      """,
    subcommands: [Build.self, Add.self, Delete.self, Optimize.self, Stats.self, Check.self])
}

/// Options shared by the commands that read input files.
struct IngestArguments: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Input encoding instead of detection: utf-8, gb18030, big5, utf-16le or utf-16be.",
    valueName: "NAME"))
  var encoding: String?
  @Flag(help: "Reject the whole batch, committing nothing, if any record, file or folder entry is rejected.")
  var strict = false
  @Flag(help: "Follow symbolic links inside input folders.")
  var followSymlinks = false
  @Option(help: ArgumentHelp(
    "Also write the full report (counts and every rejected record) as JSON to FILE.",
    valueName: "FILE"))
  var report: String?
  @Option(help: ArgumentHelp(
    "Invalid UTF-8 in a record: reject the record (default), or replace the bytes with U+FFFD and warn.",
    valueName: "reject|replace"))
  var onInvalid = "reject"
  @Flag(help: "Accept records with neither title nor body (rejected by default).")
  var allowEmpty = false
  @Option(help: ArgumentHelp(
    "path+line: a JSON Lines record without an id gets the id FILE:LINE, with a warning (rejected by default).",
    valueName: "path+line"))
  var idFrom: String?

  func validate() throws {
    guard onInvalid == "reject" || onInvalid == "replace" else {
      throw ValidationError("--on-invalid \(onInvalid): expected reject or replace")
    }
    if let idFrom, idFrom != "path+line" { throw ValidationError("--id-from \(idFrom): expected path+line") }
  }

  var options: IngestOptions {
    var options = IngestOptions()
    options.encoding = encoding
    options.followSymlinks = followSymlinks
    options.replaceInvalid = onInvalid == "replace"
    options.allowEmpty = allowEmpty
    options.idFromLocation = idFrom == "path+line"
    return options
  }
}

extension IndexCommand {
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the index anew from files and folders (default: corpus/).",
      discussion: """
        The new index replaces the old one in one atomic commit: a failed or interrupted build \
        leaves the previous index searchable.

        Examples:
          search index build
          search index build corpus/ deliveries/ --index index
        """)

    @OptionGroup var location: IndexLocation
    @OptionGroup var ingest: IngestArguments
    @Argument(help: "Files and folders to index (JSON Lines, CSV/TSV, Markdown, text).")
    var paths: [String] = []
    @Option(help: ArgumentHelp("The lexicon (default: corpus/lexicon.txt when present).", valueName: "FILE"))
    var lexicon: String?
    @Flag(help: "Use no lexicon.")
    var noLexicon = false

    func run() throws {
      try Failure.guarded {
        let analyzer = try AnalyzerLoading.analyzer(lexiconPath: lexicon, disabled: noLexicon)
        let inputs = paths.isEmpty ? [IndexLocation.defaultCorpus] : paths
        try BatchRun.run(inputs: inputs, indexPath: location.path, analyzer: analyzer, rebuild: true,
                         ingest: ingest, commitEvery: nil)
      }
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a delivery of documents: new ids added, known ids replaced, then commit.",
      discussion: """
        With --withdrawn FILE (one id per line), the ids the delivery withdraws are deleted in the same \
        commit as its documents (the first one, with --commit-every); a record of the delivery with a \
        withdrawn id is rejected, and a withdrawn id the index does not hold is a warning.

        Examples:
          search index add deliveries/2021-03/
          search index add deliveries/2021-04/ --withdrawn deliveries/2021-04/withdrawn.txt
          search index add petitions.csv --commit-every 10000 --report report.json
        """)

    @OptionGroup var location: IndexLocation
    @OptionGroup var ingest: IngestArguments
    @Argument(help: "Files and folders to add.")
    var paths: [String]
    @Option(help: ArgumentHelp("Also commit after every N documents; each such commit prints a line on stderr naming the last record it holds.", valueName: "N"))
    var commitEvery: Int?
    @Option(help: ArgumentHelp("Also delete the ids listed in FILE (one per line; # starts a comment) in the same commit: the documents the delivery withdraws. Repeatable.", valueName: "FILE"))
    var withdrawn: [String] = []

    func validate() throws {
      if let commitEvery, commitEvery < 1 { throw ValidationError("--commit-every must be at least 1") }
    }

    func run() throws {
      try Failure.guarded {
        guard location.exists else {
          throw UsageError(message: "no index at \(location.path); create one with: search index build \(paths.joined(separator: " ")) --index \(location.path)")
        }
        // New documents are analyzed exactly as the index's existing ones.
        let analyzer = try IndexReader.open(path: location.path).analyzer
        try BatchRun.run(inputs: paths, indexPath: location.path, analyzer: analyzer, rebuild: false,
                         ingest: ingest, commitEvery: commitEvery, withdrawalLists: withdrawn)
      }
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete documents by id and commit.",
      discussion: """
        Examples:
          search index delete D430900202009150012 X4309002020091500031
          search index delete --ids-from withdrawn.txt
        """)

    @OptionGroup var location: IndexLocation
    @Argument(help: "Document ids.")
    var ids: [String] = []
    @Option(help: ArgumentHelp("Also delete the ids listed in FILE (one per line; # starts a comment). Repeatable.", valueName: "FILE"))
    var idsFrom: [String] = []

    func validate() throws {
      if ids.isEmpty && idsFrom.isEmpty { throw ValidationError("give the ids to delete, or --ids-from FILE") }
    }

    func run() throws {
      try Failure.guarded {
        // Every list is read before the index is touched: a damaged one deletes nothing.
        var all = ids
        for list in try BatchRun.readIDLists(idsFrom) { all += list.entries.map(\.id) }
        let writer = try location.openWriter()
        defer { writer.close() }
        var missing: [String] = []
        var deleted = 0
        var seen = Set<ExactID>()  // ids are bytes, as in the index
        for id in all where seen.insert(ExactID(id)).inserted {
          if try writer.delete(id: id) { deleted += 1 } else { missing.append(id) }
        }
        let commit = try writer.commit()
        Terminal.note("deleted \(deleted) document(s); \(commit.documentCount) remain")
        if !missing.isEmpty {
          // Quoted as JSON strings, so an empty id, spaces and quotes stay visible.
          Terminal.note("not in the index: " + missing.map { JSONValue.string($0).text }.joined(separator: ", "))
          throw exitRejected
        }
      }
    }
  }

  struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the index into fewer segments (one by default) for faster queries, and commit.",
      discussion: """
        For an index that will mostly be read, after a large build or delivery: each query then reads one \
        postings list per term instead of one per segment, and deleted documents are dropped. Like \
        Elasticsearch's _forcemerge; the index stays searchable throughout, and an interrupted run leaves \
        the previous commit in place.

        Examples:
          search index optimize
          search index optimize --index /srv/inspection/index --max-segments 4
        """)

    @OptionGroup var location: IndexLocation
    @Option(help: ArgumentHelp("The most segments to leave.", valueName: "N"))
    var maxSegments = 1

    func validate() throws {
      guard maxSegments >= 1 else { throw ValidationError("--max-segments must be at least 1") }
    }

    func run() throws {
      try Failure.guarded {
        let writer = try location.openWriter()
        defer { writer.close() }
        let clock = Stopwatch()
        let commit = try writer.forceMerge(maxSegments: maxSegments)
        Terminal.note("\(Terminal.safe(location.path)): \(commit.documentCount) documents in \(commit.segmentCount) "
          + "segments (commit \(commit.generation)) in \(String(format: "%.1f", clock.milliseconds / 1000)) s")
      }
    }
  }

  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show documents, segments, size, analyzer identity and the last commit.",
      discussion: "Examples:\n  search index stats\n  search index stats --index /data/督察/index --json")

    @OptionGroup var location: IndexLocation
    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
      try Failure.guarded {
        let reader = try IndexReader.open(path: location.path)
        Terminal.emit(StatsPrinter.render(reader.stats(), json: json))
      }
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Verify every byte and cross-reference of the index; report damage by file.",
      discussion: """
        Exits 1 when anything is damaged, naming each damaged file and what is wrong with it.

        Examples:
          search index check
          search index check --index /data/督察/index
        """)

    @OptionGroup var location: IndexLocation

    func run() throws {
      try Failure.guarded {
        guard location.exists else {
          throw UsageError(message: "no index at \(location.path)")
        }
        let report = IndexChecker.check(path: location.path)
        let lines = report.description.split(separator: "\n", omittingEmptySubsequences: false)
        Terminal.emit(lines.map { Terminal.safe(String($0)) }.joined(separator: "\n") + "\n")
        if !report.isClean { throw ExitCode(1) }
      }
    }
  }
}
