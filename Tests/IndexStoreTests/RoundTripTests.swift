import IndexStore
import Ingest
import Testing
import TextAnalysis

/// Whole-index round trips against a brute-force in-memory model.
@Suite struct RoundTripTests {
  let analyzer = Analyzer()

  @Test func documentsTermsColumnsAndLengthsRoundTrip() throws {
    let path = makeTemporaryDirectory("roundtrip")
    defer { removeTree(path) }
    let documents = ChineseCorpus.documents(count: 60, seed: 7)
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { #expect(try writer.add(document) == .added) }
    let info = try writer.commit()
    writer.close()
    #expect(info.documentCount == 60)
    #expect(info.segmentCount == 1)

    let reader = try IndexReader.open(path: path)
    #expect(reader.documentCount == 60)
    #expect(reader.generation == info.generation)
    #expect(reader.analyzerIdentity == analyzer.identity)
    for document in documents { #expect(try reader.document(id: document.id) == document) }
    #expect(try reader.document(id: "no-such-id") == nil)

    for field in IndexedField.allCases {
      let model = modelPostings(documents, field, analyzer)
      var vocabulary: [String] = []
      for segment in reader.segments { vocabulary += segment.terms(field, prefix: "") }
      #expect(Set(vocabulary) == Set(model.keys), "vocabulary of \(field.name)")
      #expect(vocabulary == vocabulary.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
      for (term, expected) in model {
        #expect(try indexPostings(reader, field, term) == expected, "\(field.name) \(term)")
        #expect(reader.documentFrequency(field, term) == expected.count)
      }
      #expect(try indexPostings(reader, field, "不存在的词") == [])
      let total = documents.reduce(0) { $0 + fieldTokens($1, field, analyzer).count }
      #expect(reader.collectionStatistics(field) == CollectionStatistics(documentCount: 60, totalFieldLength: total))
    }

    let segment = try #require(reader.segments.first)
    for document in documents {
      let doc = try #require(segment.docID(forKey: document.id))
      #expect(segment.column(.type).value(doc) == document.type)
      #expect(segment.column(.region).value(doc) == document.region)
      #expect(segment.column(.category).value(doc) == document.category)
      #expect(segment.column(.unit).value(doc) == document.unit)
      #expect(segment.date(doc) == document.date?.daysSinceEpoch)
      #expect(segment.fieldLength(.body, doc) == UInt32(fieldTokens(document, .body, analyzer).count))
      #expect(segment.fieldLength(.titleBigrams, doc) == UInt32(fieldTokens(document, .titleBigrams, analyzer).count))
    }
    #expect(segment.column(.region).values == Set(documents.map(\.region)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    let prefixed = segment.terms(.bodyBigrams, prefix: "整")
    #expect(!prefixed.isEmpty && prefixed.allSatisfy { $0.hasPrefix("整") })
    #expect(IndexChecker.check(path: path).isClean)
  }

  /// A term in many documents spans many 128-document blocks; next and advance agree with a brute-force list.
  @Test func postingsBlocksNextAndAdvanceUseSkipData() throws {
    let path = makeTemporaryDirectory("blocks")
    defer { removeTree(path) }
    var documents: [Document] = []
    var expected: [UInt32] = []
    var rng = SeededGenerator(seed: 11)
    for i in 0..<1500 {
      let hit = Int.random(in: 0..<3, using: &rng) == 0
      let repeats = Int.random(in: 1...4, using: &rng)
      let body = hit ? String(repeating: "污水直排入河。", count: repeats) : "空气质量持续改善。"
      if hit { expected.append(UInt32(i)) }
      documents.append(Document(id: "d\(i)", body: body))
    }
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()
    let reader = try IndexReader.open(path: path)
    let segment = try #require(reader.segments.first)
    let info = try #require(segment.termInfo(.bodyBigrams, "污水"))
    #expect(info.documentFrequency == expected.count)
    #expect(info.maxTermFrequency == 4)

    var all = try #require(try segment.postings(.bodyBigrams, "污水"))
    var seen: [UInt32] = []
    while all.next() != PostingsIterator.exhausted {
      seen.append(all.doc)
      let positions = all.positions()
      #expect(positions.count == Int(all.termFrequency))
      #expect(positions.first == 0)
    }
    #expect(seen == expected)

    // advance(to:) from random targets, ascending, against the brute-force answer.
    try expectAdvanceFindsExpectedDocuments(segment, .bodyBigrams, "污水", expected: expected, seed: 12)
    #expect(try segment.postings(.body, "不存在") == nil)
  }

  @Test func varintEdgesRoundTrip() throws {
    for value: UInt64 in [0, 1, 127, 128, 16383, 16384, UInt64(UInt32.max) - 1, UInt64(UInt32.max), UInt64.max] {
      let bytes = Varint.encode(value)
      let decoded = try #require(Varint.decode(bytes))
      #expect(decoded.value == value)
      #expect(decoded.length == bytes.count)
    }
    #expect(Varint.encode(0) == [0])
    #expect(Varint.encode(UInt64(UInt32.max)) == [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
    #expect(Varint.decode([0x80, 0x80]) == nil)  // truncated
    #expect(Varint.decode([]) == nil)
  }

  @Test func rebuildingTheSameCorpusGivesTheSameSegmentBytes() throws {
    let first = makeTemporaryDirectory("same1")
    let second = makeTemporaryDirectory("same2")
    defer {
      removeTree(first)
      removeTree(second)
    }
    let documents = ChineseCorpus.documents(count: 40, seed: 3)
    for path in [first, second] {
      let writer = try IndexWriter(path: path, analyzer: analyzer)
      for document in documents { try writer.add(document) }
      try writer.commit()
      writer.close()
    }
    let names = listDirectory(first).filter { $0.hasPrefix("s") }
    #expect(names.count == 7)
    #expect(names == listDirectory(second).filter { $0.hasPrefix("s") })
    for name in names { #expect(readFile(first + "/" + name) == readFile(second + "/" + name), "\(name)") }
  }
}
