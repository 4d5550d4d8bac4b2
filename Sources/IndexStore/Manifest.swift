import TextAnalysis

/// The commit point: which segments (and deletion files) make up generation G.
///
/// File `manifest-G`: header (kind 9, empty segment name), a binary body
/// (see `encode`), footer. Written as `pending-manifest-G`, fsynced, renamed to
/// `manifest-G`, then the directory is fsynced: the rename publishes the commit.
struct Manifest: Equatable {
  struct Segment: Equatable {
    var name: String
    var maxDoc: UInt32
    var deletedCount: Int
    /// `sN_G.del` when the segment has deletions.
    var deletionFile: String?
    /// The CRC-32 each of the segment's seven files records in its footer
    /// (`FileKind.segmentFiles` order); nil in manifests before version 2.
    var fileChecksums: [UInt32]? = nil
  }

  var formatVersion: Int
  var generation: Int
  /// Seconds since 1970-01-01 UTC.
  var commitTime: Int64
  var analyzer: AnalyzerIdentity
  /// The lexicon and stop words the index was built with, so a reader can rebuild the analyzer.
  var lexicon: String
  var stopWords: String
  /// The number the next new segment gets (`s<N>`).
  var nextSegmentNumber: Int
  var segments: [Segment]

  var documentCount: Int { segments.reduce(0) { $0 + Int($1.maxDoc) - $1.deletedCount } }

  /// Every file the commit references.
  var fileNames: Set<String> {
    var names: Set<String> = [FileKind.manifestFileName(generation: generation)]
    for segment in segments {
      for kind in FileKind.segmentFiles { names.insert(FileKind.segmentFileName(segment.name, kind)) }
      if let deletionFile = segment.deletionFile { names.insert(deletionFile) }
    }
    return names
  }

  /// The body grammar: generation (u64), commit time (i64), analyzer version
  /// (varint), ICU version, lexicon checksum, stop-words checksum, lexicon,
  /// stop words (strings), next segment number (varint), segment count
  /// (varint), then per segment: name, maxDoc (u32), deleted count (u32),
  /// deletion file name ("" for none), and since version 2 the seven files'
  /// checksums (u32 each, `FileKind.segmentFiles` order).
  func encode() -> BinaryWriter {
    var w = BinaryWriter(kind: .manifest, segment: "")
    w.appendUInt64(UInt64(generation))
    w.appendUInt64(UInt64(bitPattern: commitTime))
    w.appendVarint(UInt64(max(0, analyzer.analyzerVersion)))
    w.appendString(analyzer.icuVersion)
    w.appendString(analyzer.lexiconChecksum)
    w.appendString(analyzer.stopWordsChecksum)
    w.appendString(lexicon)
    w.appendString(stopWords)
    w.appendVarint(UInt64(nextSegmentNumber))
    w.appendVarint(UInt64(segments.count))
    for segment in segments {
      w.appendString(segment.name)
      w.appendUInt32(segment.maxDoc)
      w.appendUInt32(UInt32(segment.deletedCount))
      w.appendString(segment.deletionFile ?? "")
      // 0 stands for "not recorded" (a reader then skips that file's comparison).
      let checksums = segment.fileChecksums ?? []
      for index in FileKind.segmentFiles.indices {
        w.appendUInt32(index < checksums.count ? checksums[index] : 0)
      }
    }
    w.finish()
    return w
  }

  func write(directory: String) throws {
    let pending = SegmentFormat.pendingManifestPrefix + String(generation)
    FileSystem.remove(directory + "/" + pending)
    let file = try OutputFile(directory: directory, name: pending)
    var body = encode()
    // `encode` already framed the bytes; write them as they are.
    try file.write(&body)
    try file.finishRaw()
    // Make the names of every file the manifest lists durable before the
    // name that publishes them: without this fsync a power failure could
    // keep `manifest-G` and lose a segment file's directory entry (POSIX
    // orders neither; Lucene syncs the directory here too).
    try FileSystem.syncDirectory(directory)
    FailPoints.reached(.manifestWritten)
    let published = directory + "/" + FileKind.manifestFileName(generation: generation)
    try FileSystem.rename(directory + "/" + pending, published)
    FailPoints.reached(.renamed)
    do {
      try FileSystem.syncDirectory(directory)
      FailPoints.reached(.directorySynced)
    } catch {
      // The rename may not survive a crash and the commit is about to be
      // reported as failed: take it back, so that readers see what the
      // error says, the commit before (Lucene deletes its segments_N too).
      FileSystem.remove(published)
      throw error
    }
  }

  static func read(directory: String, generation: Int) throws -> Manifest {
    let file = try MappedFile(path: directory + "/" + FileKind.manifestFileName(generation: generation))
    try file.verifyFrame(kind: .manifest, segment: "", checksum: true)
    var r = file.reader()
    let storedGeneration = try r.readUInt64()
    let commitTime = Int64(bitPattern: try r.readUInt64())
    let analyzerVersion = try r.readVarint()
    let identity = AnalyzerIdentity(analyzerVersion: Int(truncatingIfNeeded: analyzerVersion), icuVersion: try r.readString(),
                                    lexiconChecksum: try r.readString(), stopWordsChecksum: try r.readString())
    let lexicon = try r.readString()
    let stopWords = try r.readString()
    let nextSegmentNumber = try r.readVarint()
    let count = try r.readCount(perItem: 10)
    var segments: [Segment] = []
    for _ in 0..<count {
      let name = try r.readString()
      let maxDoc = try r.readUInt32()
      let deleted = try r.readUInt32()
      let deletionFile = try r.readString()
      var checksums: [UInt32]? = nil
      if file.version >= 2 {
        checksums = try FileKind.segmentFiles.map { _ in try r.readUInt32() }
      }
      guard FileKind.isEngineFile(FileKind.segmentFileName(name, .terms)), deleted <= maxDoc,
            deletionFile.isEmpty || FileKind.isEngineFile(deletionFile)
      else { throw r.corrupted("bad segment entry \"\(name)\"") }
      segments.append(Segment(name: name, maxDoc: maxDoc, deletedCount: Int(deleted),
                              deletionFile: deletionFile.isEmpty ? nil : deletionFile, fileChecksums: checksums))
    }
    guard r.remaining == 0 else { throw r.corrupted("\(r.remaining) unexpected bytes after the segment list") }
    guard storedGeneration == UInt64(generation), nextSegmentNumber < UInt64(Int32.max) else {
      throw IndexError.corrupted(file: file.name, reason: "says generation \(storedGeneration)")
    }
    return Manifest(formatVersion: Int(file.version), generation: generation, commitTime: commitTime,
                    analyzer: identity, lexicon: lexicon, stopWords: stopWords,
                    nextSegmentNumber: Int(nextSegmentNumber), segments: segments)
  }

  /// The highest committed generation in a directory, nil if there is none.
  static func latestGeneration(directory: String) throws -> Int? {
    try FileSystem.listDirectory(directory).compactMap(FileKind.manifestGeneration).max()
  }
}

/// Where the analyzer's lexicon and stop words are turned into stored text and back.
///
/// The manifest keeps `Lexicon.text` and `StopWords.text` (canonical word
/// lists), so a reader rebuilds exactly the analyzer the index was built with.
enum AnalyzerStorage {
  static func lexiconText(_ analyzer: Analyzer) -> String { analyzer.lexicon.text }
  static func stopWordsText(_ analyzer: Analyzer) -> String { analyzer.stopWords.text }

  /// The stored analyzer; throws `corrupted` when the stored word lists do not parse.
  static func analyzer(lexicon: String, stopWords: String, file: String) throws -> Analyzer {
    do {
      return Analyzer(lexicon: try Lexicon(text: lexicon, source: file), stopWords: try StopWords(text: stopWords, source: file))
    } catch {
      throw IndexError.corrupted(file: file, reason: "stored lexicon or stop words do not parse: \(error)")
    }
  }
}
