/// The split of a window's candidate-producing leaves into essential ones,
/// whose documents are candidates, and non-essential ones, looked up only
/// for candidates (MaxScore, Turtle and Flood 1995, with block-max bounds:
/// each leaf's bound over the window comes from its skip table).
///
/// The non-essential leaves are a set whose matches, plus everything the
/// rest of the query could add (`extraClauses`, `extraScore`), cannot rank
/// above the threshold: with coordination, they cover fewer clauses than it,
/// or as many with a smaller sum of score bounds. Two orders are tried
/// (leaves by score bound, and whole clauses from the most expensive) and
/// the one leaving the fewest postings to walk is kept.
struct MaxScorePartition {
  /// Leaves walked densely; empty when nothing in the window can rank above the threshold.
  let essential: [Int]
  /// Leaves looked up per candidate, highest bound first.
  let nonEssential: [Int]
  /// `maxScoreFrom[k]`: the sum of the bounds of `nonEssential[k...]`.
  let maxScoreFrom: [Double]
  /// `clausesFrom[k]`: the clauses of `nonEssential[k...]`.
  let clausesFrom: [UInt64]

  /// - Parameters:
  ///   - candidates: the leaves that may produce candidates.
  ///   - bounds: each leaf's score bound in the window, by leaf index.
  ///   - clauseBits, costs: each leaf's clause bit and estimated documents, by leaf index.
  ///   - canRank: whether a document with these clauses and this score bound
  ///     could rank above the threshold.
  init(_ candidates: [Int], bounds: [Double], clauseBits: [UInt64], costs: [Int], extraClauses: UInt64,
       extraScore: Double, canRank: (UInt64, Double) -> Bool) {
    var clauseCosts = [Int](repeating: 0, count: 64)
    for leaf in candidates { clauseCosts[clauseBits[leaf].trailingZeroBitCount] += costs[leaf] }
    let byBound = candidates.sorted { bounds[$0] < bounds[$1] }
    let byClause = candidates.sorted { a, b in
      let costA = clauseCosts[clauseBits[a].trailingZeroBitCount]
      let costB = clauseCosts[clauseBits[b].trailingZeroBitCount]
      if costA != costB { return costA > costB }
      if clauseBits[a] != clauseBits[b] { return clauseBits[a] < clauseBits[b] }
      return bounds[a] < bounds[b]
    }
    /// The longest prefix of `order` that cannot rank above the threshold.
    func prefix(_ order: [Int]) -> Int {
      var mask = extraClauses
      var total = extraScore
      for (count, leaf) in order.enumerated() {
        mask |= clauseBits[leaf]
        total += bounds[leaf]
        if canRank(mask, total) { return count }
      }
      return order.count
    }
    func skippedCost(_ order: [Int], _ count: Int) -> Int { order.prefix(count).reduce(0) { $0 + costs[$1] } }
    let first = prefix(byBound)
    let second = prefix(byClause)
    let (order, count) = skippedCost(byClause, second) > skippedCost(byBound, first)
      ? (byClause, second) : (byBound, first)
    essential = Array(order[count...])
    nonEssential = order.prefix(count).sorted { bounds[$0] > bounds[$1] }
    var maxScoreFrom = [Double](repeating: 0, count: nonEssential.count + 1)
    var clausesFrom = [UInt64](repeating: 0, count: nonEssential.count + 1)
    for rank in stride(from: nonEssential.count - 1, through: 0, by: -1) {
      maxScoreFrom[rank] = maxScoreFrom[rank + 1] + bounds[nonEssential[rank]]
      clausesFrom[rank] = clausesFrom[rank + 1] | clauseBits[nonEssential[rank]]
    }
    self.maxScoreFrom = maxScoreFrom
    self.clausesFrom = clausesFrom
  }
}
