import QueryEngine
import TextAnalysis

/// libFuzzer entry point: any bytes as query text must parse to a query or
/// fail with a `QueryError` whose column lies within the text, and analyzing
/// every word and phrase of a parsed query must not trap.
private let analyzer = Analyzer()
private let parser = QueryParser()

@_cdecl("LLVMFuzzerTestOneInput")
public func queryFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let query = try parser.parse(text)
    visit(query)
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
