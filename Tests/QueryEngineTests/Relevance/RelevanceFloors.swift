import Foundation

/// The lowest nDCG@10 and recall@100 each query kind may reach before the
/// relevance test fails, from `Tests/Fixtures/relevance/floors.json`.
///
/// The floors sit a little below the figures measured when they were
/// recorded (BENCHMARKS.md, `## Relevance`): raise them when ranking
/// improves, never lower them to make a change pass without saying why.
struct RelevanceFloors {
  var ndcg: Double
  var recall: Double

  /// The floors of one setting (`synonyms_on` or `synonyms_off`) by kind,
  /// `all` included.
  static func load(setting: String) throws -> [String: RelevanceFloors] {
    let url = RelevanceJudgment.fixtures.appendingPathComponent("floors.json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    guard let settings = object as? [String: Any], let kinds = settings[setting] as? [String: Any] else {
      throw RelevanceFixtureError(message: "\(url.path): no object \"\(setting)\"")
    }
    var floors: [String: RelevanceFloors] = [:]
    for (kind, value) in kinds {
      guard let fields = value as? [String: Any], let ndcg = (fields["ndcg@10"] as? NSNumber)?.doubleValue,
            let recall = (fields["recall@100"] as? NSNumber)?.doubleValue
      else {
        throw RelevanceFixtureError(message: "\(url.path): \(setting).\(kind) needs numbers \"ndcg@10\" and \"recall@100\"")
      }
      floors[kind] = RelevanceFloors(ndcg: ndcg, recall: recall)
    }
    return floors
  }
}
