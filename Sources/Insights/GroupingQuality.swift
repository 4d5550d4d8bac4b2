/// Pairwise precision and recall of a clustering against known groups.
///
/// Every pair of items put in one predicted group is a predicted pair, every
/// pair in one known group a true pair. Precision is the share of predicted
/// pairs that are true, recall the share of true pairs that were predicted.
/// Items outside every group take part in no pair.
public struct GroupingQuality: Hashable, Sendable {
  /// Pairs of distinct items in one known group.
  public var truePairs: Int
  /// Pairs of distinct items in one predicted group.
  public var predictedPairs: Int
  /// Predicted pairs that are also true pairs.
  public var correctPairs: Int

  /// `correctPairs / predictedPairs`, from 0 to 1; 1 when nothing was paired.
  public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
  /// `correctPairs / truePairs`, from 0 to 1; 1 when there is no true pair.
  public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }

  /// Compares `predicted` groups of item ids with the known groups `truth`; an item repeated within one
  /// group counts once.
  public init(predicted: [[String]], truth: [[String]]) {
    var groupOf: [String: Int] = [:]
    for (index, group) in truth.enumerated() {
      for item in group { groupOf[item] = index }
    }
    truePairs = truth.reduce(0) { $0 + Set($1).count * (Set($1).count - 1) / 2 }
    var predictedCount = 0
    var correct = 0
    for group in predicted {
      let items = Array(Set(group))
      predictedCount += items.count * (items.count - 1) / 2
      var perTruth: [Int: Int] = [:]
      for item in items { if let known = groupOf[item] { perTruth[known, default: 0] += 1 } }
      correct += perTruth.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }
    predictedPairs = predictedCount
    correctPairs = correct
  }
}
