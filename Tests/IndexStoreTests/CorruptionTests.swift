#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexStore
import Ingest
import Testing
import TextAnalysis

/// Bit flips, truncations and appended bytes in every file kind are detected, never crash.
@Suite struct CorruptionTests {
  let analyzer = Analyzer()

  /// Two segments (one with a deletion file) and a manifest: every file kind.
  private func buildIndex(_ path: String) throws {
    var options = IndexWriterOptions()
    options.mergePolicy = .never
    let writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in ChineseCorpus.documents(count: 25, seed: 21) { try writer.add(document) }
    try writer.commit()
    for document in ChineseCorpus.documents(count: 25, seed: 22, prefix: "more") { try writer.add(document) }
    try writer.delete(id: "doc-2")
    try writer.commit()
    writer.close()
  }

  /// Reads everything an index holds; throws on the first damaged byte.
  private func readEverything(_ path: String) throws {
    let reader = try IndexReader.open(path: path)
    try reader.forEachDocument { _ in }
    for segment in reader.segments {
      for field in IndexedField.allCases {
        for term in segment.terms(field, prefix: "") {
          guard var postings = try segment.postings(field, term) else { continue }
          while postings.next() != PostingsIterator.exhausted { _ = postings.positions() }
          if let error = postings.error { throw error }
        }
      }
    }
  }

  @Test func everyDamageToEveryFileIsDetected() throws {
    let seed = testSeed(77)
    let flipsPerFile = environmentInt("CORRUPTION_FLIPS", 6)
    print("CorruptionTests seed \(seed) (reproduce with SEED=\(seed))")
    var rng = SeededGenerator(seed: seed)
    let original = makeTemporaryDirectory("pristine")
    defer { removeTree(original) }
    try buildIndex(original)
    #expect(IndexChecker.check(path: original).isClean)
    try readEverything(original)
    let files = listDirectory(original).filter { $0 != "write.lock" }
    let kinds = Set(files.map { $0.split(separator: ".").last.map(String.init) ?? $0 }.map { $0.hasPrefix("manifest") ? "manifest" : $0 })
    #expect(kinds == ["terms", "postings", "positions", "lengths", "columns", "stored", "ids", "del", "manifest"])

    var trials = 0
    for name in files {
      let bytes = readFile(original + "/" + name)
      var damages: [(String, [UInt8])] = []
      for _ in 0..<flipsPerFile {
        var flipped = bytes
        let offset = Int.random(in: 0..<bytes.count, using: &rng)
        flipped[offset] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        damages.append(("bit flip at \(offset)", flipped))
      }
      for length in [0, Int.random(in: 1..<bytes.count, using: &rng), bytes.count - 1] {
        damages.append(("truncated to \(length)", Array(bytes.prefix(length))))
      }
      for count in [1, Int.random(in: 2...4096, using: &rng)] {
        damages.append(("\(count) bytes appended", bytes + (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }))
      }
      for (what, damaged) in damages {
        trials += 1
        let copy = makeTemporaryDirectory("damaged")
        defer { removeTree(copy) }
        copyDirectory(original, copy)
        writeFile(copy + "/" + name, damaged)
        let report = IndexChecker.check(path: copy)
        #expect(!report.isClean, "check missed \(what) in \(name)")
        let named = report.problems.contains { $0.file == name || $0.message.contains(name) }
        #expect(named || name.hasPrefix("manifest"), "check did not name \(name) for \(what): \(report)")
        #expect(throws: (any Error).self, "reading missed \(what) in \(name)") { try readEverything(copy) }
      }
    }
    print("CorruptionTests: \(trials) damaged copies, all detected")
  }

  @Test func aMissingSegmentFileIsReportedByName() throws {
    let path = makeTemporaryDirectory("missing")
    defer { removeTree(path) }
    try buildIndex(path)
    let victim = try #require(listDirectory(path).first { $0.hasSuffix(".postings") })
    unlink(path + "/" + victim)
    let report = IndexChecker.check(path: path)
    #expect(report.problems.contains { $0.file == victim && $0.message.hasPrefix("missing: manifest-") }, "\(report)")
    #expect(!report.description.contains("no index at"), "\(report)")
    #expect(throws: (any Error).self) { try IndexReader.open(path: path) }
  }

  /// A reader that skips damaged segments answers from the others and says which it left out.
  @Test func damagedSegmentsCanBeLeftOutOnRequest() throws {
    let path = makeTemporaryDirectory("partial")
    defer { removeTree(path) }
    let analyzer = Analyzer()
    var ids: [[String]] = []
    for part in 0..<3 {  // three commits, three segments
      let writer = try IndexWriter(path: path, analyzer: analyzer)
      let documents = ChineseCorpus.documents(count: 20, seed: UInt64(30 + part), prefix: "part\(part)")
      for document in documents { _ = try writer.add(document) }
      try writer.commit()
      writer.close()
      ids.append(documents.map(\.id))
    }
    let whole = try IndexReader.open(path: path, skippingDamagedSegments: true)
    #expect(whole.skippedSegments.isEmpty && whole.documentCount == 60)
    let names = Set(listDirectory(path).filter { $0.hasSuffix(".ids") })
    try #require(names.count == 3)
    unlink(path + "/s2.ids")  // the second segment loses a file
    #expect(throws: (any Error).self) { try IndexReader.open(path: path) }
    let partial = try IndexReader.open(path: path, skippingDamagedSegments: true)
    #expect(partial.skippedSegments.map(\.name) == ["s2"])
    #expect(partial.skippedSegments.first?.documentCount == 20)
    #expect(partial.skippedSegments.first?.reason.contains("s2.ids") == true, "\(partial.skippedSegments)")
    #expect(partial.documentCount == 40)
    var found: [String] = []
    try partial.forEachDocument { found.append($0.id) }
    #expect(found == ids[0] + ids[2])
  }

  /// What a damaged index's error advises works: a rebuilding writer opens
  /// it, and its commit replaces the damaged files.
  @Test func aDamagedIndexCanBeRebuilt() throws {
    let path = makeTemporaryDirectory("rebuild-damaged")
    defer { removeTree(path) }
    try buildIndex(path)
    let victim = try #require(listDirectory(path).first { $0.hasSuffix(".ids") })
    unlink(path + "/" + victim)
    #expect(throws: IndexError.corrupted(file: victim, reason: "file named by manifest-2 is missing")) {
      _ = try IndexWriter(path: path, analyzer: analyzer)
    }
    writeFile(path + "/manifest-2", Array("garbage".utf8))  // the manifest too
    writeFile(path + "/s2147483647.terms", Array("stray".utf8))  // and a segment number the format cannot reach
    let writer = try IndexWriter(path: path, analyzer: analyzer, rebuild: true)
    let documents = ChineseCorpus.documents(count: 10, seed: 23, prefix: "rebuilt")
    for document in documents { _ = try writer.add(document) }
    let commit = try writer.commit()
    writer.close()
    #expect(commit.generation == 3 && commit.documentCount == 10)
    #expect(IndexChecker.check(path: path).isClean)
    var found: [String] = []
    try IndexReader.open(path: path).forEachDocument { found.append($0.id) }
    #expect(found == documents.map(\.id))
    #expect(!listDirectory(path).contains { $0.hasPrefix("s1.") || $0 == "manifest-2" || $0.hasPrefix("s2147483647") },
            "\(listDirectory(path))")
    // The rebuilt index takes the next batch.
    let next = try IndexWriter(path: path, analyzer: analyzer)
    _ = try next.add(Document(id: "after", body: "重建之后继续写入。"))
    #expect(try next.commit().documentCount == 11)
    next.close()
  }

  @Test func anEmptyDirectoryIsNotAnIndex() throws {
    let path = makeTemporaryDirectory("empty")
    defer { removeTree(path) }
    #expect(throws: IndexError.notFound(path: path)) { try IndexReader.open(path: path) }
    #expect(!IndexChecker.check(path: path).isClean)
  }
}

/// A sound file of another index put in place of a segment's own (same
/// segment name, same frame) is found when the index is opened and by
/// `check`, from the checksums the manifest records (RELIABILITY.md R3).
@Test func aFileOfAnotherIndexIsFoundAtOpen() throws {
  let ours = makeTemporaryDirectory("ours")
  let theirs = makeTemporaryDirectory("theirs")
  defer {
    removeTree(ours)
    removeTree(theirs)
  }
  for (path, title) in [(ours, "噪声扰民"), (theirs, "臭味扰民")] {
    let writer = try IndexWriter(path: path, analyzer: Analyzer())
    for i in 0..<20 { try writer.add(Document(id: "d\(i)", type: "petition", title: title, body: "\(title)第\(i)件。")) }
    try writer.commit()
    writer.close()
  }
  let stored = try #require(listDirectory(ours).first { $0.hasSuffix(".stored") })
  #expect(listDirectory(theirs).contains(stored), "both indexes name their segment alike")
  writeFile(ours + "/" + stored, readFile(theirs + "/" + stored))
  #expect {
    _ = try IndexReader.open(path: ours)
  } throws: { error in
    guard case IndexError.corrupted(let file, let reason) = error else { return false }
    return file == stored && reason.contains("another index")
  }
  let report = IndexChecker.check(path: ours)
  #expect(report.problems.contains { $0.file == stored && $0.message.contains("another index") }, "\(report)")
}
