import Foundation

/// One judged query of the relevance set: the text a user types, its kind and
/// the documents a reader of the corpus judged relevant (2 highly, 1 somewhat).
///
/// The set lives in `Tests/Fixtures/relevance/judgments.jsonl`, one JSON object
/// a line; docs/RELEVANCE.md says how the grades were decided.
struct RelevanceJudgment: Sendable {
  var query: String
  var kind: String
  var relevant: [String: Int]

  /// The judgment file and the floors file, found from this file's path.
  static let fixtures = RelevanceFixtures.root.appendingPathComponent("Tests/Fixtures/relevance")

  /// Reads every line of `judgments.jsonl`.
  static func loadAll() throws -> [RelevanceJudgment] {
    let url = fixtures.appendingPathComponent("judgments.jsonl")
    let text = try String(contentsOf: url, encoding: .utf8)
    var judgments: [RelevanceJudgment] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      guard let fields = object as? [String: Any], let query = fields["query"] as? String,
            let kind = fields["kind"] as? String, let relevant = fields["relevant"] as? [String: Int],
            !relevant.isEmpty
      else {
        throw RelevanceFixtureError(message: "\(url.path) line \(number + 1): expected {\"query\", \"kind\", \"relevant\": {id: grade}}")
      }
      judgments.append(RelevanceJudgment(query: query, kind: kind, relevant: relevant))
    }
    return judgments
  }
}
