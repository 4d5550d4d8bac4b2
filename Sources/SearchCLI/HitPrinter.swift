import Foundation
import Ingest
import QueryEngine

/// Renders search results for people (text) and for scripts (JSON).
enum HitPrinter {
  /// The contract's JSON: {"query","total","total_relation","took_ms","hits":[…]}, plus
  /// "facets" and per-hit "explanation" only when asked for.
  static func json(query: String, result: SearchResult, tookMilliseconds: Double) -> String {
    jsonValue(query: query, result: result, tookMilliseconds: tookMilliseconds).text
  }

  /// `json(…)` and a newline as UTF-8, for `--queries` (one line per query,
  /// written without building a String of it).
  static func jsonLine(query: String, result: SearchResult, tookMilliseconds: Double) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256 + 512 * result.hits.count)
    jsonValue(query: query, result: result, tookMilliseconds: tookMilliseconds).write(to: &output)
    output.append(UInt8(ascii: "\n"))
    return output
  }

  static func jsonValue(query: String, result: SearchResult, tookMilliseconds: Double) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("query", .string(query)),
      ("total", .integer(result.totalHits)),
      ("total_relation", .string(result.totalHitsRelation.rawValue)),
      ("took_ms", .number((tookMilliseconds * 1000).rounded() / 1000)),
      ("hits", .array(result.hits.map(hitJSON))),
    ]
    // Only when it happened, so that the contract's fields stay as they are otherwise.
    if result.timedOut { members.append(("timed_out", .bool(true))) }
    if let facets = result.facets {
      func buckets(_ list: [FacetCounts.Bucket]) -> JSONValue {
        .array(list.map { .object([("value", .string($0.value)), ("count", .integer($0.count))]) })
      }
      members.append(("facets", .object([
        ("type", buckets(facets.type)), ("region", buckets(facets.region)),
        ("category", buckets(facets.category)), ("month", buckets(facets.month)),
      ])))
    }
    return JSONValue.object(members)
  }

  static func hitJSON(_ hit: Hit) -> JSONValue {
    let document = hit.document
    var members: [(String, JSONValue)] = [
      ("id", .string(document.id)),
      ("score", .number(hit.score)),
      // Hits are ordered by this first, then by score (docs/RANKING.md): a script merging pages can sort by both.
      ("matched_clauses", .integer(hit.matchedClauses)),
      ("type", .string(document.type)),
      ("title", .string(document.title)),
      ("date", document.date.map { .string($0.iso) } ?? .null),
      ("region", .string(document.region)),
      ("unit", .string(document.unit)),
      ("category", .string(document.category)),
      ("snippet", .string(hit.snippet.map { $0.marked(open: "", close: "") } ?? "")),
    ]
    // The input's other fields, as they were written (DESIGN.md: kept and returned).
    if !document.extra.isEmpty { members.append(("extra", .object(document.extra.map { ($0.name, .raw($0.json)) }))) }
    if let explanation = hit.explanation { members.append(("explanation", explanationJSON(explanation))) }
    return .object(members)
  }

  static func explanationJSON(_ explanation: Explanation) -> JSONValue {
    .object([
      ("value", .number(explanation.value)), ("description", .string(explanation.summary)),
      ("details", .array(explanation.details.map(explanationJSON))),
    ])
  }

  /// A ranked list: rank, title, type, date, region, unit, score, then the
  /// snippet with matched words highlighted; the total and time at the end.
  static func text(result: SearchResult, offset: Int, tookMilliseconds: Double, explain: Bool) -> String {
    var output = ""
    for (index, hit) in result.hits.enumerated() {
      let document = hit.document
      let rank = offset + index + 1
      var line = "\(rank). " + Terminal.bold(Terminal.safe(document.title.isEmpty ? document.id : document.title))
      output += line + "\n"
      line = "   " + [document.type, document.date?.iso ?? "", document.region, document.unit]
        .filter { !$0.isEmpty }.map(Terminal.safe).joined(separator: " · ")
      line += "  " + Terminal.dim("id \(Terminal.safe(document.id)) · score \(String(format: "%.3f", hit.score))")
      output += line + "\n"
      if let snippet = hit.snippet {
        output += "   " + highlighted(snippet) + "\n"
      }
      if explain, let explanation = hit.explanation {
        output += explanation.description.split(separator: "\n").map { "     " + $0 }.joined(separator: "\n") + "\n"
      }
      output += "\n"
    }
    let shown = result.hits.isEmpty ? "no hits" : "hits \(offset + 1)–\(offset + result.hits.count)"
    let total = result.totalHitsRelation == .equalTo ? "\(result.totalHits)" : "at least \(result.totalHits)"
    output += Terminal.dim("\(total) documents match; \(shown); \(String(format: "%.1f", tookMilliseconds)) ms") + "\n"
    if result.timedOut {
      output += Terminal.dim("timed out: only part of the index was searched, so these are partial results") + "\n"
    }
    if let facets = result.facets {
      output += "\n" + FacetChart.render(facets)
    }
    return output
  }

  /// The snippet with highlights, made safe for the terminal.
  static func highlighted(_ snippet: Snippet) -> String {
    snippet.marked(plain: Terminal.safe) { Terminal.useColor ? Terminal.highlight($0) : "【" + $0 + "】" }
  }
}

/// Facet counts as small bar charts.
enum FacetChart {
  static func render(_ facets: FacetCounts) -> String {
    var output = ""
    for (name, buckets) in [("type", facets.type), ("region", facets.region), ("category", facets.category),
                            ("month", facets.month)] where !buckets.isEmpty {
      output += Terminal.bold(name) + "\n" + bars(buckets.map { ($0.value, $0.count) }) + "\n"
    }
    return output
  }

  static func bars(_ rows: [(String, Int)], width: Int = 40) -> String {
    let largest = max(1, rows.map(\.1).max() ?? 1)
    let labelWidth = rows.map { displayWidth($0.0) }.max() ?? 0
    return rows.map { label, count in
      let length = max(count > 0 ? 1 : 0, count * width / largest)
      let padding = String(repeating: " ", count: max(0, labelWidth - displayWidth(label)))
      return "  " + Terminal.safe(label) + padding + " " + String(repeating: "█", count: length) + " \(count)"
    }.joined(separator: "\n")
  }

  /// Terminal cells: CJK characters take two.
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.value <= 0xFFE6) || $1.value >= 0x20000 ? 2 : 1) }
  }
}
