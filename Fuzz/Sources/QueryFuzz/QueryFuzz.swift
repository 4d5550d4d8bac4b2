#if canImport(Glibc)
import Glibc
#endif
import IndexStore
import Ingest
import QueryEngine
import TextAnalysis

/// libFuzzer entry point: any bytes as query text must parse to a query or
/// fail with a `QueryError` whose column lies within the text, analyzing
/// every word and phrase of a parsed query must not trap, and neither must
/// searching a small real index with it (synonyms on, explanations and
/// facets asked for).
private let analyzer = Analyzer()
private let parser = QueryParser()
private let searcher = makeSearcher()

/// A searcher over a few documents written to a fresh temporary index once
/// per process; nil if it cannot be made (the fuzzing then covers parsing only).
private func makeSearcher() -> Searcher? {
  var template = Array("/tmp/query-fuzz-index-XXXXXX".utf8CString)
  let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
    guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
    return String(cString: base)
  }
  guard let path = made else { return nil }
  let documents = [
    Document(id: "D430903201906260011", type: "petition", title: "兴旺养猪场臭味扰民", date: Day(iso: "2019-06-26"),
             region: "赫山区", unit: "赫山区兴旺生猪养殖场", category: "大气",
             body: "群众反映兴旺养猪场长期乱排猪粪水，臭味很大，夜间噪音扰民。受理编号D430903201906260011。"),
    Document(id: "P-2", type: "petition", title: "码头噪声", date: Day(iso: "2021-03-07"), region: "南县",
             body: "砂石码头夜间噪声扰民，扬尘严重，ＣＯＤ超标，PM2.5 偏高。"),
    Document(id: "R-1", type: "rectification", title: "關於環境保護整改情況的報告", date: Day(iso: "2020-09-15"),
             region: "资阳区", unit: "益阳市金源造纸有限公司", category: "水",
             body: "金源造纸偷排废水问题已整改，黑臭水体治理完成，雨污分流改造到位。"),
    Document(id: "B-1", type: "briefing", title: "督察工作简报（第 6 期）", body: "黑臭水体、生猪养殖场异味、恶臭投诉。"),
  ]
  do {
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()
    var searcher = Searcher(reader: try IndexReader.open(path: path))
    searcher.synonyms = try SynonymMap(text: "噪音, 噪声\n养猪场, 生猪养殖场, 猪场\n臭味, 异味, 恶臭\n偷排 => 直排\n",
                                       source: "fuzz")
    searcher.threads = 1
    return searcher
  } catch {
    return nil
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func queryFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let query = try parser.parse(text)
    visit(query)
    if let searcher {
      var request = SearchRequest(query: query)
      request.explain = true
      request.facets = size % 2 == 0
      request.totalHitsThreshold = size % 3
      _ = try? searcher.search(request)
    }
  } catch {
    let length = text.count
    if error.column < 1 || error.column > length + 1 {
      // A column outside the text is a bug: make libFuzzer report it.
      preconditionFailure("column \(error.column) outside 1...\(length + 1) for \(text.debugDescription)")
    }
  }
  return 0
}

private func visit(_ query: Query) {
  switch query {
  case .words(let text, _), .phrase(let text, _):
    _ = analyzer.analyze(text)
  case .boolean(let clauses):
    for clause in clauses { visit(clause.query) }
  case .filter, .all:
    break
  }
}
