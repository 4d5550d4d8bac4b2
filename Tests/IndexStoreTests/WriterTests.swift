#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import IndexStore
import Ingest
import Synchronization
import Testing
import TextAnalysis

/// Merging, locking, analyzer identity, garbage collection and snapshot isolation.
@Suite struct WriterTests {
  let analyzer = Analyzer()

  /// Everything a query can observe: per field and term, the postings by id; statistics; documents.
  private func observable(_ path: String) throws -> [String] {
    let reader = try IndexReader.open(path: path)
    var lines: [String] = ["documents \(reader.documentCount)"]
    var ids: [String] = []
    try reader.forEachDocument { ids.append($0.id) }
    let table = idTable(reader, ids)
    for field in IndexedField.allCases {
      let stats = reader.collectionStatistics(field)
      lines.append("\(field.name) N=\(stats.documentCount) total=\(stats.totalFieldLength)")
      var vocabulary: Set<String> = []
      for segment in reader.segments { vocabulary.formUnion(segment.terms(field, prefix: "")) }
      for term in vocabulary.sorted() {
        let postings = try indexPostings(reader, field, term, ids: table)
        lines.append("\(field.name) \(term) df=\(reader.documentFrequency(field, term)) "
          + postings.sorted { $0.id < $1.id }.map { "\($0.id):\($0.positions)" }.joined(separator: " "))
      }
    }
    for id in ids.sorted() { lines.append("\(id) \(String(describing: try reader.document(id: id)))") }
    return lines
  }

  @Test func anIndexMergedFromManySegmentsAnswersLikeOneBuiltInOnePass() throws {
    let onePass = makeTemporaryDirectory("onepass")
    let merged = makeTemporaryDirectory("merged")
    defer {
      removeTree(onePass)
      removeTree(merged)
    }
    let documents = ChineseCorpus.documents(count: 90, seed: 5)
    let writer = try IndexWriter(path: onePass, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()

    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 3, minimumSegmentDocuments: 4)
    let many = try IndexWriter(path: merged, analyzer: analyzer, options: options)
    var segmentCounts: [Int] = []
    for (i, document) in documents.enumerated() {
      try many.add(document)
      if i % 4 == 3 { segmentCounts.append(try many.commit().segmentCount) }
    }
    let final = try many.commit()
    many.close()
    #expect(final.documentCount == 90)
    #expect(segmentCounts.max() ?? 0 <= 9, "log-merge keeps few segments: \(segmentCounts)")
    #expect(try observable(merged) == observable(onePass))
    #expect(IndexChecker.check(path: merged).isClean)
  }

  @Test func forceMergeLeavesAtMostTheSegmentsAskedAndAnswersLikeOnePass() throws {
    let onePass = makeTemporaryDirectory("force-onepass")
    let merged = makeTemporaryDirectory("force-merged")
    defer {
      removeTree(onePass)
      removeTree(merged)
    }
    let documents = ChineseCorpus.documents(count: 60, seed: 8)
    var options = IndexWriterOptions()
    options.mergePolicy = .never
    let writer = try IndexWriter(path: merged, analyzer: analyzer, options: options)
    for (i, document) in documents.enumerated() {
      try writer.add(document)
      if i % 10 == 9 { try writer.commit() }
    }
    try writer.delete(id: "doc-3")
    try writer.delete(id: "doc-41")
    #expect(try writer.commit().segmentCount == 6)
    let two = try writer.forceMerge(maxSegments: 2)
    #expect(two.segmentCount == 2)
    #expect(two.documentCount == 58)
    #expect(try IndexReader.open(path: merged).stats().deletedDocuments == 0, "deleted documents are dropped")
    // Already few enough segments: the one with a deletion is still rewritten.
    try writer.delete(id: "doc-50")
    #expect(try writer.commit().segmentCount == 2)
    #expect(try IndexReader.open(path: merged).stats().deletedDocuments == 1)
    let five = try writer.forceMerge(maxSegments: 5)
    #expect(five.segmentCount == 2)
    #expect(five.documentCount == 57)
    #expect(try IndexReader.open(path: merged).stats().deletedDocuments == 0)
    let one = try writer.forceMerge()
    #expect(one.segmentCount == 1)
    #expect(one.generation == five.generation + 1)
    writer.close()
    let reader = try IndexReader.open(path: merged)
    #expect(reader.segments.count == 1)
    #expect(reader.segments.first?.deletedCount == 0, "deleted documents are dropped")

    let live = documents.filter { !["doc-3", "doc-41", "doc-50"].contains($0.id) }
    let single = try IndexWriter(path: onePass, analyzer: analyzer)
    for document in live { try single.add(document) }
    try single.commit()
    single.close()
    #expect(try observable(merged) == observable(onePass))
    #expect(IndexChecker.check(path: merged).isClean)
  }

  @Test func backgroundMergesWhileIndexingKeepEveryChange() throws {
    // A tiny memory budget flushes every few documents, so merges start in
    // the background while later documents delete and replace earlier ones
    // (some of them in segments being merged at that moment).
    let merged = makeTemporaryDirectory("bg-merged")
    defer { removeTree(merged) }
    let documents = ChineseCorpus.documents(count: 240, seed: 11)
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 3, minimumSegmentDocuments: 4)
    options.memoryBudgetBytes = 24 << 10
    options.analysisBatchSize = 8
    let many = try IndexWriter(path: merged, analyzer: analyzer, options: options)
    var expected: [String: Document] = [:]
    for (i, document) in documents.enumerated() {
      try many.add(document)
      expected[document.id] = document
      if i % 7 == 6 {
        let victim = documents[i / 2].id
        if try many.delete(id: victim) { expected[victim] = nil }
      }
      if i % 11 == 10 {
        var replacement = documents[i / 3]
        replacement.body = "第\(i)次更新：群众反映的异味问题已整改到位。"
        try many.add(replacement)
        expected[replacement.id] = replacement
      }
    }
    let info = try many.commit()
    many.close()
    #expect(info.documentCount == expected.count)
    #expect(IndexChecker.check(path: merged).isClean)
    let reader = try IndexReader.open(path: merged)
    #expect(reader.segments.count < 12, "merged while indexing: \(reader.segments.count) segments")
    for (id, document) in expected { #expect(try reader.document(id: id) == document) }
    for document in documents where expected[document.id] == nil { #expect(try reader.document(id: document.id) == nil) }
  }

  @Test func mergesDropDeletedDocumentsAndReplacesAreLastWins() throws {
    let path = makeTemporaryDirectory("merge-deletes")
    defer { removeTree(path) }
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 100)
    let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    let documents = ChineseCorpus.documents(count: 30, seed: 9)
    for document in documents[0..<15] { try writer.add(document) }
    try writer.commit()
    for document in documents[15..<30] { try writer.add(document) }
    #expect(try writer.delete(id: "doc-3"))
    #expect(try !writer.delete(id: "doc-3"))
    var replacement = documents[4]
    replacement.body = "更新后的正文：整改已完成。"
    #expect(try writer.add(replacement) == .replaced)
    #expect(try writer.add(replacement) == .replaced)
    let info = try writer.commit()
    writer.close()
    #expect(info.documentCount == 29)
    #expect(info.segmentCount == 1)
    let reader = try IndexReader.open(path: path)
    #expect(reader.segments.first?.deletedCount == 0)
    #expect(reader.segments.first?.maxDoc == 29)
    #expect(try reader.document(id: "doc-3") == nil)
    #expect(try reader.document(id: "doc-4") == replacement)
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func aSecondWriterGetsLockedWithThePid() throws {
    let path = makeTemporaryDirectory("lock")
    defer { removeTree(path) }
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    #expect(throws: IndexError.locked(pid: getpid())) { try IndexWriter(path: path, analyzer: analyzer) }
    #expect(IndexError.locked(pid: 42).description.contains("index is locked by pid 42"))
    writer.close()
    let again = try IndexWriter(path: path, analyzer: analyzer)
    again.close()
  }

  @Test func anotherAnalyzerIsDetectedAndRebuildReplacesEverything() throws {
    let path = makeTemporaryDirectory("analyzer")
    defer { removeTree(path) }
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in ChineseCorpus.documents(count: 10, seed: 1) { try writer.add(document) }
    try writer.commit()
    writer.close()
    let other = Analyzer(lexicon: Lexicon(words: ["生态环境", "督察组"]))
    #expect(other.identity != analyzer.identity)
    let error = #expect(throws: IndexError.self) { try IndexWriter(path: path, analyzer: other) }
    #expect(error == .analyzerMismatch(index: analyzer.identity, current: other.identity))
    #expect(error?.description.contains("search index build") == true)
    #expect(throws: IndexError.self) { try IndexReader.open(path: path, expecting: other) }
    let reader = try IndexReader.open(path: path)
    #expect(reader.analyzer.identity == analyzer.identity)

    let rebuild = try IndexWriter(path: path, analyzer: other, rebuild: true)
    for document in ChineseCorpus.documents(count: 3, seed: 2, prefix: "new") { try rebuild.add(document) }
    let info = try rebuild.commit()
    rebuild.close()
    #expect(info.documentCount == 3)
    let rebuilt = try IndexReader.open(path: path, expecting: other)
    #expect(rebuilt.documentCount == 3)
    #expect(rebuilt.analyzer.identity == other.identity)
    #expect(try rebuilt.document(id: "doc-0") == nil)
  }

  /// A merge factor below 2 (with 1 a segment's level would never end) or a
  /// minimum below 1 set on the policy is taken as 2 and 1: commits finish
  /// and merge.
  @Test func mergePolicySettingsOutOfRangeAreClamped() throws {
    var policy = MergePolicy()
    policy.mergeFactor = 1
    policy.minimumSegmentDocuments = -3
    #expect(policy == MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 1))
    let path = makeTemporaryDirectory("clamped")
    defer { removeTree(path) }
    var options = IndexWriterOptions()
    options.mergePolicy = policy
    let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in ChineseCorpus.documents(count: 8, seed: 9) {
      try writer.add(document)
      try writer.commit()
    }
    writer.close()
    let reader = try IndexReader.open(path: path)
    #expect(reader.documentCount == 8)
    #expect(reader.segments.count < 8)
  }

  @Test func garbageCollectionKeepsFilesAnOpenReaderMaps() throws {
    let path = makeTemporaryDirectory("gc")
    defer { removeTree(path) }
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 1)
    let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    let documents = ChineseCorpus.documents(count: 20, seed: 4)
    for document in documents[0..<10] { try writer.add(document) }
    try writer.commit()
    let old = try IndexReader.open(path: path)
    writer.close()
    writeFile(path + "/notes.txt", Array("用户自己的文件".utf8))
    let second = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in documents[10..<20] { try second.add(document) }
    #expect(try second.delete(id: "doc-1"))
    try second.commit()  // merges s1 with the new segment
    // The old snapshot still reads its (now unreferenced) files.
    #expect(old.documentCount == 10)
    #expect(try old.document(id: "doc-1") == documents[1])
    let oldNames = old.segments.map(\.name)
    #expect(listDirectory(path).contains { $0.hasPrefix(oldNames[0] + ".") })
    _ = consume old
    try second.commit()  // now they can go
    second.close()
    let names = listDirectory(path)
    #expect(!names.contains { $0.hasPrefix(oldNames[0] + ".") }, "\(names)")
    #expect(names.contains("notes.txt"))
    #expect(names.filter { $0.hasPrefix("manifest-") }.count == 1)
    let reader = try IndexReader.open(path: path)
    #expect(reader.documentCount == 19)
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func readersDuringOneHundredCommitsOnlySeeWholeCommits() throws {
    let path = makeTemporaryDirectory("snapshots")
    defer { removeTree(path) }
    let commits = 100
    let done = Atomic<Bool>(false)
    let failures = Mutex<[String]>([])
    let observations = Atomic<Int>(0)
    var writerOptions = IndexWriterOptions()
    writerOptions.mergePolicy = MergePolicy(mergeFactor: 4, minimumSegmentDocuments: 5)
    let options = writerOptions
    let analyzer = self.analyzer
    DispatchQueue.concurrentPerform(iterations: 3) { worker in
      if worker == 0 {
        do {
          let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
          for k in 0..<commits {
            for i in 0..<5 { try writer.add(Document(id: "g\(k)-\(i)", category: "第\(k)批", body: "第\(k)批整改任务。")) }
            try writer.add(Document(id: "fixed", body: "版本\(k)"))
            if k > 0 { try writer.delete(id: "g\(k - 1)-0") }
            try writer.commit()
          }
          writer.close()
        } catch {
          failures.withLock { $0.append("writer: \(error)") }
        }
        done.store(true, ordering: .releasing)
        return
      }
      var sawCommit = false
      while !done.load(ordering: .acquiring) {
        // Before the first commit there is no index; after it, opening never fails.
        let reader: IndexReader
        do {
          reader = try IndexReader.open(path: path)
        } catch IndexError.notFound where !sawCommit {
          continue
        } catch {
          failures.withLock { $0.append("open: \(error)") }
          continue
        }
        sawCommit = true
        observations.add(1, ordering: .relaxed)
        // Commit k holds 5(k+1) + 1 documents minus k deletions = 4k + 6.
        let k = (reader.documentCount - 6) / 4
        do {
          let fixed = try reader.document(id: "fixed")
          let newest = try reader.document(id: "g\(k)-4")
          let next = try reader.document(id: "g\(k + 1)-0")
          let deleted = k == 0 ? nil : try reader.document(id: "g\(k - 1)-0")
          let whole = reader.documentCount == 4 * k + 6 && fixed?.body == "版本\(k)" && newest != nil && next == nil
            && deleted == nil
          if !whole { failures.withLock { $0.append("torn view: \(reader.documentCount) docs, fixed \(fixed?.body ?? "nil")") } }
        } catch {
          failures.withLock { $0.append("reader: \(error)") }
        }
      }
    }
    #expect(failures.withLock { $0 } == [])
    #expect(observations.load(ordering: .relaxed) > 0)
    #expect(try IndexReader.open(path: path).documentCount == 4 * (commits - 1) + 6)
  }
}
