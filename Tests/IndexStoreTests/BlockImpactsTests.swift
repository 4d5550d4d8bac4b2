import IndexStore
import Ingest
import Testing
import TextAnalysis

/// The impacts a version 3 postings file records per block: they cover
/// every document of the block, they bound its scores more tightly than the
/// block's largest frequency and smallest length taken together, and
/// `check` reports a block whose impacts a document exceeds.
@Suite struct BlockImpactsTests {
  let analyzer = Analyzer()

  /// 1,280 documents holding 河道: every tenth one says it many times in a
  /// long body, the others once in a short one, so that each block of 128
  /// mixes the two kinds (one pair would join the long body's frequency with
  /// a short body's length).
  private func build(_ path: String) throws {
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for i in 0..<1280 {
      let body = i % 10 == 0
        ? String(repeating: "河道淤积，", count: 6) + String(repeating: "空气质量持续改善。", count: 30)
        : "河道" + String(repeating: "垃圾", count: 1 + i % 7)
      try writer.add(Document(id: "d\(i)", type: "petition", region: "赫山区", category: "水", body: body))
    }
    try writer.commit()
    writer.close()
  }

  /// A BM25 tf factor with the usual parameters.
  private func factor(_ tf: UInt32, _ length: UInt32, average: Double) -> Double {
    let t = Double(tf)
    return t / (t + 1.2 * (0.25 + 0.75 * Double(length) / average))
  }

  @Test func impactsCoverEveryDocumentAndBoundMoreTightlyThanOnePair() throws {
    let path = makeTemporaryDirectory("impacts")
    defer { removeTree(path) }
    try build(path)
    let segment = try #require(try IndexReader.open(path: path).segments.first)
    var postings = try #require(try segment.postings(.bodyBigrams, "河道"))
    #expect(postings.blocks == 10)
    var blocks: [Int: [(tf: UInt32, length: UInt32)]] = [:]
    while postings.next() != PostingsIterator.exhausted {
      let length = segment.fieldLength(.bodyBigrams, postings.doc)
      blocks[postings.currentBlock, default: []].append((postings.termFrequency, length))
      #expect(postings.impacts(postings.currentBlock).covers(termFrequency: postings.termFrequency, fieldLength: length))
    }
    #expect(postings.error == nil)
    let average = Double(segment.totalFieldLength(.bodyBigrams)) / Double(segment.maxDoc)
    var tighter = 0
    for (b, documents) in blocks {
      let impacts = postings.impacts(b)
      let bound = impacts.maximum { factor($0.termFrequency, $0.fieldLength, average: average) }
      let best = documents.map { factor($0.tf, $0.length, average: average) }.max() ?? 0
      let onePair = factor(documents.map(\.tf).max() ?? 0, documents.map(\.length).min() ?? 0, average: average)
      #expect(bound >= best - 1e-12, "block \(b)")
      #expect(bound <= onePair + 1e-12, "block \(b)")
      if bound < onePair * 0.9 { tighter += 1 }
    }
    #expect(tighter == blocks.count, "impacts tighter than one pair in \(tighter) of \(blocks.count) blocks")
    #expect(IndexChecker.check(path: path).isClean)
  }

  @Test func checkReportsDocumentsAboveTheirBlocksImpacts() throws {
    // Block 3's impacts become (1, 0xFFFFFFFF) and two empty slots: only a
    // document of frequency 1 and infinite length would be covered.
    let report = try checkWithBlock3(field: 6, set: [1, .max, 0, .max, 0, .max], label: "impacts-damage")
    #expect(!report.isClean)
    #expect(report.problems.contains { $0.file.hasSuffix(".postings") && $0.message.contains("above their block's impacts") })
  }

  @Test func checkReportsDocumentsBeyondTheirBlocksMaxima() throws {
    // Block 3's highest frequency becomes 0: none of its documents is within it.
    let report = try checkWithBlock3(field: 3, set: [0], label: "maxima-damage")
    #expect(report.problems.contains {
      $0.file.hasSuffix(".postings") && $0.message.contains("beyond their block's maximum frequency or minimum length")
    }, "\(report.problems)")
  }

  /// Builds the index, overwrites `values` from u32 field `field` on of the
  /// skip entry of block 3 of `body.bigrams` 河道, reseals the file's checksum
  /// (a writer's mistake, not damage in transit) and checks the index.
  private func checkWithBlock3(field: Int, set values: [UInt32], label: String) throws -> CheckReport {
    let path = makeTemporaryDirectory(label)
    defer { removeTree(path) }
    try build(path)
    let segment = try #require(try IndexReader.open(path: path).segments.first)
    let info = try #require(segment.termInfo(.bodyBigrams, "河道"))
    let file = path + "/\(segment.name).postings"
    var bytes = readFile(file)
    let start = Int(info.postingsOffset) + 4 + 3 * 48 + 4 * field
    for (k, value) in values.enumerated() {
      for i in 0..<4 { bytes[start + 4 * k + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
    }
    resealChecksum(&bytes)
    writeFile(file, bytes)
    return IndexChecker.check(path: path)
  }
}
