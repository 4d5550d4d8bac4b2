import ArgumentParser
import Foundation
import IndexStore
import Ingest
import TextAnalysis

/// Runs a batch (build or add) with progress on stderr and a summary at the end.
enum BatchRun {
  static func run(inputs: [String], indexPath: String, analyzer: Analyzer, rebuild: Bool, ingest: IngestArguments,
                  commitEvery: Int?, withdrawalLists: [String] = []) throws {
    // A report that cannot be written is found before anything is indexed
    // (without touching an earlier report there).
    if let report = ingest.report, !Self.canWrite(report) {
      throw UsageError(message: "cannot write report \(report) (no such folder, or not writable); nothing was indexed")
    }
    // From here on, a run that fails leaves a report that says so, never
    // the previous run's.
    let lastCommit = LastCommit()
    do {
      try run(inputs: inputs, indexPath: indexPath, analyzer: analyzer, rebuild: rebuild, ingest: ingest,
              commitEvery: commitEvery, withdrawalLists: withdrawalLists, lastCommit: lastCommit)
    } catch let error where !(error is ExitCode) {
      if let path = ingest.report { writeFailureReport(error, lastCommit: lastCommit.value, to: path) }
      throw error
    }
  }

  private static func run(inputs: [String], indexPath: String, analyzer: Analyzer, rebuild: Bool,
                          ingest: IngestArguments, commitEvery: Int?, withdrawalLists: [String],
                          lastCommit: LastCommit) throws {
    for path in inputs where !FileManager.default.fileExists(atPath: path) {
      throw UsageError(message: "\(path): no such file or folder")
    }
    let withdrawals = try readIDLists(withdrawalLists).flatMap(\.entries)
    let writer = try IndexWriter(path: indexPath, analyzer: analyzer, rebuild: rebuild)
    defer { writer.close() }
    var indexer = BatchIndexer()
    indexer.ingestOptions = ingest.options
    for list in withdrawalLists {
      indexer.ingestOptions.excludedFiles[list] = "the withdrawal list (--withdrawn), not a document"
    }
    indexer.withdrawals = withdrawals
    var printer = IssuePrinter()
    indexer.onIssue = { printer.print($0) }
    indexer.strict = ingest.strict
    indexer.commitEvery = commitEvery
    let report: BatchReport
    do {
      let progress: ((BatchProgress) -> Void)? = Terminal.stderrIsTerminal ? { showProgress($0) } : nil
      report = try indexer.run(paths: inputs, writer: writer, progress: progress) { commit, location in
        lastCommit.value = (commit, location)
        clearProgress()
        Terminal.note(Terminal.safe("committed through \(location): commit \(commit.generation), "
                                      + "\(commit.documentCount) documents"))
      }
    } catch let aborted as BatchAborted {
      if Terminal.stderrIsTerminal { Terminal.note("") }
      printer.finish()
      try writeReport(aborted.report, to: ingest.report)
      Terminal.note("error: \(aborted.reason)")
      throw ExitCode(1)
    }
    clearProgress()
    printer.finish()
    Terminal.note(summary(report, indexPath: indexPath))
    var reportWritten = true
    do {
      try writeReport(report, to: ingest.report)
    } catch {
      Terminal.note(Failure.message(for: error) + " (the batch above is committed)")
      reportWritten = false
    }
    if report.hasRejections || !reportWritten { throw exitRejected }
  }

  /// The lists of ids at `paths`, each read whole: the first damaged or
  /// unreadable one stops the command before the index is touched.
  static func readIDLists(_ paths: [String]) throws -> [IDList] {
    try paths.map { path in
      do {
        return try IDList.read(path: path)
      } catch {
        throw UsageError(message: "\(error); nothing was changed")
      }
    }
  }

  /// Whether `path` can be written as a file: an existing file writable (not a folder), or a new one's folder
  /// writable.
  static func canWrite(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { return !isFolder.boolValue && access(path, W_OK) == 0 }
    let folder = (path as NSString).deletingLastPathComponent
    return access(folder.isEmpty ? "." : folder, W_OK | X_OK) == 0
  }

  /// Returns to the start of the progress line and erases it.
  static let clearLine = "\r\u{1B}[K"

  /// Erases the progress line, on a terminal, before a line of its own is printed.
  static func clearProgress() {
    if Terminal.stderrIsTerminal { FileHandle.standardError.write(Data(clearLine.utf8)) }
  }

  static func showProgress(_ progress: BatchProgress) {
    let megabytes = Double(progress.bytesRead) / 1e6
    let rate = progress.seconds > 0 ? megabytes / progress.seconds : 0
    var line = clearLine + "\(progress.documents) documents, \(String(format: "%.1f", megabytes)) MB, "
      + "\(String(format: "%.1f", rate)) MB/s"
    if progress.totalBytes > 0, rate > 0 {
      let remaining = Double(max(0, progress.totalBytes - progress.bytesRead)) / 1e6 / rate
      line += ", ETA \(Int(remaining.rounded())) s"
    }
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Prints a batch's issues on stderr as they are met, the first 50 of
  /// them, and at the end how many more there were.
  struct IssuePrinter {
    static let shown = 50
    private var count = 0

    mutating func print(_ issue: IngestIssue) {
      count += 1
      guard count <= Self.shown else { return }
      clearProgress()
      Terminal.note(Terminal.safe(issue.description))
    }

    func finish() {
      if count > Self.shown {
        Terminal.note("… and \(count - Self.shown) more (write them all with --report FILE)")
      }
    }
  }

  static func summary(_ report: BatchReport, indexPath: String) -> String {
    let counts = report.counts
    var text = "read \(counts.recordsRead) records from \(counts.files) files: added \(report.added), "
      + "replaced \(report.replaced), rejected \(counts.rejected), skipped \(counts.skipped)"
    if counts.rejectedFiles > 0 { text += "; \(counts.rejectedFiles) files rejected" }
    if counts.skippedFiles > 0 { text += "; \(counts.skippedFiles) files skipped" }
    text += " in \(String(format: "%.1f", report.seconds)) s"
    if report.deleted + report.withdrawnNotFound > 0 {
      text += "\nwithdrawn ids: deleted \(report.deleted), not in the index \(report.withdrawnNotFound)"
    }
    if let commit = report.commit {
      text += "\n\(indexPath): \(commit.documentCount) documents in \(commit.segmentCount) segments (commit \(commit.generation))"
    }
    if !report.isBalanced {
      text += "\nwarning: counts do not add up (read ≠ added + replaced + rejected + skipped); please report this"
    }
    return text
  }

  /// The last commit a batch made, as the commits are made.
  final class LastCommit {
    var value: (commit: CommitInfo, location: SourceLocation)?
  }

  /// The report of a run that stopped on an error: no counts (the run's are
  /// lost with it), the error, and the last commit it made, if any
  /// (`--commit-every`), which stays.
  static func writeFailureReport(_ error: Error, lastCommit: (commit: CommitInfo, location: SourceLocation)?,
                                 to path: String) {
    var fields: [(String, JSONValue)] = [
      ("error", .string(Failure.description(of: error))),
      ("committed", .bool(lastCommit != nil)),
    ]
    if let lastCommit {
      fields.append(("committed_through", .string(lastCommit.location.description)))
      fields.append(("commit", .integer(lastCommit.commit.generation)))
    }
    try? write(.object(fields), to: path)
  }

  /// Writes a report file: one JSON object and a newline.
  static func write(_ report: JSONValue, to path: String) throws {
    try Data((report.text + "\n").utf8).write(to: URL(fileURLWithPath: path))
  }

  static func writeReport(_ report: BatchReport, to path: String?) throws {
    guard let path else { return }
    let counts = report.counts
    let issues = JSONValue.array(report.issues.map { issue in
      .object([
        ("severity", .string(issue.severity.rawValue)), ("file", .string(issue.location.file)),
        ("line", .integer(issue.location.line)), ("byte_offset", .integer(issue.location.byteOffset)),
        ("message", .string(issue.message)),
      ])
    })
    let object = JSONValue.object([
      ("files", .integer(counts.files)), ("rejected_files", .integer(counts.rejectedFiles)),
      ("skipped_files", .integer(counts.skippedFiles)),
      ("records_read", .integer(counts.recordsRead)), ("added", .integer(report.added)),
      ("replaced", .integer(report.replaced)), ("rejected", .integer(counts.rejected)),
      ("skipped", .integer(counts.skipped)), ("deleted", .integer(report.deleted)),
      ("withdrawn_not_found", .integer(report.withdrawnNotFound)), ("committed", .bool(report.commit != nil)),
      ("seconds", .number(report.seconds)), ("issues", issues),
    ])
    do {
      try write(object, to: path)
    } catch {
      throw UsageError(message: "cannot write report \(path): \(error.localizedDescription)")
    }
  }
}

/// The analyzer for a new index: the shipped lexicon unless told otherwise.
enum AnalyzerLoading {
  static func analyzer(lexiconPath: String?, disabled: Bool) throws -> Analyzer {
    if disabled { return Analyzer() }
    let path = lexiconPath
      ?? (FileManager.default.fileExists(atPath: IndexLocation.defaultLexicon) ? IndexLocation.defaultLexicon : nil)
    guard let path else { return Analyzer() }
    return Analyzer(lexicon: try Lexicon.load(path: path))
  }
}

/// With no index yet, the first query builds index/ from corpus/ (the
/// embedded default) and says so on stderr. Another `--index` path that does
/// not exist is left alone, so that opening it reports it missing: a mistyped
/// path must not become a new index of the sample corpus.
enum EmbeddedDefault {
  static func ensureIndex(at location: IndexLocation) throws {
    guard !location.exists, location.isDefault else { return }
    guard FileManager.default.fileExists(atPath: IndexLocation.defaultCorpus) else {
      throw UsageError(message: "no index at \(location.path) and no corpus/ to build one from; run: search index build FILES… --index \(location.path)")
    }
    Terminal.note("no index at \(location.path) yet: building it from \(IndexLocation.defaultCorpus)/ first")
    let analyzer = try AnalyzerLoading.analyzer(lexiconPath: nil, disabled: false)
    let writer = try IndexWriter(path: location.path, analyzer: analyzer, rebuild: true)
    defer { writer.close() }
    var indexer = BatchIndexer()
    var printer = BatchRun.IssuePrinter()
    indexer.onIssue = { printer.print($0) }
    let report = try indexer.run(paths: [IndexLocation.defaultCorpus], writer: writer)
    printer.finish()
    Terminal.note(BatchRun.summary(report, indexPath: location.path))
  }
}
