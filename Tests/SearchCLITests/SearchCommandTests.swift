import Foundation
import IndexStore
import Testing
import TextAnalysis

/// End-to-end tests: the built `search` executable against a temporary corpus
/// and index, checking stdout JSON, exit codes and stderr messages.
@Suite struct SearchCommandTests {
  /// A workspace with corpus/docs.jsonl and an index built from it.
  private func builtWorkspace() throws -> Workspace {
    let workspace = try Workspace()
    try workspace.write("corpus/docs.jsonl", SampleDocuments.jsonl)
    let build = try CLI.run(["index", "build"], in: workspace.url)
    #expect(build.status == 0, "\(build.stderr)")
    return workspace
  }

  // MARK: - Build and query

  @Test func buildIndexesTheCorpusAndReportsCounts() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", SampleDocuments.jsonl)
    let build = try CLI.run(["index", "build"], in: workspace.url)
    #expect(build.status == 0)
    #expect(build.stdout.isEmpty, "nothing but results on stdout")
    #expect(build.stderr.contains("read 6 records"))
    #expect(build.stderr.contains("added 6"))
    #expect(workspace.exists("index"))
  }

  /// The contract's fields (DESIGN.md), plus `matched_clauses`, the key hits are ordered by before the score.
  @Test func jsonOutputHasExactlyTheContractFields() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["query", "臭味", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    #expect(Set(json.keys) == ["query", "total", "total_relation", "took_ms", "hits"])
    #expect(json["total_relation"] as? String == "eq")
    #expect(json["query"] as? String == "臭味")
    let hits = try #require(json["hits"] as? [[String: Any]])
    #expect(!hits.isEmpty)
    for hit in hits {
      #expect(Set(hit.keys) == ["id", "score", "type", "title", "date", "region", "unit", "category", "snippet",
                                 "matched_clauses"])
    }
    let scores = hits.compactMap { $0["score"] as? Double }
    #expect(scores == scores.sorted(by: >))
    #expect(hits.first?["id"] as? String == "P-001")
  }

  @Test func plainSearchTextIsAQuery() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["金源造纸", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    let ids = Set(hits.compactMap { $0["id"] as? String })
    #expect(ids.isSuperset(of: ["P-003", "R-001"]))
  }

  @Test func filtersNarrowTheResults() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["query", "整改 OR 废水", "--type", "petition", "--json"], in: workspace.url)
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    #expect(!hits.isEmpty)
    #expect(hits.allSatisfy { $0["type"] as? String == "petition" })
    let dated = try CLI.run(["query", "臭味 OR 异味", "--from", "2020-10-01", "--to", "2020-12-31", "--json"], in: workspace.url)
    let datedHits = try #require(try dated.json()["hits"] as? [[String: Any]])
    #expect(datedHits.compactMap { $0["id"] as? String } == ["P-002"])
  }

  @Test func humanOutputListsRankTitleAndTotal() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["query", "黑臭水体", "--facets"], in: workspace.url)
    #expect(result.status == 0)
    #expect(result.stdout.contains("1. 金源造纸厂偷排废水"))
    #expect(result.stdout.contains("【黑臭水体】"))
    #expect(result.stdout.contains("documents match"))
    #expect(result.stdout.contains("category"))
  }

  // MARK: - Embedded default

  @Test func firstQueryBuildsTheIndexFromCorpus() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", SampleDocuments.jsonl)
    let result = try CLI.run(["赫山区", "养猪场", "臭味", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("building it from corpus/"))
    #expect(workspace.exists("index"))
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    #expect(hits.first?["id"] as? String == "P-001")
  }

  /// Only index/ is built on a first query: a mistyped `--index` path is
  /// reported missing, not made into a new index of the sample corpus.
  @Test func anotherMissingIndexIsAnErrorNotANewIndex() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", SampleDocuments.jsonl)
    let result = try CLI.run(["query", "臭味", "--index", "indx"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("no index at indx"), "\(result.stderr)")
    #expect(!workspace.exists("indx"))
    #expect(!workspace.exists("index"))
    let spelled = try CLI.run(["query", "臭味", "--index", "./index/", "--json"], in: workspace.url)
    #expect(spelled.status == 0, "\(spelled.stderr)")
    #expect(workspace.exists("index"))
  }

  // MARK: - Batch add, replace, delete

  @Test func addReplacesKnownIdsAndDeleteRemoves() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    try workspace.write("delivery/new.jsonl", """
      {"id":"P-003","type":"petition","title":"金源造纸厂已停止排污","date":"2021-08-01","region":"资阳区","category":"水","body":"复查发现益阳金源造纸有限公司排污口已封堵。"}
      {"id":"P-100","type":"petition","title":"桃江县石材厂粉尘","date":"2022-05-01","region":"桃江县","category":"大气","body":"桃江县某石材加工厂粉尘污染严重。"}

      """)
    let add = try CLI.run(["index", "add", "delivery"], in: workspace.url)
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stderr.contains("added 1"))
    #expect(add.stderr.contains("replaced 1"))
    let replaced = try CLI.run(["query", "\"偷排\"", "--json"], in: workspace.url)
    let replacedIDs = try #require(try replaced.json()["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    #expect(!replacedIDs.contains("P-003"), "the old text of P-003 is gone")
    let stone = try CLI.run(["query", "石材", "--json"], in: workspace.url)
    #expect(try stone.json()["total"] as? Int == 1)
    let delete = try CLI.run(["index", "delete", "P-100", "NO-SUCH-ID"], in: workspace.url)
    #expect(delete.status == 2)
    #expect(delete.stderr.contains("NO-SUCH-ID"))
    let gone = try CLI.run(["query", "石材", "--json"], in: workspace.url)
    #expect(try gone.json()["total"] as? Int == 0)

    // Two commits later the index has two segments (one with a deletion); optimize merges them.
    let before = try CLI.run(["query", "金源", "--json"], in: workspace.url)
    let optimize = try CLI.run(["index", "optimize"], in: workspace.url)
    #expect(optimize.status == 0, "\(optimize.stderr)")
    #expect(optimize.stderr.contains("in 1 segments"))
    let after = try CLI.run(["query", "金源", "--json"], in: workspace.url)
    let ids = { (result: CLI.Result) throws -> [String] in
      try #require(try result.json()["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    }
    #expect(try ids(after) == ids(before))
    let bad = try CLI.run(["index", "optimize", "--max-segments", "0"], in: workspace.url)
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("--max-segments"))
  }

  /// A delivery's withdrawn ids (`--withdrawn`) go in the same commit as its
  /// documents; the list in the delivery's folder is not read as a document;
  /// a damaged list changes nothing; `index delete --ids-from` reads the same lists.
  @Test func aDeliveryWithdrawsIdsInTheSameCommit() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    try workspace.write("delivery/new.jsonl", """
      {"id":"P-100","type":"petition","title":"桃江县石材厂粉尘","date":"2022-05-01","region":"桃江县","category":"大气","body":"桃江县某石材加工厂粉尘污染严重。"}

      """)
    try workspace.write("delivery/withdrawn.txt", "# 撤回\nP-003\nP-404\n")
    let stats = { () throws -> Int in
      let out = try CLI.run(["index", "stats", "--json"], in: workspace.url)
      return try #require(try out.json()["documents"] as? Int)
    }
    let before = try stats()
    try workspace.write("bad.txt", "P-001\n\u{0}\n")
    try workspace.write("r.json", "{\"committed\":true}\n")  // an earlier run's report
    let refused = try CLI.run(["index", "add", "delivery", "--withdrawn", "bad.txt", "--report", "r.json"], in: workspace.url)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("bad.txt:2 (byte 6): NUL byte"), "\(refused.stderr)")
    #expect(try stats() == before, "nothing changed")
    let failed = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.url.appendingPathComponent("r.json")))
      as? [String: Any]
    #expect(failed?["committed"] as? Bool == false && (failed?["error"] as? String)?.contains("NUL byte") == true,
            "the report says this run failed, not the earlier one's result")

    let add = try CLI.run(["index", "add", "delivery", "--withdrawn", "delivery/withdrawn.txt", "--report", "r.json"],
                          in: workspace.url)
    #expect(add.status == 0, "\(add.stderr)")
    #expect(add.stderr.contains("delivery/withdrawn.txt:3 (byte 15): warning: withdrawn id \"P-404\" is not in the index"))
    #expect(add.stderr.contains("withdrawn ids: deleted 1, not in the index 1"))
    #expect(add.stderr.contains("delivery/withdrawn.txt (byte 0): skipped: the withdrawal list"))
    #expect(add.stderr.contains("(commit 2)"), "one commit for both")
    #expect(try stats() == before, "one added, one withdrawn")
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.url.appendingPathComponent("r.json")))
      as? [String: Any]
    #expect(report?["deleted"] as? Int == 1 && report?["withdrawn_not_found"] as? Int == 1)
    let gone = try CLI.run(["query", "\"偷排\"", "--json"], in: workspace.url)
    let ids = try #require(try gone.json()["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    #expect(!ids.contains("P-003"))

    try workspace.write("delivery2/more.jsonl", #"{"id":"P-101","type":"petition","title":"夜间噪声","body":"夜间施工噪声。"}"# + "\n")
    let fromInput = try CLI.run(["index", "add", "delivery2", "--withdrawn", "-"], in: workspace.url, input: "P-001\n")
    #expect(fromInput.status == 0 && fromInput.stderr.contains("withdrawn ids: deleted 1, not in the index 0"),
            "\(fromInput.stderr)")
    let delete = try CLI.run(["index", "delete", "--ids-from", "-"], in: workspace.url, input: "P-100\nP-100\n")
    #expect(delete.status == 0, "\(delete.stderr)")
    #expect(delete.stderr.contains("deleted 1 document(s)"), "from standard input, once")
    #expect(try CLI.run(["index", "delete"], in: workspace.url).status == 64)
  }

  /// An issue is on stderr before the commits after it: a batch killed
  /// later has shown what it rejected from what it committed.
  @Test func issuesArePrintedBeforeTheCommitsThatFollowThem() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let good = (0..<30).map { #"{"id":"N-\#($0)","type":"petition","title":"夜间噪声","body":"工地夜间施工噪声扰民。"}"# }
    try workspace.write("delivery/a.jsonl", #"{"id":"N-x","body":"好"}"# + "\n{bad\n")
    try workspace.write("delivery/b.jsonl", good.joined(separator: "\n") + "\n")
    let add = try CLI.run(["index", "add", "delivery", "--commit-every", "10"], in: workspace.url)
    #expect(add.status == 2)
    let lines = add.stderr.split(separator: "\n").map(String.init)
    let rejected = try #require(lines.firstIndex { $0.hasPrefix("delivery/a.jsonl:2 (byte 27): rejected:") }, "\(lines)")
    let committed = try #require(lines.firstIndex { $0.hasPrefix("committed through") }, "\(lines)")
    #expect(rejected < committed)
    #expect(lines.filter { $0.contains("rejected:") }.count == 1, "printed once")
  }

  // MARK: - Streaming queries

  @Test func aTimeoutSaysTheAnswerIsPartial() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let generous = try CLI.run(["query", "臭味", "--json", "--timeout", "60000"], in: workspace.url)
    #expect(generous.status == 0)
    #expect(try generous.json()["timed_out"] == nil, "absent unless it happened")
    #expect(try CLI.run(["query", "臭味", "--timeout", "0"], in: workspace.url).status == 64)
  }

  /// `--sort newest|oldest` lists the same matches by date.
  @Test func sortOrdersTheMatchesByDate() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let dated = { (order: String) throws -> [String] in
      let result = try CLI.run(["query", "金源 臭味", "--json", "--limit", "50", "--sort", order], in: workspace.url)
      #expect(result.status == 0, "\(result.stderr)")
      return try #require(try result.json()["hits"] as? [[String: Any]]).map { $0["date"] as? String ?? "" }
    }
    let relevance = try dated("relevance")
    let newest = try dated("newest")
    let oldest = try dated("oldest")
    #expect(relevance.count >= 3)
    #expect(newest == relevance.sorted(by: >))
    #expect(oldest == relevance.sorted())
    #expect(newest != relevance)
    let wrong = try CLI.run(["query", "臭味", "--sort", "date"], in: workspace.url)
    #expect(wrong.status == 64 && wrong.stderr.contains("'relevance', 'newest' or 'oldest'"))
  }

  @Test func noSnippetsKeepsTheHitsAndEmptiesTheirSnippets() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let full = try CLI.run(["query", "金源", "--json"], in: workspace.url)
    let bare = try CLI.run(["query", "金源", "--json", "--no-snippets"], in: workspace.url)
    let fullHits = try #require(try full.json()["hits"] as? [[String: Any]])
    let bareHits = try #require(try bare.json()["hits"] as? [[String: Any]])
    #expect(!fullHits.isEmpty)
    #expect(fullHits.compactMap { $0["id"] as? String } == bareHits.compactMap { $0["id"] as? String })
    #expect(fullHits.contains { ($0["snippet"] as? String)?.isEmpty == false })
    #expect(bareHits.allSatisfy { ($0["snippet"] as? String) == "" })
  }

  @Test func trackTotalHitsBoundsTheCountAndKeepsTheHits() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    func json(_ extra: [String]) throws -> [String: Any] {
      try CLI.run(["query", "整改", "--json", "--limit", "1"] + extra, in: workspace.url).json()
    }
    func ids(_ json: [String: Any]) -> [String] {
      (json["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    }
    let exact = try json([])
    #expect(exact["total"] as? Int == 2)
    #expect(exact["total_relation"] as? String == "eq")
    #expect(ids(exact).count == 1)
    // Counting stops at 1 (a lower bound); with 0 the total is the hits kept.
    for threshold in ["1", "0"] {
      let counted = try json(["--track-total-hits", threshold])
      #expect(counted["total"] as? Int == 1, "\(threshold)")
      #expect(counted["total_relation"] as? String == "gte", "\(threshold)")
      #expect(ids(counted) == ids(exact), "\(threshold)")
    }
    let negative = try CLI.run(["query", "整改", "--track-total-hits", "-1"], in: workspace.url)
    #expect(negative.status != 0)
    #expect(negative.stderr.contains("--track-total-hits"))
    let both = try CLI.run(["query", "整改", "--track-total-hits", "5", "--exact-total"], in: workspace.url)
    #expect(both.status != 0)
    #expect(both.stderr.contains("--exact-total"))
  }

  @Test func threadsLeaveTheHitsAsTheyAre() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    func hits(_ threads: String) throws -> [String] {
      let json = try CLI.run(["query", "整改 OR 金源", "--json", "--threads", threads], in: workspace.url).json()
      return (json["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    }
    let one = try hits("1")
    #expect(!one.isEmpty)
    #expect(try hits("2") == one)
    #expect(try hits("4") == one)
    let none = try CLI.run(["query", "整改", "--threads", "0"], in: workspace.url)
    #expect(none.status != 0)
    #expect(none.stderr.contains("--threads must be at least 1"))
  }

  @Test func queriesFromStandardInputAnswerOneLineEach() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["query", "--queries", "-", "--json", "--limit", "3"], in: workspace.url,
                             input: "臭味\n\"黑臭水体\"\n(broken\n噪音\n\n  \n")
    #expect(result.status == 2, "every line answered, some with an error: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 6, "one answer per line, blank lines included")
    let blank = try JSONSerialization.jsonObject(with: Data(lines[5].utf8)) as? [String: Any]
    #expect((blank?["error"] as? String)?.hasPrefix("empty query") == true)
    let third = try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any]
    #expect(third?["error"] != nil)
    #expect(third?["column"] as? Int == 1)
    let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    #expect((first?["hits"] as? [Any])?.count ?? 0 > 0)
    let good = try CLI.run(["query", "--queries", "-", "--json"], in: workspace.url, input: "臭味\n\n噪音\n")
    #expect(good.status == 0, "a blank line is answered, and is no failed query")
  }

  /// Hits say how many of the query's words they matched, the key they are ordered by before the score.
  @Test func jsonHitsCarryTheKeyTheyAreOrderedBy() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["query", "养猪场 臭味 噪声", "--json", "--limit", "20"], in: workspace.url)
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    let keys = hits.map { ($0["matched_clauses"] as? Int ?? -1, $0["score"] as? Double ?? -1) }
    #expect(!keys.isEmpty && keys.allSatisfy { $0.0 >= 0 })
    #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 >= $1.1) }, "\(keys)")
  }

  /// A town where documents record their county finds nothing, and says why.
  @Test func aFilterValueNoDocumentHasIsNamed() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let town = try CLI.run(["query", "臭味", "--region", "龙光桥镇"], in: workspace.url)
    #expect(town.status == 0)
    #expect(town.stderr.contains("no document of the index has the region 龙光桥镇"), "\(town.stderr)")
    let county = try CLI.run(["query", "噪声", "--region", "赫山区", "--type", "rectification"], in: workspace.url)
    #expect(!county.stderr.contains("no document of the index has the region"), "\(county.stderr)")
    // So do a type or category no document has (with those they have), in an option or the query.
    let type = try CLI.run(["query", "臭味", "--type", "信访"], in: workspace.url)
    #expect(!type.stderr.contains("note:"), "信访 is a petition: \(type.stderr)")
    let unknown = try CLI.run(["query", "臭味 category:噪音", "--type", "foo"], in: workspace.url)
    #expect(unknown.stderr.contains("note: no document of the index has the type foo; types are petition"), "\(unknown.stderr)")
    #expect(unknown.stderr.contains("note: no document of the index has the category 噪音; categories are"))
    // And a query with no searchable word.
    for query in ["的", "，。", "+"] {
      let empty = try CLI.run(["query", "--", query], in: workspace.url)
      #expect(empty.status == 0 && empty.stderr.contains("note: the query holds no searchable word"), "\(query): \(empty.stderr)")
    }
    // Streamed queries name their line.
    let streamed = try CLI.run(["query", "--queries", "-", "--json"], in: workspace.url, input: "噪声\n的\ntype:foo 噪声\n")
    #expect(streamed.stderr.contains("note: line 2: the query holds no searchable word"), "\(streamed.stderr)")
    #expect(streamed.stderr.contains("note: line 3: no document of the index has the type foo"))
    #expect(!streamed.stderr.contains("line 1"))
  }

  @Test func eachStreamedAnswerIsFlushedBeforeTheNextQueryArrives() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["query", "--queries", "-", "--json"]
    process.currentDirectoryURL = workspace.url
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var answers = 0
    for query in ["臭味", "废水"] {
      input.fileHandleForWriting.write(Data((query + "\n").utf8))
      // The answer must arrive while stdin is still open.
      var line = Data()
      while !line.contains(0x0A) {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line.append(chunk)
      }
      #expect(String(decoding: line, as: UTF8.self).contains("\"query\":\"\(query)\""))
      answers += 1
    }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(answers == 2)
  }

  // MARK: - Errors

  /// Files named on the command line that hold no documents are rejected, and
  /// a report that cannot be written is found before anything is indexed.
  @Test func namedFilesThatAreNoDocumentsAndUnwritableReportsChangeNothing() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    try workspace.write("arr.json", #"[{"id":"A-1","body":"噪声"}]"#)
    try workspace.write("good.jsonl", #"{"id":"G-1","title":"噪声","body":"夜间噪声扰民"}"# + "\n")
    let strict = try CLI.run(["index", "add", "arr.json", "good.jsonl", "--strict"], in: workspace.url)
    #expect(strict.status == 1, "\(strict.stderr)")
    #expect(strict.stderr.contains("arr.json (byte 0): rejected: unsupported file type"), "\(strict.stderr)")
    for target in ["no/such/folder/r.json", "corpus"] {  // a missing folder; a folder, not a file
      let report = try CLI.run(["index", "add", "good.jsonl", "--report", target], in: workspace.url)
      #expect(report.status == 1 && report.stderr.contains("nothing was indexed"), "\(target): \(report.stderr)")
    }
    let stats = try CLI.run(["index", "stats", "--json"], in: workspace.url)
    #expect(try stats.json()["documents"] as? Int == 6, "nothing of either batch was committed")
    let lenient = try CLI.run(["index", "add", "arr.json", "good.jsonl"], in: workspace.url)
    #expect(lenient.status == 2, "\(lenient.stderr)")
    #expect(lenient.stderr.contains("added 1"), "\(lenient.stderr)")
  }

  @Test func badQueryExitsOneWithACaret() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["query", "噪音 AND"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("column 4"))
    #expect(result.stderr.contains("^"))
  }

  @Test func malformedCommandLineExitsSixtyFourBeforeOpeningAnything() throws {
    // A corpus but no index: a command that got as far as searching would build one.
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", SampleDocuments.jsonl)
    let cases: [([String], String)] = [
      (["query", "噪声", "--from", "2020-13-01"], "--from 2020-13-01: expected a date as YYYY-MM-DD"),
      (["trends", "噪声", "--to", "2020-02-30"], "--to 2020-02-30: expected a date as YYYY-MM-DD"),
      (["recurring", "--from", "去年"], "--from 去年: expected a date as YYYY-MM-DD"),
      (["query", "噪声", "--threads", "0"], "--threads must be at least 1"),
      (["query", "噪声", "--no-such-option"], "--no-such-option"),
      (["query", "噪声", "--from", "2023-01-01", "--to", "2022-01-01"], "the range ends before it starts"),
      (["recurring", "--from", "2023-01-01", "--to", "2022-01-01"], "the range ends before it starts"),
      (["query", "噪声", "--queries", "-"], "give a query or --queries FILE, not both"),
      (["query", "噪声", "--offset", "9995", "--limit", "10"], "--offset + --limit must be at most 10000"),
      (["query", "噪声", "--limit", "\(Int.max)", "--offset", "1"], "--offset + --limit must be at most 10000"),
      (["index", "add", "corpus", "--commit-every", "0"], "--commit-every must be at least 1"),
    ]
    for (arguments, message) in cases {
      let result = try CLI.run(arguments, in: workspace.url)
      #expect(result.status == 64, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("index").path))
  }

  @Test func lockedIndexNamesTheHoldingProcess() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let writer = try IndexWriter(path: workspace.url.appendingPathComponent("index").path, analyzer: Analyzer())
    defer { writer.close() }
    try workspace.write("delivery/one.jsonl", "{\"id\":\"L-1\",\"title\":\"噪声\",\"body\":\"夜间噪声\"}\n")
    let result = try CLI.run(["index", "add", "delivery"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("locked by pid \(getpid())"))
  }

  @Test func damagedIndexNamesTheFile() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    let index = workspace.url.appendingPathComponent("index")
    let postings = try #require(try FileManager.default.contentsOfDirectory(atPath: index.path).first { $0.hasSuffix(".postings") })
    let file = try FileHandle(forUpdating: index.appendingPathComponent(postings))
    try file.seek(toOffset: 40)
    try file.write(contentsOf: Data([0xFF, 0x00, 0xFF]))
    try file.close()
    let query = try CLI.run(["query", "臭味"], in: workspace.url)
    #expect(query.status == 1)
    #expect(query.stderr.contains(postings))
    let check = try CLI.run(["index", "check"], in: workspace.url)
    #expect(check.status == 1)
    #expect(check.stdout.contains(postings))
  }

  /// `--allow-partial` answers from the segments that open, naming the one
  /// left out and exiting 2; without it the damage is an error (RELIABILITY R3).
  @Test func allowPartialLeavesOutADamagedSegmentLoudly() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    try workspace.write("delivery.jsonl", """
      {"id":"P-101","type":"petition","title":"养猪场臭味又来了","region":"赫山区","body":"龙光桥镇养猪场臭味扰民，夜间尤甚。"}

      """)
    let added = try CLI.run(["index", "add", "delivery.jsonl"], in: workspace.url)
    try #require(added.status == 0, "\(added.stderr)")
    let before = try CLI.run(["query", "臭味", "--json"], in: workspace.url)
    let beforeIDs = try #require(try before.json()["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    #expect(beforeIDs.contains("P-101") && beforeIDs.contains("P-001"), "\(beforeIDs)")

    // Damage the first segment (the sample documents): its small terms file fails its checksum at open.
    let index = workspace.url.appendingPathComponent("index")
    let file = try FileHandle(forUpdating: index.appendingPathComponent("s1.terms"))
    try file.seek(toOffset: 60)
    let byte = try file.read(upToCount: 1) ?? Data([0])
    try file.seek(toOffset: 60)
    try file.write(contentsOf: Data([byte[0] ^ 0x10]))
    try file.close()

    let refused = try CLI.run(["query", "臭味", "--json"], in: workspace.url)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("s1.terms"), "\(refused.stderr)")
    #expect(refused.stdout.isEmpty)

    let partial = try CLI.run(["query", "臭味", "--json", "--allow-partial"], in: workspace.url)
    #expect(partial.status == 2, "\(partial.stderr)")
    #expect(partial.stderr.contains("warning: segment s1 left out (--allow-partial), its 6 documents missing"),
            "\(partial.stderr)")
    #expect(partial.stderr.contains("s1.terms"))
    let ids = try #require(try partial.json()["hits"] as? [[String: Any]]).compactMap { $0["id"] as? String }
    #expect(ids == ["P-101"])
    let unit = try CLI.run(["unit", "兴旺生猪养殖场", "--json", "--allow-partial"], in: workspace.url)
    #expect(unit.status == 2 && unit.stderr.contains("segment s1 left out"), "\(unit.stderr)")
  }

  @Test func malformedSynonymFileNamesTheLine() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    try workspace.write("bad-synonyms.txt", "噪音, 噪声\n臭味,,异味\n")
    let result = try CLI.run(["query", "臭味", "--synonyms", "bad-synonyms.txt"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad-synonyms.txt:2"))
    let without = try CLI.run(["query", "臭味", "--synonyms", "bad-synonyms.txt", "--no-synonyms", "--json"], in: workspace.url)
    #expect(without.status == 0, "the off switch does not read the file")
  }

  @Test func synonymWarningsAreShownAndTheQueryRuns() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    // COD and ＣＯＤ normalize alike: the second group is ignored, with a warning.
    try workspace.write("synonyms.txt", "噪音, 噪声\nCOD, ＣＯＤ\n")
    let result = try CLI.run(["query", "噪音", "--synonyms", "synonyms.txt", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("warning: synonyms.txt:2:1: group ignored"), "\(result.stderr)")
    #expect(result.stdout.contains("\"hits\""))
  }

  @Test func strictBatchLeavesTheIndexByteIdentical() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    func snapshot() throws -> [String: Data] {
      let index = workspace.url.appendingPathComponent("index")
      var files: [String: Data] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: index.path) where name != "write.lock" {
        files[name] = try Data(contentsOf: index.appendingPathComponent(name))
      }
      return files
    }
    let before = try snapshot()
    try workspace.write("delivery/mixed.jsonl", """
      {"id":"P-300","type":"petition","title":"新投诉","body":"码头扬尘。"}
      {"id":"P-301","type":"petition","title":"坏行","body": }

      """)
    let result = try CLI.run(["index", "add", "delivery", "--strict"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("mixed.jsonl:2"))
    #expect(try snapshot() == before)
  }

  @Test func missingIndexNamesThePath() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let result = try CLI.run(["index", "stats", "--index", "nowhere"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("nowhere"))
  }

  @Test func extraFieldsComeBackAsTheyWereWritten() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", #"{"id":"X-1","title":"噪声扰民","body":"夜间噪声","reporter":"张三","tags":["夜间",1],"n":1.50}"#
                        + "\n" + #"{"id":"X-2","title":"噪声","body":"码头噪声"}"# + "\n")
    #expect(try CLI.run(["index", "build"], in: workspace.url).status == 0)
    let result = try CLI.run(["query", "噪声", "--json"], in: workspace.url)
    #expect(result.stdout.contains(#""extra":{"reporter":"张三","tags":["夜间",1],"n":1.50}"#), "\(result.stdout)")
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    #expect(hits.first { $0["id"] as? String == "X-2" }?["extra"] == nil, "no extra fields, no key")
  }

  @Test func ingestOptionsKeepWhatTheDefaultsReject() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    let lines = Array(#"{"id":"R-1","title":"噪声","body":"夜间噪声"}"#.utf8) + [10]
      + Array(#"{"id":"R-2","title":"臭味 "#.utf8) + [0xFF] + Array(#"","body":"臭味"}"#.utf8) + [10]
      + Array(#"{"id":"R-3"}"#.utf8) + [10]
      + Array(#"{"title":"扬尘","body":"码头扬尘"}"#.utf8) + [10]
    try workspace.write("delivery/d.jsonl", String(decoding: lines, as: UTF8.self))
    try Data(lines).write(to: workspace.url.appendingPathComponent("delivery/d.jsonl"))
    let strict = try CLI.run(["index", "build", "delivery", "--index", "strict"], in: workspace.url)
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("added 1, replaced 0, rejected 3"), "\(strict.stderr)")
    let lenient = try CLI.run(["index", "build", "delivery", "--index", "lenient", "--on-invalid", "replace",
                               "--allow-empty", "--id-from", "path+line"], in: workspace.url)
    #expect(lenient.status == 0, "\(lenient.stderr)")
    #expect(lenient.stderr.contains("added 4, replaced 0, rejected 0"), "\(lenient.stderr)")
    let bad = try CLI.run(["index", "build", "delivery", "--on-invalid", "drop"], in: workspace.url)
    #expect(bad.status == 64)
  }

  @Test func rejectedRecordsExitTwoAndNameFileAndLine() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", SampleDocuments.jsonl + "{\"id\": \"bad\", \"body\": \n")
    let result = try CLI.run(["index", "build", "--report", "report.json"], in: workspace.url)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("docs.jsonl:7"))
    #expect(result.stderr.contains("rejected 1"))
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.url.appendingPathComponent("report.json"))) as? [String: Any]
    #expect(report?["records_read"] as? Int == 7)
    #expect(report?["added"] as? Int == 6)
    let stats = try CLI.run(["query", "臭味", "--json"], in: workspace.url)
    #expect(try (stats.json()["total"] as? Int ?? 0) > 0)
  }

  @Test func strictBatchCommitsNothing() throws {
    let workspace = try builtWorkspace()
    defer { workspace.remove() }
    try workspace.write("delivery/mixed.jsonl", """
      {"id":"P-200","type":"petition","title":"新的投诉","body":"资阳区长春镇石料厂噪声扰民。"}
      {"id": 1.5, "body": "编号不合法"}

      """)
    let result = try CLI.run(["index", "add", "delivery", "--strict"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("nothing was committed"))
    let query = try CLI.run(["query", "\"石料厂\"", "--json"], in: workspace.url)
    #expect(try query.json()["total"] as? Int == 0)
  }

  @Test func controlCharactersInDocumentsAreEscaped() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("corpus/docs.jsonl", """
      {"id":"E-1","type":"petition","title":"噪声\\u001b[31m投诉","body":"夜间噪声扰民\\u001b]0;title\\u0007。"}

      """)
    #expect(try CLI.run(["index", "build"], in: workspace.url).status == 0)
    let result = try CLI.run(["query", "噪声"], in: workspace.url)
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(result.stdout.contains("\\u{1b}"))
  }

  @Test func jsonEscapesExactlyTheCharactersItMustAndSnippetsStayOnOneLine() throws {
    let workspace = try Workspace()
    defer { workspace.remove() }
    // Title: quote, backslash, tab, U+0001, DEL, U+2028, and characters
    // that share U+2028's first byte but need no escape (… “ ”).
    try workspace.write("corpus/docs.jsonl", #"""
      {"id":"J-1","type":"petition","title":"“噪声”\"投诉\\\t\u0001\u007f\u2028…完","body":"夜间噪声扰民。\r\n第二行噪声\u2029第三行\u0085第四行\n完"}
      {"id":"J-2","type":"petition","title":"噪声\u202e\u200f\u2066\u0085\u061c反转","body":"反转的噪声"}

      """#)
    #expect(try CLI.run(["index", "build"], in: workspace.url).status == 0)
    let result = try CLI.run(["query", "噪声", "--json"], in: workspace.url)
    #expect(result.status == 0)
    let line = result.stdout
    #expect(line.contains(#""title":"“噪声”\"投诉\\\t\u0001\u007f\u2028…完""#), "\(line)")
    #expect(line.contains(#""snippet":"夜间噪声扰民。 第二行噪声 第三行 第四行 完""#), "\(line)")
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    #expect(hits.contains { $0["title"] as? String == "“噪声”\"投诉\\\t\u{01}\u{7F}\u{2028}…完" })
    // Bidirectional controls and C1 controls are escaped too (they reorder a terminal's view of the line).
    #expect(line.contains(#""title":"噪声\u202e\u200f\u2066\u0085\u061c反转""#), "\(line)")
    #expect(hits.contains { $0["title"] as? String == "噪声\u{202E}\u{200F}\u{2066}\u{85}\u{61C}反转" })
    // Highlights after a CR LF or a three-byte separator (now one space) still frame the word.
    let text = try CLI.run(["query", "噪声"], in: workspace.url)
    #expect(text.stdout.contains("夜间【噪声】扰民。 第二行【噪声】 第三行 第四行 完"), "\(text.stdout)")
  }
}
