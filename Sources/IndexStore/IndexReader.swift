#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ingest
import TextAnalysis

/// A snapshot of one commit: memory-mapped, cheap to open, safe from many threads.
///
/// Opening reads and checksums the manifest and the deletion files, maps the
/// segment files and checks their headers and footers (and checksums those of
/// at most 256 KiB); it never reads postings or stored documents. Later
/// commits never disturb an open reader: segment files are immutable and a
/// file this process maps is never deleted by its writer.
public struct IndexReader: Sendable {
  /// The index directory, as passed to `open`.
  public let path: String
  /// The generation G of the commit this reader sees (its `manifest-G`).
  public let generation: Int
  /// Live documents.
  public let documentCount: Int
  /// The identity of the analyzer the index was built with, as the manifest records it.
  public let analyzerIdentity: AnalyzerIdentity
  /// The analyzer rebuilt from the lexicon and stop words stored in the index.
  public let analyzer: Analyzer
  /// When the commit was made, in seconds since 1970-01-01 UTC.
  public let commitTime: Int64
  package let segments: [SegmentReader]
  /// The segments `open(path:skippingDamagedSegments: true)` left out; empty otherwise.
  public let skippedSegments: [SkippedSegment]
  let manifest: Manifest

  /// Opens the latest commit at `path`.
  ///
  /// If a concurrent writer removes the files of the commit being opened
  /// (because a newer one appeared), the open is retried on the newer commit.
  public static func open(path: String) throws -> IndexReader {
    try open(path: path, skippingDamagedSegments: false)
  }

  /// Opens the latest commit at `path`; with `skippingDamagedSegments`, a
  /// segment whose files fail to open (missing, truncated, a checksum or
  /// header that does not match) is left out, and listed in
  /// `skippedSegments`, instead of failing the open: partial answers from a
  /// damaged index until it is rebuilt (`search --allow-partial`).
  ///
  /// Only damage found when opening is skipped; a damaged part of a large
  /// file found later, when a search reads it, is still an error. The
  /// statistics of the ranking are those of the segments kept.
  ///
  /// - Throws: `IndexError.notFound` without a commit; `IndexError.corrupted`
  ///   when the manifest, or (unless skipping) a segment, is damaged.
  public static func open(path: String, skippingDamagedSegments: Bool) throws -> IndexReader {
    var lastError: Error = IndexError.notFound(path: path)
    for _ in 0..<8 {
      guard let generation = try Manifest.latestGeneration(directory: path) else { throw IndexError.notFound(path: path) }
      do {
        return try open(path: path, generation: generation, skippingDamaged: skippingDamagedSegments)
      } catch IndexError.notFound(let missing) {
        // A newer commit may have replaced this one between listing and opening.
        lastError = missingFile(missing, generation: generation)
        if let newest = try Manifest.latestGeneration(directory: path), newest > generation { continue }
        throw lastError
      }
    }
    throw lastError
  }

  /// Opens the latest commit and checks that it was built by `analyzer`.
  public static func open(path: String, expecting analyzer: Analyzer) throws -> IndexReader {
    let reader = try open(path: path)
    guard reader.analyzerIdentity == analyzer.identity else {
      throw IndexError.analyzerMismatch(index: reader.analyzerIdentity, current: analyzer.identity)
    }
    return reader
  }

  static func open(path: String, generation: Int, verifyAll: Bool = false, skippingDamaged: Bool = false) throws
    -> IndexReader
  {
    let manifest = try Manifest.read(directory: path, generation: generation)
    var segments: [SegmentReader] = []
    var skipped: [SkippedSegment] = []
    for entry in manifest.segments {
      do {
        let storage = try SegmentStorage(directory: path, name: entry.name, maxDoc: entry.maxDoc, verifyAll: verifyAll)
        try storage.verifyChecksums(recorded: entry.fileChecksums,
                                    manifest: FileKind.manifestFileName(generation: generation))
        segments.append(try SegmentReader(storage: storage, entry: entry, directory: path))
      } catch {
        var error = error
        let missing: String? = if case IndexError.notFound(let path) = error { path } else { nil }
        guard missing != nil || (skippingDamaged && Self.isDamage(error)) else { throw error }
        // A file gone because a newer commit replaced this one is not damage: `open(path:)` retries on that commit.
        let replaced = (try? Manifest.latestGeneration(directory: path)).flatMap { $0 }.map { $0 > generation } ?? false
        if let missing, !replaced { error = missingFile(missing, generation: generation) }
        guard skippingDamaged, Self.isDamage(error), !replaced else { throw error }
        skipped.append(SkippedSegment(name: entry.name, documentCount: Int(entry.maxDoc) - entry.deletedCount,
                                      reason: "\(error)"))
      }
    }
    let analyzer = try AnalyzerStorage.analyzer(lexicon: manifest.lexicon, stopWords: manifest.stopWords,
                                                file: FileKind.manifestFileName(generation: generation))
    return IndexReader(path: path, manifest: manifest, segments: segments, analyzer: analyzer, skipped: skipped)
  }

  /// The error for a file `manifest-G` names that is not there.
  static func missingFile(_ path: String, generation: Int) -> IndexError {
    .corrupted(file: String(path.split(separator: "/").last ?? ""),
               reason: "file named by \(FileKind.manifestFileName(generation: generation)) is missing")
  }

  /// Whether `error` says a segment's files are damaged or missing (which
  /// `skippingDamagedSegments` leaves out), rather than that the system
  /// refused (permissions, too many open files, memory: still errors).
  static func isDamage(_ error: Error) -> Bool {
    switch error {
    case IndexError.corrupted, IndexError.notFound, IndexError.formatTooOld, IndexError.formatTooNew: return true
    case IndexError.io(_, let code, _): return code == EIO
    default: return false
    }
  }

  init(path: String, manifest: Manifest, segments: [SegmentReader], analyzer: Analyzer, skipped: [SkippedSegment] = []) {
    self.path = path
    self.manifest = manifest
    self.segments = segments
    skippedSegments = skipped
    generation = manifest.generation
    documentCount = segments.reduce(0) { $0 + $1.liveDocumentCount }
    analyzerIdentity = manifest.analyzer
    self.analyzer = analyzer
    commitTime = manifest.commitTime
  }

  /// Throws `analyzerMismatch` unless `current` has the identity the index was built with.
  public func verifyAnalyzer(_ current: Analyzer) throws {
    guard current.identity == analyzerIdentity else {
      throw IndexError.analyzerMismatch(index: analyzerIdentity, current: current.identity)
    }
  }

  /// Statistics of a field over all segments (deleted documents included, as Lucene).
  package func collectionStatistics(_ field: IndexedField) -> CollectionStatistics {
    CollectionStatistics(documentCount: segments.reduce(0) { $0 + Int($1.maxDoc) },
                         totalFieldLength: segments.reduce(0) { $0 + $1.totalFieldLength(field) })
  }

  /// The number of documents (deleted included) holding the term, summed over segments.
  package func documentFrequency(_ field: IndexedField, _ term: String) -> Int {
    segments.reduce(0) { $0 + ($1.termInfo(field, term)?.documentFrequency ?? 0) }
  }

  /// The live document with this id, nil if there is none.
  public func document(id: String) throws -> Document? {
    for segment in segments.reversed() {
      if let doc = segment.docID(forKey: id), segment.isLive(doc) { return try segment.document(doc) }
    }
    return nil
  }

  /// Every live document, segment by segment, in document order.
  public func forEachDocument(_ body: (Document) throws -> Void) throws {
    for segment in segments {
      for doc in 0..<segment.maxDoc where segment.isLive(doc) { try body(try segment.document(doc)) }
    }
  }

  /// Counts and sizes of this commit: segment files as mapped, deletion files and the manifest as they are on
  /// disk now (0 bytes if since removed).
  public func stats() -> IndexStats {
    var bytes: [String: Int] = [:]
    for segment in segments {
      for file in segment.storage.files {
        bytes[String(file.name.split(separator: ".").last ?? ""), default: 0] += file.count
      }
      if let deletionFile = segment.deletionFile {
        bytes["del", default: 0] += FileSystem.fileSize(path + "/" + deletionFile)
      }
    }
    bytes["manifest"] = FileSystem.fileSize(path + "/" + FileKind.manifestFileName(generation: generation))
    return IndexStats(documents: documentCount, deletedDocuments: segments.reduce(0) { $0 + $1.deletedCount },
                      segments: segments.count, bytesByFileKind: bytes, analyzer: analyzerIdentity,
                      generation: generation, commitTime: commitTime)
  }
}

extension SegmentReader {
  init(storage: SegmentStorage, entry: Manifest.Segment, directory: String) throws {
    self.storage = storage
    if let file = entry.deletionFile {
      let set = try DeletionSet.read(path: directory + "/" + file, segment: entry.name, maxDoc: entry.maxDoc)
      guard set.count == entry.deletedCount else {
        throw IndexError.corrupted(file: file, reason: "\(set.count) deletions, manifest says \(entry.deletedCount)")
      }
      deletions = set
    } else {
      guard entry.deletedCount == 0 else {
        throw IndexError.corrupted(file: "manifest", reason: "segment \(entry.name) has deletions but no deletion file")
      }
      deletions = nil
    }
    deletionFile = entry.deletionFile
  }

}

/// A segment of the commit that `IndexReader.open(path:skippingDamagedSegments:)` left out.
public struct SkippedSegment: Sendable, Equatable {
  /// The segment's name (`s3`: its files are `s3.*`).
  public var name: String
  /// Its live documents, as the manifest counts them: what the answers miss.
  public var documentCount: Int
  /// Why it could not be opened: the error, which names the file.
  public var reason: String
}

/// What `search index stats` prints.
public struct IndexStats: Sendable, Equatable {
  /// Live documents.
  public var documents: Int
  /// Deleted documents still held by segments, until a merge drops them.
  public var deletedDocuments: Int
  /// Segments in the commit.
  public var segments: Int
  /// Bytes per file kind: terms, postings, positions, lengths, columns, stored, ids, del, manifest.
  public var bytesByFileKind: [String: Int]
  /// The identity of the analyzer the index was built with.
  public var analyzer: AnalyzerIdentity
  /// The commit's generation G (`manifest-G`).
  public var generation: Int
  /// Seconds since 1970-01-01 UTC.
  public var commitTime: Int64

  /// Bytes of every file of the commit: the sum of `bytesByFileKind`.
  public var totalBytes: Int { bytesByFileKind.values.reduce(0, +) }
}
