#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexStore
import Ingest
import Testing
import TextAnalysis

/// Stored-document blocks: zstd frames now, and the zlib blocks of indexes written before still read.
@Suite struct StoredBlockTests {
  let analyzer = Analyzer()

  /// An index written by the zlib-only version (stored file version 1), from
  /// Tests/Fixtures/zlib-stored-index.jsonl with `search index build`.
  static let zlibFixture = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
    .joined(separator: "/")) + "/Fixtures/zlib-stored-index"

  /// Bytes 0..<headerLength of a segment file: magic, kind, version, name.
  private func header(_ bytes: [UInt8]) -> (version: UInt16, length: Int) {
    guard bytes.count > 8 else { return (0, 0) }
    return (UInt16(bytes[5]) | UInt16(bytes[6]) << 8, 8 + Int(bytes[7]))
  }

  /// Documents whose bodies are long runs of distinct characters, so that
  /// the stored file outgrows the size a reader checksums on open.
  private func largeDocuments(count: Int) -> [Document] {
    var rng = SeededGenerator(seed: 5)
    return (0..<count).map { i in
      let scalars = (0..<1500).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0x4E00...0x62FF, using: &rng)) }
      var body = ChineseCorpus.sentences[i % ChineseCorpus.sentences.count]
      body.unicodeScalars.append(contentsOf: scalars)
      return Document(id: "large-\(i)", type: "petition", title: "第\(i)号信访件", date: nil, region: "赫山区",
                      unit: "", category: "水", body: body, extra: [])
    }
  }

  @Test func newBlocksAreZstdFramesInAVersion3File() throws {
    let path = makeTemporaryDirectory("zstd")
    defer { removeTree(path) }
    let documents = ChineseCorpus.documents(count: 400, seed: 3)
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()

    let stored = readFile(path + "/s1.stored")
    let (version, length) = header(stored)
    #expect(version == 3)
    #expect(Array(stored[length..<(length + 4)]) == [0x28, 0xB5, 0x2F, 0xFD], "zstd frame magic")
    #expect(Array(readFile(path + "/s1.terms")[5..<7]) == [1, 0], "other files keep version 1")
    let reader = try IndexReader.open(path: path)
    let segment = try #require(reader.segments.first)
    #expect(segment.storedBlockCount > 1)
    #expect(segment.storedDictionaryCount == 0, "too few documents to train a dictionary on")
    for document in documents { #expect(try reader.document(id: document.id) == document) }
    #expect(IndexChecker.check(path: path).isClean)
  }

  /// Documents of many real sentences each: enough stored bytes for a dictionary.
  private func longDocuments(count: Int, seed: UInt64, prefix: String) -> [Document] {
    var rng = SeededGenerator(seed: seed)
    return ChineseCorpus.documents(count: count, seed: seed, prefix: prefix).map { document in
      var long = document
      for _ in 0..<24 { long.body += ChineseCorpus.sentences[Int.random(in: 0..<ChineseCorpus.sentences.count, using: &rng)] }
      return long
    }
  }

  /// The dictionary table at the end of a version 3 stored file: (id, offset, length) per dictionary.
  private func dictionaryTable(_ bytes: [UInt8]) -> [(id: UInt32, offset: Int, length: Int)] {
    func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
    func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
    let bodyEnd = bytes.count - 16
    let directory = u64(bodyEnd - 8)
    let blocks = u32(directory)
    var at = directory + 4 + blocks * 20
    let count = u32(at)
    at += 4
    return (0..<count).map { i in (UInt32(u32(at + i * 16)), u64(at + i * 16 + 4), u32(at + i * 16 + 12)) }
  }

  @Test func aSegmentTrainsADictionaryAndMergesKeepEachSourcesDictionary() throws {
    let path = makeTemporaryDirectory("dictionary")
    defer { removeTree(path) }
    var options = IndexWriterOptions()
    options.mergePolicy = .never
    let first = longDocuments(count: 200, seed: 11, prefix: "a")
    let second = longDocuments(count: 200, seed: 12, prefix: "b")
    var writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for document in first { try writer.add(document) }
    try writer.commit()
    for document in second { try writer.add(document) }
    try writer.delete(id: "b-7")
    try writer.commit()
    writer.close()
    var reader = try IndexReader.open(path: path)
    #expect(reader.segments.count == 2)
    #expect(reader.segments.allSatisfy { $0.storedDictionaryCount == 1 })
    let table = dictionaryTable(readFile(path + "/s1.stored"))
    #expect(table.count == 1 && table[0].length > 1024)
    for document in first { #expect(try reader.document(id: document.id) == document) }
    #expect(IndexChecker.check(path: path).isClean)

    // The merge copies s1's blocks (no deletions) with their dictionary,
    // recompresses s2's live documents with the dictionary of a largest
    // source (s1's or s2's), and copies a third, small segment without a
    // dictionary as it is.
    options.mergePolicy = MergePolicy(mergeFactor: 3, minimumSegmentDocuments: 1000)
    writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    let third = ChineseCorpus.documents(count: 5, seed: 13, prefix: "c")
    for document in third { try writer.add(document) }
    try writer.commit()
    writer.close()
    reader = try IndexReader.open(path: path)
    let merged = try #require(reader.segments.first)
    #expect(reader.segments.count == 1)
    #expect((1...2).contains(merged.storedDictionaryCount))
    for document in first + third { #expect(try reader.document(id: document.id) == document) }
    for document in second where document.id != "b-7" { #expect(try reader.document(id: document.id) == document) }
    #expect(try reader.document(id: "b-7") == nil)
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func twoSegmentsWithDifferentDictionariesMergeByCopying() throws {
    let path = makeTemporaryDirectory("dictionaries")
    defer { removeTree(path) }
    var options = IndexWriterOptions()
    options.mergePolicy = .never
    let batches = [longDocuments(count: 200, seed: 21, prefix: "x"), longDocuments(count: 200, seed: 22, prefix: "y")]
    var writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    for batch in batches {
      for document in batch { try writer.add(document) }
      try writer.commit()
    }
    writer.close()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 1000)
    writer = try IndexWriter(path: path, analyzer: analyzer, options: options)
    try writer.add(Document(id: "z", type: "petition", title: "", date: nil, region: "", unit: "", category: "",
                            body: "噪声", extra: []))
    try writer.commit()
    writer.close()
    let reader = try IndexReader.open(path: path)
    let dictionaries = reader.segments.map(\.storedDictionaryCount).reduce(0, +)
    #expect(dictionaries >= 2, "both sources' dictionaries are kept for their copied blocks")
    for document in batches.joined() { #expect(try reader.document(id: document.id) == document) }
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func aDamagedDictionaryIsDetected() throws {
    let path = makeTemporaryDirectory("dictionary-damage")
    defer { removeTree(path) }
    let documents = longDocuments(count: 200, seed: 31, prefix: "d")
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()
    let file = path + "/s1.stored"
    let bytes = readFile(file)
    let entry = try #require(dictionaryTable(bytes).first)
    for offset in [entry.offset, entry.offset + 8, entry.offset + entry.length / 2, entry.offset + entry.length - 1] {
      var damaged = bytes
      damaged[offset] ^= 0x41
      writeFile(file, damaged)
      #expect(!IndexChecker.check(path: path).isClean, "damage at \(offset)")
      #expect(throws: IndexError.self) {
        let reader = try IndexReader.open(path: path)
        for document in documents { _ = try reader.document(id: document.id) }
      }
    }
  }

  @Test func anIndexWithZlibBlocksStillReadsAndMerges() throws {
    let path = makeTemporaryDirectory("zlib")
    defer { removeTree(path) }
    copyDirectory(Self.zlibFixture, path)
    #expect(header(readFile(path + "/s1.stored")).version == 1)
    #expect(IndexChecker.check(path: path).isClean)

    let reader = try IndexReader.open(path: path)
    #expect(reader.documentCount == 5)
    let first = try #require(try reader.document(id: "zlib-1"))
    #expect(first.title == "赫山区养殖场废水直排")
    #expect(first.region == "赫山区")
    #expect(first.date == Day(year: 2020, month: 5, day: 12))
    #expect(first.body.hasPrefix("益阳市生态环境局对赫山区某养殖场开展现场检查"))
    let third = try #require(try reader.document(id: "zlib-3"))
    #expect(third.date == nil)
    #expect(third.extra == [ExtraField(name: "reporter", json: "\"张三\"")])
    let long = try #require(try reader.document(id: "zlib-4"))
    #expect(long.body.count > 3000 && long.body.hasSuffix("发现废水未经处理直排入河。"))
    var all: [Document] = []
    try reader.forEachDocument { all.append($0) }
    #expect(all.map(\.id).sorted() == ["zlib-1", "zlib-2", "zlib-3", "zlib-4", "zlib-5"])

    // A merge with a new segment copies the zlib blocks as they are next to
    // new zstd blocks, in a version 3 file. (Needs the fixture's analyzer
    // identity to be the current one; a new analyzer version makes the
    // writer refuse the index, and then there is nothing to merge.)
    guard reader.analyzer.identity == reader.analyzerIdentity else { return }
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 2, minimumSegmentDocuments: 1000)
    let writer = try IndexWriter(path: path, analyzer: reader.analyzer, options: options)
    let added = ChineseCorpus.documents(count: 30, seed: 9, prefix: "new")
    for document in added { try writer.add(document) }
    try writer.commit()
    writer.close()
    let merged = try IndexReader.open(path: path)
    #expect(merged.segments.count == 1)
    #expect(try merged.document(id: "zlib-3") == third)
    #expect(try merged.document(id: "zlib-4") == long)
    for document in added { #expect(try merged.document(id: document.id) == document) }
    let segment = try #require(merged.segments.first)
    let stored = readFile(path + "/" + segment.name + ".stored")
    let (version, length) = header(stored)
    #expect(version == 3)
    #expect(stored.count > length && stored[length] == 0x78, "the fixture's zlib block comes first, copied")
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func aDamagedZstdBlockIsAnErrorNamingFileAndBlock() throws {
    let path = makeTemporaryDirectory("zstd-damage")
    defer { removeTree(path) }
    let documents = largeDocuments(count: 120)
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()
    let file = path + "/s1.stored"
    var bytes = readFile(file)
    #expect(bytes.count > 256 * 1024, "large enough not to be checksummed on open")
    let start = header(bytes).length
    for offset in [start + 40, start + 400, start + 2000] {
      var damaged = bytes
      damaged[offset] ^= 0x10
      writeFile(file, damaged)
      let reader = try IndexReader.open(path: path)
      #expect(throws: IndexError.self) {
        for i in 0..<6 { _ = try reader.document(id: documents[i].id) }
      }
      do {
        for i in 0..<6 { _ = try reader.document(id: documents[i].id) }
      } catch let error as IndexError {
        #expect("\(error)".contains("s1.stored") && "\(error)".contains("stored block "), "\(error)")
      }
      #expect(!IndexChecker.check(path: path).isClean)
    }
    bytes[start] ^= 0xFF  // no longer a zstd frame: read as zlib, which rejects it
    writeFile(file, bytes)
    let reader = try IndexReader.open(path: path)
    #expect(throws: IndexError.self) { _ = try reader.document(id: documents[0].id) }
  }
}
