#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Ingest
import TextAnalysis

/// How an `IndexWriter` buffers, analyzes and merges.
public struct IndexWriterOptions: Sendable {
  /// Flush the buffered documents to a segment when their postings, terms and
  /// stored bytes are estimated to exceed this many bytes. The full buffer
  /// is written in the background while the next one starts filling (a
  /// flush takes a fraction of the time a buffer takes to fill), and a merge
  /// may run meanwhile, so peak memory is about this budget (times the
  /// estimate's slack, about 1.5) plus one merge's working set (BENCHMARKS.md).
  public var memoryBudgetBytes: Int = 256 << 20
  /// Threads analyzing documents (ICU word breaking runs here).
  public var analysisThreads: Int = Processors.online
  /// Documents analyzed together in one parallel batch.
  public var analysisBatchSize: Int = 512
  /// Which segments to merge while indexing and at each commit (`forceMerge` ignores it); `.never` never merges.
  public var mergePolicy: MergePolicy = .default
  /// zstd level of stored-document blocks (1 = fastest; 3 is about zlib's
  /// size at several times its speed, docs/FORMAT.md).
  public var compressionLevel: Int32 = 3
  /// The most bytes of one field's text that are analyzed, 8 MiB by default
  /// (at least 1): words past it are not indexed, though the document is
  /// stored whole. It bounds the memory one huge document takes to index
  /// (a 51 MB body took 670 MB uncapped, 246 MB capped); `BatchIndexer` warns of each cut.
  public var maxAnalyzedBytesPerField = 8 << 20 {
    didSet { maxAnalyzedBytesPerField = max(1, maxAnalyzedBytesPerField) }
  }
  /// The defaults: a 256 MiB budget, one analysis thread per online processor, batches of 512 documents,
  /// `MergePolicy.default` and zstd level 3.
  public init() {}
}

/// What `add` did.
public enum WriteOutcome: Sendable, Equatable {
  /// No live document had the id, neither committed nor added earlier through this writer.
  case added
  /// A live document with the id (committed or added earlier through this writer) was deleted in its favour.
  case replaced
}

/// What a commit published.
public struct CommitInfo: Sendable, Equatable {
  /// The generation G of the new `manifest-G`: one more than the commit before.
  public var generation: Int
  /// Live documents in the commit.
  public var documentCount: Int
  /// Segments in the commit, after its merges and without those whose documents are all deleted.
  public var segmentCount: Int
}

/// The one owner of an index's write state: add, replace, delete, commit.
///
/// Opening takes the writer lock. Added documents are buffered, analyzed in
/// parallel batches and inverted in memory; when the memory budget is
/// reached they are written to an immutable segment in the background while
/// the next buffer fills, and the merge policy may start one merge there. Nothing is visible to readers until
/// `commit()`, which flushes, waits for the background work, runs the merges
/// still due, writes deletion files, then publishes a new manifest
/// atomically. A failed commit or merge leaves the previous commit intact
/// and closes the writer.
public final class IndexWriter {
  /// The index directory.
  public let path: String
  /// Analyzes every added document; each commit records its identity, lexicon and stop words in the manifest.
  public let analyzer: Analyzer
  /// The options the writer was opened with.
  public let options: IndexWriterOptions
  private var lock: WriterLock?
  private var failure: String?
  /// Opened with `rebuild`: a rollback returns to no documents, not to the last commit's.
  private let rebuilding: Bool

  private struct Segment {
    var reader: SegmentReader
    var deletions: DeletionSet
    var deletionFile: String?
    var dirty: Bool
    /// Whether this writer wrote the segment from documents added through it
    /// (a merge checksums the files of other segments before it copies
    /// their bytes, and every id of such a segment is in `fingerprints`).
    var written = true
  }
  private var segments: [Segment] = []
  /// Fingerprints of every id added through this writer: a segment it wrote
  /// can hold an id only if its fingerprint is here.
  private var fingerprints = IDFingerprints()
  private var generation: Int
  private var nextSegmentNumber: Int
  private var buffer = PostingsBuffer()
  private var pending: [Document] = []
  private var pendingBytes = 0
  /// The batch being analyzed on background threads while the previous one is inverted.
  private var inFlight: AnalysisBatch?
  /// Document numbers handed out in the current buffer (inverted, in flight and pending).
  private var bufferedCount = 0
  /// id → buffered document number (pending documents included).
  private var bufferedIDs: [ExactID: UInt32] = [:]
  /// The segment being written in the background from the previous buffer, if any.
  private var flushing: Flushing?
  /// The merge running in the background, if any (at most one at a time).
  private var merge: Merging?

  private struct Flushing {
    var name: String
    var job: BackgroundJob<PostingsBuffer.Written>
    /// id → buffered document number of the documents being written that are still live.
    var ids: [ExactID: UInt32]
    /// Buffered document numbers deleted or replaced after the flush started.
    var deleted: [UInt32] = []
  }

  private struct Merging {
    var name: String
    var sources: [SegmentMerger.Source]
    var job: BackgroundJob<SegmentMerger.Output>
  }

  /// Where background flushes run, and where merges run: two queues, so
  /// that a flush never waits behind a long merge (the full buffer would
  /// stay in memory next to the one filling up, as it did on a first try:
  /// 1M documents then peaked at 1,498 MB).
  private static let flushQueue = DispatchQueue(label: "IndexStore.IndexWriter.flush", qos: .userInitiated)
  private static let mergeQueue = DispatchQueue(label: "IndexStore.IndexWriter.merge", qos: .utility)

  /// Opens the index at `path` for writing, creating the directory (and its parents) if needed.
  ///
  /// Takes the writer lock, opens the latest commit as `IndexReader.open` does, and deletes the engine files it
  /// does not reference that no reader of this process maps (left by a crashed or failed writer). With `rebuild`,
  /// the writer starts from no documents and accepts any analyzer: the next commit publishes only what is added
  /// from now on, and until then readers still see the old commit. A damaged or incomplete latest commit is no
  /// obstacle to `rebuild` (what a damaged index's error message advises): its files are left as they are until the
  /// new commit replaces them.
  ///
  /// - Throws: `IndexError.locked` when another writer holds the lock; `IndexError.io` when a system call fails
  ///   (creating or listing the directory, opening or locking the lock file, mapping an index file);
  ///   `IndexError.corrupted` when the latest commit is damaged or one of its files is missing,
  ///   `IndexError.formatTooOld` or `IndexError.formatTooNew` when one of its files has an unsupported
  ///   format version (none of these with `rebuild`); `IndexError.analyzerMismatch` when, without `rebuild`,
  ///   `analyzer`'s identity differs from the one the index was built with; `IndexError.notAnIndexDirectory`
  ///   when `path` holds no commit but files other than an index's own.
  public init(path: String, analyzer: Analyzer, options: IndexWriterOptions = .init(), rebuild: Bool = false) throws {
    self.path = path
    self.analyzer = analyzer
    self.options = options
    rebuilding = rebuild
    try FileSystem.createDirectory(path)
    // No commit but other files: not a directory to make an index in.
    let names = try FileSystem.listDirectory(path)
    if !names.contains(where: { FileKind.manifestGeneration($0) != nil }),
       let stranger = names.first(where: { $0 != SegmentFormat.lockFileName && !FileKind.isEngineFile($0) }) {
      throw IndexError.notAnIndexDirectory(path: path, found: stranger)
    }
    lock = try WriterLock(directory: path)
    if let latest = try Manifest.latestGeneration(directory: path) {
      let reader: IndexReader
      do {
        reader = try IndexReader.open(path: path, generation: latest)
      } catch where rebuild && IndexReader.isDamage(error) {
        // Rebuilding a damaged index: number the new segments past every
        // file there, and collect nothing until the new commit replaces it.
        generation = latest
        // Listed again under the lock: a writer that just finished may have left files since.
        let present = (try? FileSystem.listDirectory(path)) ?? names
        let limit = Int(Int32.max) - 1_000_000  // room for this writer's segments below the format's limit
        let onDisk = present.compactMap(FileKind.segmentNumber).filter { $0 < limit }.max() ?? 0
        let recorded = (try? Manifest.read(directory: path, generation: latest))?.nextSegmentNumber ?? 1
        nextSegmentNumber = max(recorded, onDisk + 1)
        return
      }
      if !rebuild && reader.analyzerIdentity != analyzer.identity {
        throw IndexError.analyzerMismatch(index: reader.analyzerIdentity, current: analyzer.identity)
      }
      generation = latest
      nextSegmentNumber = reader.manifest.nextSegmentNumber
      adopt(reader)
    } else {
      generation = 0
      nextSegmentNumber = 1
      adopt(nil)
    }
  }

  /// Takes the segments of `reader`'s commit as this writer's (none when
  /// rebuilding), each looked up by its own ids (`written: false`), and
  /// deletes the engine files that commit does not reference (all of them
  /// without a commit).
  private func adopt(_ reader: IndexReader?) {
    segments = rebuilding ? [] : (reader?.segments ?? []).map {
      Segment(reader: $0, deletions: $0.deletions ?? DeletionSet(maxDoc: $0.maxDoc), deletionFile: $0.deletionFile,
              dirty: false, written: false)
    }
    collectGarbage(keep: reader?.manifest.fileNames ?? [])
  }

  deinit { close() }

  /// Releases the lock; uncommitted changes are dropped.
  public func close() {
    // Their files are left unreferenced, for the next writer's garbage collection.
    stopBackgroundWork()
    lock?.release()
    lock = nil
    if failure == nil { failure = "closed" }
    segments = []
    buffer = PostingsBuffer()
    pending = []
  }

  /// Cancels the analysis in flight and waits for the background flush and
  /// merge, forgetting them (what they wrote is left to garbage collection).
  private func stopBackgroundWork() {
    inFlight?.cancel()
    inFlight = nil
    _ = try? flushing?.job.wait()
    flushing = nil
    _ = try? merge?.job.wait()
    merge = nil
  }

  /// Drops every change since the last commit, as if the writer had just
  /// been opened on it (Lucene's `rollback`, but the writer stays open):
  /// buffered documents, segments flushed or merged since, deletions and
  /// replacements. Their files are deleted. A writer opened with `rebuild`
  /// returns to no documents. Readers never saw any of it.
  ///
  /// - Throws: `IndexError.writerClosed` after `close()` or a failed commit;
  ///   what reopening the last commit throws (`IndexReader.open`).
  public func rollback() throws {
    try checkOpen()
    // The last commit first: should it fail to open, nothing has changed yet (a writer without its
    // segments would publish their loss at the next commit). A rebuilding writer needs none of it.
    var reader: IndexReader?
    if generation > 0 {
      do {
        reader = try IndexReader.open(path: path, generation: generation)
      } catch where rebuilding {
        reader = nil  // damaged: kept whole until the next commit replaces it
      }
    }
    stopBackgroundWork()
    buffer = PostingsBuffer()
    pending = []
    pendingBytes = 0
    bufferedCount = 0
    bufferedIDs = [:]
    // Segment numbers already given out are not given again.
    if reader != nil || generation == 0 {
      adopt(reader)
    } else {
      segments = []  // a rebuilding writer's damaged commit: its files stay until the next commit
    }
  }

  private func checkOpen() throws {
    if let failure { throw IndexError.writerClosed(reason: failure) }
  }

  // MARK: - Changes

  /// Adds a document; one with the same id (committed or buffered) is replaced, last wins.
  @discardableResult
  public func add(_ document: Document) throws -> WriteOutcome {
    try checkOpen()
    guard !document.id.isEmpty else { throw IndexError.invalidDocument(id: "", reason: "the id is empty") }
    let fingerprint = IDFingerprints.fingerprint(document.id)
    let key = ExactID(document.id)
    let replaced = removeLive(id: document.id, key: key, fingerprint: fingerprint)
    fingerprints.insert(fingerprint)
    bufferedIDs[key] = UInt32(bufferedCount)
    bufferedCount += 1
    pending.append(document)
    pendingBytes += document.body.utf8.count + document.title.utf8.count + document.unit.utf8.count
    if pending.count >= options.analysisBatchSize || pendingBytes >= 4 << 20 { try analyzePending() }
    return replaced ? .replaced : .added
  }

  /// Deletes the document with this id; true if it was live.
  @discardableResult
  public func delete(id: String) throws -> Bool {
    try checkOpen()
    return removeLive(id: id, key: ExactID(id), fingerprint: IDFingerprints.fingerprint(id))
  }

  /// Marks the live document with this id deleted, wherever it is.
  private func removeLive(id: String, key: ExactID, fingerprint: UInt64) -> Bool {
    if let doc = bufferedIDs.removeValue(forKey: key) {
      buffer.markDeleted(doc)
      return true
    }
    if let doc = flushing?.ids.removeValue(forKey: key) {
      flushing?.deleted.append(doc)
      return true
    }
    let added = fingerprints.mayContain(fingerprint)
    for s in segments.indices.reversed() where added || !segments[s].written {
      if let doc = segments[s].reader.docID(forKey: id), !segments[s].deletions.contains(doc) {
        segments[s].deletions.insert(doc)
        segments[s].dirty = true
        return true
      }
    }
    return false
  }

  /// Starts analyzing the pending documents in the background and inverts the batch before them.
  ///
  /// Analysis (ICU, all cores) of batch N+1 overlaps the serial inversion of
  /// batch N, so the inverting thread is not idle while the others analyze.
  private func analyzePending() throws {
    guard !pending.isEmpty else { return }
    let batch = AnalysisBatch(pending, analyzer: analyzer, threads: options.analysisThreads,
                              fieldByteLimit: options.maxAnalyzedBytesPerField)
    pending.removeAll(keepingCapacity: true)
    pendingBytes = 0
    if let previous = inFlight { invert(previous) }
    inFlight = batch
    if buffer.estimatedBytes >= options.memoryBudgetBytes {
      try flush(inBackground: true)
      try finishMerge(waiting: false)
      startMerge()
    }
  }

  private func invert(_ batch: AnalysisBatch) {
    buffer.add(batch.wait())
  }

  /// Waits for every buffered document to be analyzed and inverted.
  private func drain() {
    if let batch = inFlight {
      inFlight = nil
      invert(batch)
    }
    if !pending.isEmpty {
      invert(AnalysisBatch(pending, analyzer: analyzer, threads: options.analysisThreads,
                           fieldByteLimit: options.maxAnalyzedBytesPerField))
      pending.removeAll(keepingCapacity: true)
      pendingBytes = 0
    }
  }

  /// Writes the buffer as a new (not yet committed) segment.
  ///
  /// First waits for the previous flush, so at most one runs at a time. In
  /// the background (while indexing), the segment is written on the
  /// background queue as the next buffer fills and is opened at the next
  /// flush or commit; the buffer's memory is part of the budget twice then.
  private func flush(inBackground: Bool) throws {
    drain()
    try finishFlush()
    let ids = bufferedIDs
    bufferedIDs = [:]
    bufferedCount = 0
    guard buffer.count > 0 else { return }
    let full = buffer
    buffer = PostingsBuffer()
    guard full.liveCount > 0 else { return }
    let name = "s\(nextSegmentNumber)"
    nextSegmentNumber += 1
    let (directory, level) = (path, options.compressionLevel)
    let job = BackgroundJob(queue: IndexWriter.flushQueue) {
      let written = try full.write(directory: directory, name: name, compressionLevel: level)
      FailPoints.reached(.segmentWritten)
      return written
    }
    flushing = Flushing(name: name, job: job, ids: ids)
    if !inBackground { try finishFlush() }
  }

  /// Waits for the flush in flight and opens its segment, with the deletions
  /// that arrived while it was written. A failed flush closes the writer.
  private func finishFlush() throws {
    guard let current = flushing else { return }
    flushing = nil
    do {
      let written = try current.job.wait()
      var deletions = DeletionSet(maxDoc: written.maxDoc)
      for doc in current.deleted where written.docMap[Int(doc)] != UInt32.max {
        deletions.insert(written.docMap[Int(doc)])
      }
      let storage = try SegmentStorage(directory: path, name: current.name, maxDoc: written.maxDoc)
      segments.append(Segment(reader: SegmentReader(storage: storage, deletions: nil, deletionFile: nil),
                              deletions: deletions, deletionFile: nil, dirty: deletions.count > 0))
    } catch {
      failure = "writing segment \(current.name) failed (\(error)); the previous commit is intact"
      throw error
    }
  }

  // MARK: - Commit

  /// Makes every change so far durable and visible at once.
  ///
  /// Order: flush the buffer to a segment (files fsynced; a flush running in
  /// the background is waited for first), finish the background merge, run
  /// the merges still due, write
  /// deletion files (fsynced), write `pending-manifest-G`, fsync, rename to
  /// `manifest-G`, fsync the directory; then delete files no commit needs.
  @discardableResult
  public func commit() throws -> CommitInfo {
    try checkOpen()
    do {
      try flush(inBackground: false)
      try finishMerge(waiting: true)
      try runMerges()
      let next = generation + 1
      var entries: [Manifest.Segment] = []
      var kept: [Segment] = []
      var wroteDeletions = false
      for var segment in segments where segment.deletions.count < Int(segment.reader.maxDoc) {
        if segment.dirty {
          segment.deletionFile = try segment.deletions.write(directory: path, segment: segment.reader.name,
                                                             generation: next)
          segment.dirty = false
          wroteDeletions = true
        }
        entries.append(Manifest.Segment(name: segment.reader.name, maxDoc: segment.reader.maxDoc,
                                        deletedCount: segment.deletions.count, deletionFile: segment.deletionFile,
                                        fileChecksums: segment.reader.storage.fileChecksums))
        kept.append(segment)
      }
      let manifest = Manifest(
        formatVersion: Int(SegmentFormat.manifestVersion), generation: next, commitTime: Int64(time(nil)),
        analyzer: analyzer.identity, lexicon: AnalyzerStorage.lexiconText(analyzer),
        stopWords: AnalyzerStorage.stopWordsText(analyzer), nextSegmentNumber: nextSegmentNumber, segments: entries)
      if wroteDeletions { FailPoints.reached(.deletionsWritten) }
      try manifest.write(directory: path)
      generation = next
      segments = kept
      collectGarbage(keep: manifest.fileNames)
      FailPoints.reached(.garbageCollected)
      return CommitInfo(generation: next, documentCount: manifest.documentCount, segmentCount: entries.count)
    } catch {
      failure = "a commit failed (\(error)); the previous commit is intact"
      throw error
    }
  }

  /// Merges segments until at most `maxSegments` remain, then commits: for
  /// an index that will mostly be read, after a large batch (Lucene's
  /// `forceMerge`, Elasticsearch's `_forcemerge`). A query then opens one
  /// postings list per term and segment instead of one per segment of the
  /// merge policy's tiers, and deleted documents are dropped.
  ///
  /// The adjacent segments with the fewest documents between them are merged
  /// in one merge, so documents keep their order; then each remaining
  /// segment that holds deleted documents is rewritten without them (as
  /// Lucene's `forceMerge` treats a segment with deletions as not yet
  /// merged). Like every merge, the new segments are visible only after the
  /// commit, and a failed merge leaves the previous commit intact.
  @discardableResult
  public func forceMerge(maxSegments: Int = 1) throws -> CommitInfo {
    try checkOpen()
    let limit = max(1, maxSegments)
    do {
      try flush(inBackground: false)
      try finishMerge(waiting: true)
      let count = segments.count
      if count > limit || (limit == 1 && count == 1 && segments[0].deletions.count > 0) {
        startMerge(MergePolicy.smallestRun(liveSizes, width: max(1, count - limit + 1)))
        try finishMerge(waiting: true)
      }
      // Segments left with deletions are rewritten alone (those with no
      // live document left are dropped by the commit instead).
      for _ in 0..<segments.count {
        guard let index = segments.firstIndex(where: {
          $0.deletions.count > 0 && $0.deletions.count < Int($0.reader.maxDoc)
        }) else { break }
        startMerge(index..<(index + 1))
        try finishMerge(waiting: true)
      }
    } catch {
      failure = "a forced merge failed (\(error)); the previous commit is intact"
      throw error
    }
    return try commit()
  }

  /// Runs merges under the merge policy until it finds none (at commit),
  /// each through the same background job as merges during indexing.
  private func runMerges() throws {
    while startMerge() { try finishMerge(waiting: true) }
  }

  /// Starts the merge the policy asks for next, in the background (after a flush while indexing).
  ///
  /// A large build flushes many segments; merging them only at the commit
  /// left one core idle while the other merged (a one-commit build of 1M
  /// documents spent a quarter of its time there). Merging while the next
  /// segment is analyzed uses the time analysis leaves free.
  /// Returns whether it started one.
  @discardableResult
  private func startMerge() -> Bool {
    guard merge == nil,
          let range = options.mergePolicy.findMerge(liveSizes)
    else { return false }
    startMerge(range)
    return true
  }

  /// Each segment's live documents, in order.
  private var liveSizes: [Int] { segments.map { Int($0.reader.maxDoc) - $0.deletions.count } }

  /// Starts merging the segments in `range` in the background.
  private func startMerge(_ range: Range<Int>) {
    let name = "s\(nextSegmentNumber)"
    nextSegmentNumber += 1
    let sources = segments[range].map {
      SegmentMerger.Source(reader: $0.reader, deletions: $0.deletions, checksummed: $0.written)
    }
    let (directory, level) = (path, options.compressionLevel)
    let job = BackgroundJob(queue: IndexWriter.mergeQueue) {
      let output = try SegmentMerger.merge(sources, directory: directory, name: name, compressionLevel: level)
      FailPoints.reached(.mergeWritten)
      return output
    }
    merge = Merging(name: name, sources: sources, job: job)
  }

  /// Puts the background merge's segment in place of its sources, if it has
  /// finished (or, with `waiting`, once it has).
  ///
  /// Documents deleted from a source while it was being merged are deleted
  /// from the merged segment. A failed merge closes the writer, as a failed
  /// commit does; the previous commit is intact.
  private func finishMerge(waiting: Bool) throws {
    guard let running = merge, waiting || running.job.isFinished else { return }
    merge = nil
    do {
      let output = try running.job.wait()
      let names = running.sources.map(\.reader.name)
      guard let first = segments.firstIndex(where: { $0.reader.name == names.first }),
            first + names.count <= segments.count,
            segments[first..<(first + names.count)].map(\.reader.name) == names
      else {
        throw IndexError.writerClosed(reason: "the segments merged into \(running.name) changed while it ran")
      }
      var deletions = DeletionSet(maxDoc: output.maxDoc)
      for (k, source) in running.sources.enumerated() {
        let now = segments[first + k].deletions
        guard now.count != source.deletions.count else { continue }
        for doc in 0..<source.reader.maxDoc where now.contains(doc) && !source.deletions.contains(doc) {
          let mapped = output.docMaps[k][Int(doc)]
          if mapped != UInt32.max { deletions.insert(mapped) }
        }
      }
      let storage = try SegmentStorage(directory: path, name: running.name, maxDoc: output.maxDoc)
      let written = segments[first..<(first + names.count)].allSatisfy(\.written)
      segments.replaceSubrange(first..<(first + names.count), with: [
        Segment(reader: SegmentReader(storage: storage, deletions: nil, deletionFile: nil), deletions: deletions,
                deletionFile: nil, dirty: deletions.count > 0, written: written),
      ])
    } catch {
      failure = "a merge failed (\(error)); the previous commit is intact"
      throw error
    }
  }

  /// Deletes engine files (by name pattern) that `keep` does not list and no reader of this process maps.
  private func collectGarbage(keep: Set<String>) {
    guard let names = try? FileSystem.listDirectory(path) else { return }
    let live = Set(segments.flatMap { segment in
      FileKind.segmentFiles.map { FileKind.segmentFileName(segment.reader.name, $0) } + [segment.deletionFile].compactMap { $0 }
    })
    for name in names where FileKind.isEngineFile(name) && !keep.contains(name) && !live.contains(name) {
      let full = path + "/" + name
      if !MappedFile.isMapped(full) { FileSystem.remove(full) }
    }
  }

  /// Live documents as the next commit would publish them.
  public var documentCount: Int {
    segments.reduce(0) { $0 + Int($1.reader.maxDoc) - $1.deletions.count } + bufferedIDs.count + (flushing?.ids.count ?? 0)
  }
}

