import IndexStore
import Ingest
import Testing
import TextAnalysis

/// Postings blocks a merge copies from its sources (version 2 postings
/// files, blocks of any size up to 128), and version 1 files that still
/// read and merge.
@Suite struct MergedPostingsTests {
  let analyzer = Analyzer()

  /// Indexes written by earlier versions, from Tests/Fixtures/v1-postings-index.jsonl
  /// with `search index build --no-lexicon`: 300 documents, every body
  /// starting with 群众反映河道污染。 Version 1: before postings blocks could be
  /// short; version 2: before skip entries held impacts.
  static func fixture(_ version: Int) -> String {
    String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
      .joined(separator: "/")) + "/Fixtures/v\(version)-postings-index"
  }

  private func postingsVersion(_ path: String) -> UInt16 {
    let bytes = readFile(path)
    return bytes.count > 8 ? UInt16(bytes[5]) | UInt16(bytes[6]) << 8 : 0
  }

  /// Documents 0..<count; every third one (by a seeded draw) holds 污水 one to four times.
  private func documents(_ range: Range<Int>, expected: inout [String]) -> [Document] {
    var rng = SeededGenerator(seed: 23)
    var result: [Document] = []
    for i in 0..<range.upperBound {
      let hit = Int.random(in: 0..<3, using: &rng) == 0
      let repeats = Int.random(in: 1...4, using: &rng)
      guard range.contains(i) else { continue }
      let body = hit ? "群众反映" + String(repeating: "污水直排入河。", count: repeats) : "空气质量持续改善。"
      if hit { expected.append("d\(i)") }
      result.append(Document(id: "d\(i)", type: "petition", region: "赫山区", category: "水", body: body))
    }
    return result
  }

  /// Every document id with the positions of `term` in `field`, in document order, one segment.
  private func postingsList(_ segment: SegmentReader, _ field: IndexedField, _ term: String) throws -> [String] {
    guard var postings = try segment.postings(field, term) else { return [] }
    var result: [String] = []
    while postings.next() != PostingsIterator.exhausted {
      let doc = postings.doc
      result.append("\(try segment.document(doc).id):\(postings.positions())")
    }
    #expect(postings.error == nil)
    return result
  }

  @Test func mergesCopyLongListsBlockByBlockAndAnswerLikeOnePass() throws {
    let onePass = makeTemporaryDirectory("copy-onepass")
    let merged = makeTemporaryDirectory("copy-merged")
    defer {
      removeTree(onePass)
      removeTree(merged)
    }
    var expected: [String] = []
    let all = documents(0..<2000, expected: &expected)
    let writer = try IndexWriter(path: onePass, analyzer: analyzer)
    for document in all { try writer.add(document) }
    try writer.commit()
    writer.close()

    // Four commits of 500 (each about 170 documents with 污水: two blocks,
    // the last short); merges of two, then of the two merged segments, so
    // the second merge copies blocks that are short in the middle of a list.
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 400)
    let many = try IndexWriter(path: merged, analyzer: analyzer, options: options)
    for batch in 0..<4 {
      for document in all[(batch * 500)..<((batch + 1) * 500)] { try many.add(document) }
      try many.commit()
    }
    many.close()

    let reader = try IndexReader.open(path: merged)
    #expect(reader.segments.count == 1)
    let segment = try #require(reader.segments.first)
    #expect(postingsVersion(merged + "/\(segment.name).postings") == 3)
    let reference = try #require(IndexReader.open(path: onePass).segments.first)
    for (field, term) in [(IndexedField.bodyBigrams, "污水"), (.bodyBigrams, "直排"), (.body, "污水"), (.body, "群众")] {
      let got = try postingsList(segment, field, term)
      #expect(got.count > 128, "\(term) spans several blocks")
      #expect(got == (try postingsList(reference, field, term)), "\(field.name) \(term)")
    }
    let copied = try #require(try segment.postings(.bodyBigrams, "污水"))
    let info = try #require(segment.termInfo(.bodyBigrams, "污水"))
    #expect(info.documentFrequency == expected.count)
    #expect(copied.blocks > (expected.count + 127) / 128, "copied lists keep their sources' short blocks")
    #expect(info.maxTermFrequency == 4)

    // advance(to:) over short blocks, against the brute-force answer.
    let docs = expected.compactMap { segment.docID(forKey: $0) }.sorted()
    try expectAdvanceFindsExpectedDocuments(segment, .bodyBigrams, "污水", expected: docs, seed: 7)
    #expect(IndexChecker.check(path: merged).isClean)
  }

  @Test(arguments: [1, 2]) func anOlderPostingsFileStillReadsAndMerges(version: Int) throws {
    let path = makeTemporaryDirectory("postings-v\(version)")
    defer { removeTree(path) }
    copyDirectory(Self.fixture(version), path)
    #expect(postingsVersion(path + "/s1.postings") == UInt16(version))
    #expect(IndexChecker.check(path: path).isClean)

    let reader = try IndexReader.open(path: path)
    #expect(reader.documentCount == 300)
    let segment = try #require(reader.segments.first)
    let before = try postingsList(segment, .bodyBigrams, "河道")
    #expect(before.count == 300)
    #expect(try postingsList(segment, .body, "河道").count == 300)
    var postings = try #require(try segment.postings(.bodyBigrams, "河道"))
    #expect(postings.advance(to: 200) == 200)
    #expect(postings.positions() == [4])
    #expect(postings.advance(to: 299) == 299)
    #expect(postings.next() == PostingsIterator.exhausted)

    // A merge with new segments copies the old blocks into a version 3 file
    // (version 1 blocks are decoded and packed; version 2 ones copied, with
    // each block's one known pair as its impacts).
    guard reader.analyzer.identity == reader.analyzerIdentity else { return }
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 1000)
    let writer = try IndexWriter(path: path, analyzer: reader.analyzer, options: options)
    let added = (0..<200).map { i in
      Document(id: "new-\(i)", type: "信访", region: "赫山区", category: "水", body: "群众反映河道污染。第\(i)次来信。")
    }
    for document in added { try writer.add(document) }
    try writer.commit()
    writer.close()
    let after = try IndexReader.open(path: path)
    #expect(after.segments.count == 1)
    let mergedSegment = try #require(after.segments.first)
    #expect(postingsVersion(path + "/\(mergedSegment.name).postings") == 3)
    let merged = try postingsList(mergedSegment, .bodyBigrams, "河道")
    #expect(merged.count == 500)
    #expect(Array(merged.prefix(300)) == before)
    #expect(merged.last == "new-199:[4]")
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func aMergeChecksumsSegmentsItDidNotWriteBeforeCopyingTheirBytes() throws {
    let path = makeTemporaryDirectory("merge-checksum")
    defer { removeTree(path) }
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in ChineseCorpus.documents(count: 3000, seed: 4) { try writer.add(document) }
    try writer.commit()
    writer.close()
    // A flipped bit in the middle of a file too large to be checksummed on open.
    let file = path + "/s1.positions"
    var bytes = readFile(file)
    #expect(bytes.count > 256 * 1024)
    bytes[bytes.count / 2] ^= 0x10
    writeFile(file, bytes)

    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 5000)
    let merging = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in ChineseCorpus.documents(count: 1000, seed: 5, prefix: "new") { try merging.add(document) }
    do {
      try merging.commit()
      Issue.record("the merge copied a damaged segment")
    } catch let IndexError.corrupted(file, reason) {
      #expect(file == "s1.positions")
      #expect(reason.contains("checksum"))
    }
    merging.close()
    #expect(try IndexReader.open(path: path).documentCount == 3000, "the previous commit is intact")
  }

  @Test func fullBlocksArePackedAtEveryBitWidthAndReadBack() throws {
    let path = makeTemporaryDirectory("packed")
    defer { removeTree(path) }
    // 污水 in every document (deltas of 1, one bit), 河道 in every 37th with
    // growing frequencies (wide deltas and frequencies), 空气 in none but
    // the first and the last (one block of two).
    let count = 3000
    var documents: [Document] = []
    for i in 0..<count {
      var body = "污水处理。"
      if i % 37 == 0 { body += String(repeating: "河道", count: 1 + (i / 37) % 90) + "。" }
      if i == 0 || i == count - 1 { body += "空气。" }
      documents.append(Document(id: "p\(i)", body: body))
    }
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()
    let segment = try #require(try IndexReader.open(path: path).segments.first)
    let every: [UInt32] = (0..<count).map { UInt32($0) }
    let river: [UInt32] = stride(from: 0, to: count, by: 37).map { UInt32($0) }
    let cases: [(String, [UInt32], [UInt32])] = [
      ("污水", every, every.map { _ in 1 }),
      ("河道", river, river.map { 1 + ($0 / 37) % 90 }),
      ("空气", [0, UInt32(count - 1)], [1, 1]),
    ]
    for (term, docs, freqs) in cases {
      var postings = try #require(try segment.postings(.bodyBigrams, term))
      var seenDocs: [UInt32] = []
      var seenFreqs: [UInt32] = []
      while postings.next() != PostingsIterator.exhausted {
        seenDocs.append(postings.doc)
        seenFreqs.append(postings.termFrequency)
        #expect(postings.positions().count == Int(postings.termFrequency))
      }
      #expect(postings.error == nil)
      #expect(seenDocs == docs, "\(term) documents")
      #expect(seenFreqs == freqs, "\(term) frequencies")
    }
    var postings = try #require(try segment.postings(.bodyBigrams, "河道"))
    #expect(postings.advance(to: 2000) == 2035)
    #expect(postings.termFrequency == UInt32(1 + 55 % 90))
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func damagedPackedBlocksUnderAValidChecksumNeverCrashAReader() throws {
    let seed = testSeed(31)
    print("MergedPostingsTests seed \(seed) (reproduce with SEED=\(seed))")
    let path = makeTemporaryDirectory("packed-damage")
    defer { removeTree(path) }
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    var expected: [String] = []
    for document in documents(0..<1500, expected: &expected) { try writer.add(document) }
    try writer.commit()
    writer.close()
    let file = path + "/s1.postings"
    let original = readFile(file)
    var rng = SeededGenerator(seed: seed)
    var reported = 0
    for _ in 0..<60 {
      // Damage a few body bytes, then give the file a correct checksum, so
      // that only the block decoder stands between the damage and a query.
      var bytes = original
      for _ in 0..<3 { bytes[Int.random(in: 40..<(bytes.count - 16), using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
      resealChecksum(&bytes)
      writeFile(file, bytes)
      guard let reader = try? IndexReader.open(path: path), let segment = reader.segments.first else {
        reported += 1
        continue
      }
      var failed = false
      for field in [IndexedField.body, .bodyBigrams] {
        for term in segment.terms(field, prefix: "") {
          guard var postings = try? segment.postings(field, term) else {
            failed = true
            continue
          }
          var previous: UInt32? = nil
          while postings.next() != PostingsIterator.exhausted {
            if let previous { #expect(postings.doc > previous) }
            #expect(postings.doc < segment.maxDoc)
            previous = postings.doc
            _ = postings.positions()
          }
          if postings.error != nil { failed = true }
        }
      }
      if failed || !IndexChecker.check(path: path).isClean { reported += 1 }
    }
    writeFile(file, original)
    #expect(IndexChecker.check(path: path).isClean)
    #expect(reported > 40, "most damage is reported: \(reported) of 60")
  }
}
