#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ingest

/// What a batch of input did to the index.
///
/// Nothing is lost silently: `recordsRead == added + replaced + rejected + skipped`
/// (`isBalanced`), and every rejected or skipped record is in `issues` with
/// its file, line and byte offset.
public struct BatchReport: Sendable {
  /// What the input held: files and records read, documents, rejections and skips (see `IngestCounts`).
  public var counts = IngestCounts(files: 0, rejectedFiles: 0, recordsRead: 0, documents: 0, rejected: 0, skipped: 0)
  /// Documents with an id the index did not have.
  public var added = 0
  /// Documents that replaced one with the same id (in the index or earlier in the batch).
  public var replaced = 0
  /// Withdrawn ids deleted from the index (`BatchIndexer.withdrawals`); not a count of records read.
  public var deleted = 0
  /// Withdrawn ids the index did not hold (each with a warning); a repeated id counts once.
  public var withdrawnNotFound = 0
  /// Every issue the input raised, in the order met: rejected and skipped records and files, and warnings,
  /// each with its file, line and byte offset.
  public var issues: [IngestIssue] = []
  /// The last commit, nil when nothing was committed.
  public var commit: CommitInfo?
  /// Seconds the run took (monotonic clock), set when it ends, also in a `BatchAborted` report.
  public var seconds = 0.0

  /// An empty report: every count 0, no issues, no commit.
  public init() {}

  /// Whether every record read is accounted for: `recordsRead == added + replaced + rejected + skipped`.
  public var isBalanced: Bool {
    counts.recordsRead == added + replaced + counts.rejected + counts.skipped
  }

  /// Whether any record or whole file was rejected (skipped ones do not count).
  public var hasRejections: Bool { counts.rejected > 0 || counts.rejectedFiles > 0 }
}

/// How far a batch has got, for progress displays.
public struct BatchProgress: Sendable {
  /// Documents added or replaced so far.
  public var documents: Int
  /// Input bytes read, approximately: the sizes of the earlier files that held documents plus the byte offset of
  /// the latest document in the current file.
  public var bytesRead: Int
  /// Bytes of the regular files under the paths, measured once before reading (symbolic links count 0).
  public var totalBytes: Int
  /// Seconds since the batch started.
  public var seconds: Double
}

/// A batch that stopped before committing anything.
public struct BatchAborted: Error, CustomStringConvertible {
  /// What the batch read; nothing of it was committed, though the writer still buffers its documents:
  /// `IndexWriter.rollback()` drops them (and any other change since the last commit), as `close()` does.
  public var report: BatchReport
  /// Why it stopped, for display: how many records and files were rejected under `strict`.
  public var reason: String
  public var description: String { reason }
}

/// Reads files and folders into an index: new ids added, known ids replaced,
/// one commit at the end (or every `commitEvery` documents).
public struct BatchIndexer {
  /// How the input is read: encoding, symbolic links, invalid UTF-8, missing ids, size limits.
  public var ingestOptions = IngestOptions()
  /// Commit after this many documents as well as at the end (ignored when
  /// `strict`, which commits only a batch with nothing rejected, and when
  /// below 1).
  public var commitEvery: Int?
  /// Reject the whole batch, committing nothing, if any record or whole file
  /// is rejected.
  public var strict = false
  /// Ids the delivery withdraws: deleted in the batch's first commit (with
  /// the documents before it, or alone), so a reader never sees a delivery
  /// half applied. An id the index does not hold gets a warning; a record of
  /// the batch with a withdrawn id is rejected (the delivery contradicts
  /// itself, and the withdrawal wins).
  public var withdrawals: [IDList.Entry] = []
  /// Called with each issue as it is met (before the commits that follow
  /// it), so a batch that is killed or fails later has shown its issues;
  /// the report holds them all as well.
  public var onIssue: ((IngestIssue) -> Void)?

  /// A batch with the default ingest options, one commit at the end.
  public init() {}

  /// Indexes `paths` through `writer` and commits.
  ///
  /// `committed` is called after each commit that `commitEvery` makes, with
  /// the location of the last document it holds: a batch killed later can be
  /// resumed after it. The report's `commit` is the batch's last commit.
  /// Neither callback may change `writer`: a change made after the last
  /// `commitEvery` commit would be left uncommitted.
  ///
  /// - Throws: `BatchAborted` when `strict` and a record or file was rejected
  ///   (the index is unchanged); `DocumentSource.Failure` for a missing path
  ///   or an unknown encoding, before anything is read; `IndexError` and I/O
  ///   errors from the writer.
  public func run(paths: [String], writer: IndexWriter,
                  progress: ((BatchProgress) -> Void)? = nil,
                  committed: ((CommitInfo, SourceLocation) -> Void)? = nil) throws -> BatchReport {
    let clock = ContinuousClock()
    let started = clock.now
    var report = BatchReport()
    // Sizes are only for the progress display: no directory walk without one.
    let totalBytes = progress == nil ? 0 : paths.reduce(0) { $0 + Self.size(of: $1) }
    var bytesBeforeFile = 0
    var currentFile = ""
    var currentFileBytes = 0
    var sinceCommit = 0
    var lastProgress = started
    let source = DocumentSource(paths: paths, options: ingestOptions)
    var issues: [IngestIssue] = []
    let onIssue = self.onIssue
    func note(_ issue: IngestIssue) {
      issues.append(issue)
      onIssue?(issue)
    }
    // Withdrawals go first: whichever commit comes first holds them.
    var withdrawn: [ExactID: SourceLocation] = [:]
    for entry in withdrawals {
      if let first = withdrawn[ExactID(entry.id)] {
        note(IngestIssue(severity: .warning, location: entry.location,
                         message: "withdrawn id \"\(entry.id)\" listed again (first at \(first))"))
        continue
      }
      withdrawn[ExactID(entry.id)] = entry.location
      if try writer.delete(id: entry.id) {
        report.deleted += 1
      } else {
        report.withdrawnNotFound += 1
        note(IngestIssue(severity: .warning, location: entry.location,
                         message: "withdrawn id \"\(entry.id)\" is not in the index"))
      }
    }
    var withdrawnRecords = 0
    report.counts = try source.read(
      onDocument: { document, location in
        if !withdrawn.isEmpty, let withdrawal = withdrawn[ExactID(document.id)] {
          withdrawnRecords += 1
          note(IngestIssue(severity: .rejected, location: location,
                           message: "id \"\(document.id)\" is withdrawn by \(withdrawal) in the same batch; not indexed"))
          return
        }
        let limit = writer.options.maxAnalyzedBytesPerField
        for (field, text) in [("title", document.title), ("unit", document.unit), ("body", document.body)]
        where text.utf8.count > limit {
          note(IngestIssue(severity: .warning, location: location,
                           message: "\(field) of \(text.utf8.count) bytes: only its first \(limit) bytes are "
                             + "searchable (the document is stored whole)"))
        }
        switch try writer.add(document) {
        case .added: report.added += 1
        case .replaced: report.replaced += 1
        }
        if progress != nil, location.file != currentFile {
          bytesBeforeFile += currentFileBytes
          currentFile = location.file
          currentFileBytes = Self.size(of: location.file)
        }
        sinceCommit += 1
        if let commitEvery, commitEvery > 0, sinceCommit >= commitEvery, !strict {
          let commit = try writer.commit()
          report.commit = commit
          sinceCommit = 0
          committed?(commit, location)
        }
        if let progress, clock.now - lastProgress > .milliseconds(250) {
          lastProgress = clock.now
          progress(BatchProgress(
            documents: report.added + report.replaced, bytesRead: bytesBeforeFile + location.byteOffset,
            totalBytes: totalBytes, seconds: Self.seconds(clock.now - started)))
        }
      },
      onIssue: { note($0) })
    // A record refused for its withdrawn id was a document to the reader.
    report.counts.documents -= withdrawnRecords
    report.counts.rejected += withdrawnRecords
    report.issues = issues
    if strict, report.hasRejections {
      report.seconds = Self.seconds(clock.now - started)
      throw BatchAborted(
        report: report,
        reason: "\(report.counts.rejected) record(s) and \(report.counts.rejectedFiles) file(s) rejected; "
          + "--strict: nothing was committed, the index is unchanged")
    }
    // A batch whose last document ended a `commitEvery` commit has nothing
    // left to commit: no second, empty generation.
    if sinceCommit > 0 || report.commit == nil { report.commit = try writer.commit() }
    report.seconds = Self.seconds(clock.now - started)
    return report
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// Bytes under a file or folder (for progress only; errors count as 0).
  ///
  /// Uses the C library: IndexStore does not depend on Foundation.
  static func size(of path: String) -> Int {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0 }
    guard (info.st_mode & S_IFMT) == S_IFDIR else { return (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0 }
    var total = 0
    for name in (try? FileSystem.listDirectory(path)) ?? [] { total += size(of: path + "/" + name) }
    return total
  }
}
