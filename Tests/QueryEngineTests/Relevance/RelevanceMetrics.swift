import Foundation

/// nDCG@k and recall@k of one ranked list against graded judgments.
///
/// DCG@k sums (2^grade − 1) / log2(rank + 1) over ranks 1…k; nDCG divides by
/// the DCG of the judged grades in their ideal order. recall@k is the share of
/// judged documents in the first k hits, out of min(judged, k) so a query with
/// more than k relevant documents can still reach 1. Unjudged documents count
/// as grade 0. scripts/relevance.py computes the same figures.
enum RelevanceMetrics {
  static func dcg(_ grades: [Int]) -> Double {
    grades.enumerated().reduce(0) { sum, item in
      sum + (pow(2, Double(item.element)) - 1) / log2(Double(item.offset) + 2)
    }
  }

  static func ndcg(ranked: [String], relevant: [String: Int], depth: Int = 10) -> Double {
    let ideal = dcg(Array(relevant.values.sorted(by: >).prefix(depth)))
    guard ideal > 0 else { return 0 }
    return dcg(ranked.prefix(depth).map { relevant[$0] ?? 0 }) / ideal
  }

  static func recall(ranked: [String], relevant: [String: Int], depth: Int = 100) -> Double {
    guard !relevant.isEmpty else { return 0 }
    let found = ranked.prefix(depth).filter { relevant[$0] != nil }.count
    return Double(found) / Double(min(relevant.count, depth))
  }
}
