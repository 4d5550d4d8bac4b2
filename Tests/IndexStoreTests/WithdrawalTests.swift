#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexStore
import Ingest
import Testing
import TextAnalysis

/// A delivery that withdraws documents (DESIGN.md: "new ids added, known ids
/// replaced, withdrawn ids deleted"): `BatchIndexer.withdrawals` deletes them
/// in the batch's first commit, through the public API only.
@Suite struct WithdrawalTests {
  static func petition(_ id: String, _ title: String, _ body: String) -> String {
    #"{"id":"\#(id)","type":"petition","title":"\#(title)","region":"赫山区","body":"\#(body)"}"# + "\n"
  }

  static let first = [
    petition("P1", "养猪场臭味扰民", "赫山区某生猪养殖场臭味严重，周边居民反映强烈。"),
    petition("P2", "造纸厂偷排废水", "益阳金源造纸有限公司夜间偷排废水。"),
    petition("P3", "工地夜间噪音", "夜间施工噪声扰民。"),
    petition("P4", "餐馆油烟直排", "餐馆油烟未经处理直排。"),
  ]

  /// Writes `lines` to `path`.
  static func write(_ path: String, _ lines: [String]) {
    writeFile(path, Array(lines.joined().utf8))
  }

  @Test func aDeliveryDeletesItsWithdrawnIdsInItsFirstCommit() throws {
    let root = makeTemporaryDirectory("withdrawal")
    defer { removeTree(root) }
    let index = root + "/index"
    mkdir(root + "/d1", 0o755)
    mkdir(root + "/d2", 0o755)
    Self.write(root + "/d1/a.jsonl", Self.first)
    let writer = try IndexWriter(path: index, analyzer: Analyzer())
    _ = try BatchIndexer().run(paths: [root + "/d1"], writer: writer)

    // The second delivery: two new documents, a new version of P4, and a
    // withdrawal list kept in the delivery's folder (with a comment, a blank
    // line, spaces, a repeated id and an id the index never held).
    Self.write(root + "/d2/b.jsonl", [
      Self.petition("P5", "码头扬尘", "砂石码头扬尘污染。"),
      Self.petition("P4", "餐馆油烟直排（复查）", "复查发现油烟仍直排。"),
      Self.petition("P6", "垃圾填埋场渗滤液", "填埋场渗滤液外溢。"),
    ])
    let listPath = root + "/d2/withdrawn.txt"
    writeFile(listPath, Array("\u{FEFF}# 撤回的信访件\nP1\n  P3 \r\n\nP9\nP1\n".utf8))
    let list = try IDList.read(path: listPath)
    #expect(list.entries.map(\.id) == ["P1", "P3", "P9", "P1"])
    #expect(list.entries.map(\.location.line) == [2, 3, 5, 6])

    var indexer = BatchIndexer()
    indexer.withdrawals = list.entries
    indexer.ingestOptions.excludedFiles[listPath] = "the withdrawal list, not a document"
    indexer.commitEvery = 1
    var seenAtFirstCommit: Set<String>?
    let report = try indexer.run(paths: [root + "/d2"], writer: writer, committed: { _, _ in
      // The first commit already holds the withdrawals.
      if seenAtFirstCommit == nil, let reader = try? IndexReader.open(path: index) {
        seenAtFirstCommit = Set(["P1", "P2", "P3", "P4", "P5"].filter { (try? reader.document(id: $0)) != nil })
      }
    })
    writer.close()
    #expect(seenAtFirstCommit == ["P2", "P4", "P5"])
    #expect(report.deleted == 2 && report.withdrawnNotFound == 1)
    #expect(report.added == 2 && report.replaced == 1 && report.isBalanced)
    #expect(report.counts.recordsRead == 3 && report.counts.skippedFiles == 1)
    #expect(report.issues.contains { $0.severity == .warning && $0.location.line == 5 && $0.message.contains("\"P9\" is not in the index") })
    #expect(report.issues.contains { $0.severity == .warning && $0.location.line == 6 && $0.message.contains("listed again") })
    #expect(report.issues.contains { $0.severity == IngestIssue.Severity.skipped && $0.location.file == listPath })

    let reader = try IndexReader.open(path: index)
    #expect(reader.documentCount == 4)
    #expect(try reader.document(id: "P1") == nil && reader.document(id: "P3") == nil)
    #expect(try reader.document(id: "P4")?.title == "餐馆油烟直排（复查）")
    #expect(try reader.document(id: "P6") != nil)
  }

  @Test func aRecordWithAWithdrawnIdIsRejectedAndStrictCommitsNothing() throws {
    let root = makeTemporaryDirectory("withdrawal-conflict")
    defer { removeTree(root) }
    let index = root + "/index"
    Self.write(root + "/a.jsonl", Self.first)
    let writer = try IndexWriter(path: index, analyzer: Analyzer())
    _ = try BatchIndexer().run(paths: [root + "/a.jsonl"], writer: writer)
    Self.write(root + "/b.jsonl", [
      Self.petition("P7", "河道黑臭", "河道黑臭水体未整治。"),
      Self.petition("P2", "造纸厂偷排废水（补充）", "金源造纸再次偷排。"),
    ])
    let withdrawal = IDList.Entry(id: "P2", location: SourceLocation(file: "withdrawn.txt", line: 1, byteOffset: 0))

    var strict = BatchIndexer()
    strict.strict = true
    strict.withdrawals = [withdrawal]
    #expect(throws: BatchAborted.self) { try strict.run(paths: [root + "/b.jsonl"], writer: writer) }
    try writer.rollback()
    #expect(try IndexReader.open(path: index).document(id: "P2") != nil, "strict: nothing deleted")

    var lenient = BatchIndexer()
    lenient.withdrawals = [withdrawal]
    let report = try lenient.run(paths: [root + "/b.jsonl"], writer: writer)
    writer.close()
    #expect(report.added == 1 && report.deleted == 1 && report.counts.rejected == 1 && report.isBalanced)
    let rejection = try #require(report.issues.first { $0.severity == .rejected })
    #expect(rejection.location.line == 2)
    #expect(rejection.message == "id \"P2\" is withdrawn by withdrawn.txt:1 (byte 0) in the same batch; not indexed")
    let reader = try IndexReader.open(path: index)
    #expect(try reader.document(id: "P2") == nil && reader.document(id: "P7") != nil)
  }

  @Test func aDamagedListNamesItsLine() throws {
    let root = makeTemporaryDirectory("withdrawal-list")
    defer { removeTree(root) }
    writeFile(root + "/bad.txt", [0x50, 0x31, 0x0A, 0x50, 0xFF, 0x0A])
    #expect { try IDList.read(path: root + "/bad.txt") } throws: { error in
      "\(error)" == root + "/bad.txt:2 (byte 3): invalid UTF-8 at byte 4 (0xFF)"
    }
    writeFile(root + "/nul.txt", [0x50, 0x00, 0x31])
    #expect { try IDList.read(path: root + "/nul.txt") } throws: { "\($0)".contains(":1 (byte 0): NUL byte") }
    #expect { try IDList.read(path: root) } throws: { "\($0)".hasSuffix("is a folder, not a list of ids") }
    #expect { try IDList.read(path: root + "/missing.txt") } throws: { "\($0)".contains("cannot open") }
    writeFile(root + "/empty.txt", [])
    #expect(try IDList.read(path: root + "/empty.txt").entries.isEmpty)
    writeFile(root + "/mac.txt", Array("P1\rP2\r\r# 注\rP3".utf8))
    let mac = try IDList.read(path: root + "/mac.txt")
    #expect(mac.entries.map(\.id) == ["P1", "P2", "P3"] && mac.entries.map(\.location.line) == [1, 2, 5], "CR alone ends lines")
  }
}
