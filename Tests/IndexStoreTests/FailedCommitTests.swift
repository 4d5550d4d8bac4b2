#if canImport(Glibc)
import Glibc
#endif

import IndexStore
import Ingest
import Testing
import TextAnalysis

/// A commit that fails on the way (here: writing the pending manifest,
/// blocked by a directory of the same name) throws, leaves the
/// previous commit intact and searchable, and a later commit succeeds
/// (RELIABILITY.md R6, tantivy's test_write_commit_fails).
@Test func failedCommitKeepsThePreviousCommit() throws {
  let path = makeTemporaryDirectory("failed-commit")
  defer { removeTree(path) }
  let analyzer = Analyzer()
  let old = ChineseCorpus.documents(count: 100, seed: 7, prefix: "old")
  let writer = try IndexWriter(path: path, analyzer: analyzer)
  for document in old { _ = try writer.add(document) }
  let first = try writer.commit()
  writer.close()

  // Block the next pending manifest once the writer is open.
  let failing = try IndexWriter(path: path, analyzer: analyzer)
  let blocked = path + "/pending-manifest-\(first.generation + 1)"
  #expect(mkdir(blocked, 0o700) == 0)
  for document in ChineseCorpus.documents(count: 50, seed: 8, prefix: "new") { _ = try failing.add(document) }
  #expect(throws: (any Error).self) { try failing.commit() }
  failing.close()

  let reader = try IndexReader.open(path: path)
  #expect(reader.generation == first.generation)
  #expect(reader.documentCount == 100)
  #expect(try reader.document(id: "new-0") == nil)
  #expect(try reader.document(id: old[0].id) == old[0])
  #expect(IndexChecker.check(path: path).isClean)

  // Clear the fault: the next writer commits normally.
  #expect(rmdir(blocked) == 0)
  let retry = try IndexWriter(path: path, analyzer: analyzer)
  for document in ChineseCorpus.documents(count: 50, seed: 8, prefix: "new") { _ = try retry.add(document) }
  let second = try retry.commit()
  retry.close()
  #expect(second.documentCount == 150)
  #expect(IndexChecker.check(path: path).isClean)
}

/// A commit whose directory fsync fails, the one before the manifest's rename
/// or the one after it, is reported failed and leaves the commit before: a
/// manifest already renamed into place is taken back (RELIABILITY.md R6, #48).
@Test(arguments: [0, 1])
func aFailedDirectoryFsyncTakesTheCommitBack(succeedingSyncs: Int) throws {
  let path = makeTemporaryDirectory("failed-fsync")
  defer {
    FailPoints.failDirectorySync(path, false)
    removeTree(path)
  }
  let analyzer = Analyzer()
  let writer = try IndexWriter(path: path, analyzer: analyzer)
  for document in ChineseCorpus.documents(count: 40, seed: 9, prefix: "old") { _ = try writer.add(document) }
  let first = try writer.commit()
  for document in ChineseCorpus.documents(count: 20, seed: 10, prefix: "new") { _ = try writer.add(document) }
  FailPoints.failDirectorySync(path, true, after: succeedingSyncs)
  FileJournal.start(path)
  #expect(throws: IndexError.self) { try writer.commit() }
  let operations = FileJournal.stop(path)
  FailPoints.failDirectorySync(path, false)
  writer.close()
  let published = "manifest-\(first.generation + 1)"
  #expect(operations.contains(.renamed(from: "pending-manifest-\(first.generation + 1)", to: published))
            == (succeedingSyncs == 1), "\(operations.filter { if case .synced = $0 { false } else { true } })")

  let reader = try IndexReader.open(path: path)
  #expect(reader.generation == first.generation)
  #expect(reader.documentCount == 40)
  #expect(try reader.document(id: "new-0") == nil)
  #expect(!listDirectory(path).contains("manifest-\(first.generation + 1)"))
  #expect(IndexChecker.check(path: path).isClean)

  let retry = try IndexWriter(path: path, analyzer: analyzer)
  for document in ChineseCorpus.documents(count: 20, seed: 10, prefix: "new") { _ = try retry.add(document) }
  #expect(try retry.commit().documentCount == 60)
  retry.close()
}

/// A directory of the user's own files is not made an index: the writer
/// would otherwise collect a file that only looks like one of its own.
@Test func aDirectoryOfOtherFilesIsNotMadeAnIndex() throws {
  let path = makeTemporaryDirectory("not-an-index")
  defer { removeTree(path) }
  for name in ["notes.txt", "s9.terms"] {
    let fd = open(path + "/" + name, O_WRONLY | O_CREAT, 0o644)
    #expect(fd >= 0)
    close(fd)
  }
  #expect(throws: IndexError.notAnIndexDirectory(path: path, found: "notes.txt")) {
    _ = try IndexWriter(path: path, analyzer: Analyzer())
  }
  #expect(Set(listDirectory(path)) == ["notes.txt", "s9.terms"], "nothing created, nothing collected")
}

/// Petitions name people: the index is its owner's alone.
@Test func indexFilesAreTheOwnersAlone() throws {
  let parent = makeTemporaryDirectory("private")
  defer { removeTree(parent) }
  let path = parent + "/index"
  let writer = try IndexWriter(path: path, analyzer: Analyzer())
  for document in ChineseCorpus.documents(count: 10, seed: 11) { _ = try writer.add(document) }
  try writer.delete(id: "doc-1")
  try writer.commit()
  writer.close()
  var info = stat()
  #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o700)
  for name in listDirectory(path) {
    #expect(stat(path + "/" + name, &info) == 0 && info.st_mode & 0o077 == 0, "\(name)")
  }
}

/// A huge field is analyzed only up to `maxAnalyzedBytesPerField` (bounding
/// the memory one document takes), stored whole, and the cut is said.
@Test func aHugeFieldIsIndexedUpToItsLimitAndSaysSo() throws {
  let path = makeTemporaryDirectory("field-limit")
  let input = makeTemporaryDirectory("field-limit-input")
  defer {
    removeTree(path)
    removeTree(input)
  }
  // 30 bytes of 噪声, then 扬尘 from byte 30 on: a limit of 31 bytes cuts inside 扬.
  let body = "夜间噪声扰民噪声很大" + "扬尘"
  let line = #"{"id":"H-1","title":"投诉","body":"\#(body)"}"# + "\n"
  let fd = open(input + "/big.jsonl", O_WRONLY | O_CREAT, 0o644)
  _ = Array(line.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  close(fd)
  var options = IndexWriterOptions()
  options.maxAnalyzedBytesPerField = 31
  let writer = try IndexWriter(path: path, analyzer: Analyzer(), options: options)
  let report = try BatchIndexer().run(paths: [input], writer: writer)
  writer.close()
  #expect(report.issues.contains { $0.severity == .warning && $0.message.hasPrefix("body of 36 bytes: only its first 31") },
          "\(report.issues.map(\.message))")
  let reader = try IndexReader.open(path: path)
  #expect(try reader.document(id: "H-1")?.body == body, "stored whole")
  let segment = try #require(reader.segments.first)
  #expect(segment.termInfo(.body, "噪声") != nil)
  #expect(segment.termInfo(.bodyBigrams, "扬尘") == nil, "past the limit, not indexed")
  #expect(segment.termInfo(.bodyBigrams, "很大") != nil, "up to the last whole character before it")
  #expect(segment.termInfo(.bodyBigrams, "大\u{FFFD}") == nil && segment.termInfo(.body, "\u{FFFD}") == nil)
  var clamped = IndexWriterOptions()
  clamped.maxAnalyzedBytesPerField = -5
  #expect(clamped.maxAnalyzedBytesPerField == 1)
}

/// RELIABILITY.md R6: a commit whose k-th file-system request fails (EIO or
/// ENOSPC; each request of the commit in turn: creating, writing and fsyncing
/// every file, the directory fsyncs, the rename) throws, leaves the previous
/// commit exactly as it was, and the next commit, with the fault gone,
/// succeeds (tantivy's `test_write_commit_fails`).
@Test func aFailureAtEachFileSystemRequestOfACommitLeavesThePreviousCommit() throws {
  let analyzer = Analyzer()
  let old = ChineseCorpus.documents(count: 40, seed: 21, prefix: "old")
  let new = ChineseCorpus.documents(count: 20, seed: 22, prefix: "new")
  var options = IndexWriterOptions()
  options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 5)  // the commit also merges
  var request = 1
  var failures = 0
  while request < 500 {
    let path = makeTemporaryDirectory("failing-request")
    defer {
      FailPoints.failRequest(in: path, number: nil)
      removeTree(path)
    }
    let first = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in old { _ = try first.add(document) }
    try first.commit()
    first.close()

    let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in new { _ = try writer.add(document) }
    _ = try writer.add(old[3])  // a replacement: a deletion file too
    _ = try writer.delete(id: old[5].id)
    let code = request % 2 == 0 ? ENOSPC : EIO
    FailPoints.failRequest(in: path, number: request, code: code)
    do {
      try writer.commit()
      writer.close()
      FailPoints.failRequest(in: path, number: nil)
      break  // past the last request: every one has been failed once
    } catch let error as IndexError {
      failures += 1
      #expect("\(error)".contains(String(cString: strerror(code))), "request \(request): \(error)")
    }
    writer.close()
    FailPoints.failRequest(in: path, number: nil)

    let reader = try IndexReader.open(path: path)
    #expect(reader.generation == 1, "request \(request)")
    var found: [String: Document] = [:]
    try reader.forEachDocument { found[$0.id] = $0 }
    #expect(found == Dictionary(uniqueKeysWithValues: old.map { ($0.id, $0) }), "request \(request): \(found.count) documents")
    #expect(IndexChecker.check(path: path).isClean, "request \(request)")

    let retry = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in new { _ = try retry.add(document) }
    #expect(try retry.commit().documentCount == 60, "request \(request)")
    retry.close()
    request += 1
  }
  #expect(failures > 20, "a commit of a segment, a merge and deletions makes more requests than \(failures)")
  print("FailedCommitTests: each of the \(failures) file-system requests of a commit failed in turn")
}

/// A rollback drops every change since the last commit (buffered, flushed in
/// the background, deletions, replacements), deletes their files, and leaves
/// the writer open on that commit: the next commit holds only what follows.
@Test func aRollbackReturnsTheWriterToTheLastCommit() throws {
  let path = makeTemporaryDirectory("rollback")
  defer { removeTree(path) }
  let analyzer = Analyzer()
  var options = IndexWriterOptions()
  options.memoryBudgetBytes = 16 << 10  // flush in the background while adding
  options.analysisBatchSize = 8
  options.mergePolicy = .never
  let old = ChineseCorpus.documents(count: 30, seed: 31, prefix: "old")
  let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
  for document in old { _ = try writer.add(document) }
  try writer.commit()
  let committedFiles = Set(listDirectory(path))

  for document in ChineseCorpus.documents(count: 200, seed: 32, prefix: "dropped") { _ = try writer.add(document) }
  _ = try writer.add(old[0])  // a replacement of a document this writer committed
  #expect(try writer.delete(id: old[1].id))
  #expect(listDirectory(path).count > committedFiles.count, "a segment was flushed before the rollback")
  try writer.rollback()
  #expect(writer.documentCount == 30)
  #expect(Set(listDirectory(path)) == committedFiles, "the dropped segments' files are gone")

  // The same ids again: a replacement after the rollback replaces, once.
  #expect(try writer.add(old[0]) == .replaced)
  _ = try writer.add(Document(id: "kept", body: "回滚之后写入的文档。"))
  let info = try writer.commit()
  writer.close()
  #expect(info.documentCount == 31)
  var found: [String: Int] = [:]
  try IndexReader.open(path: path).forEachDocument { found[$0.id, default: 0] += 1 }
  #expect(found.count == 31 && found.values.allSatisfy { $0 == 1 } && found["kept"] == 1 && found[old[1].id] == 1)
  #expect(found.keys.allSatisfy { !$0.hasPrefix("dropped") })
  #expect(IndexChecker.check(path: path).isClean)
}

/// A rebuilding writer's rollback returns to no documents, not to the commit it replaces.
@Test func aRebuildingWritersRollbackStartsFromNothing() throws {
  let path = makeTemporaryDirectory("rollback-rebuild")
  defer { removeTree(path) }
  let analyzer = Analyzer()
  let first = try IndexWriter(path: path, analyzer: analyzer)
  for document in ChineseCorpus.documents(count: 30, seed: 33, prefix: "old") { _ = try first.add(document) }
  try first.commit()
  first.close()
  let writer = try IndexWriter(path: path, analyzer: analyzer, rebuild: true)
  for document in ChineseCorpus.documents(count: 5, seed: 34, prefix: "dropped") { _ = try writer.add(document) }
  try writer.rollback()
  #expect(try IndexReader.open(path: path).documentCount == 30, "readers still see the old commit")
  for document in ChineseCorpus.documents(count: 2, seed: 35, prefix: "new") { _ = try writer.add(document) }
  #expect(try writer.commit().documentCount == 2)
  writer.close()
  #expect(IndexChecker.check(path: path).isClean)
}
