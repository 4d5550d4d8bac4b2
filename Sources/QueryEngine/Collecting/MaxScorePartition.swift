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
///
/// One partition serves every window of a segment: `split` reuses its
/// arrays, so a window costs no allocation (a segment of 100k documents has
/// 49 windows, and a query of a common word is mostly windows).
struct MaxScorePartition {
  /// Leaves walked densely; empty when nothing in the window can rank above the threshold.
  private(set) var essential: [Int] = []
  /// Leaves looked up per candidate, highest bound first.
  private(set) var nonEssential: [Int] = []
  /// `maxScoreFrom[k]`: the sum of the bounds of `nonEssential[k...]`.
  private(set) var maxScoreFrom: [Double] = []
  /// `clausesFrom[k]`: the clauses of `nonEssential[k...]`.
  private(set) var clausesFrom: [UInt64] = []

  private let candidates: [Int]
  private let clauseBits: [UInt64]
  private let costs: [Int]
  /// The estimated documents of each leaf's clause among the candidates, by leaf index.
  private let clauseCosts: [Int]
  private var byBound: [Int]
  private var byClause: [Int]

  /// - Parameters:
  ///   - candidates: the leaves that may produce candidates.
  ///   - clauseBits, costs: each leaf's clause bit and estimated documents, by leaf index.
  init(_ candidates: [Int], clauseBits: [UInt64], costs: [Int]) {
    self.candidates = candidates
    self.clauseBits = clauseBits
    self.costs = costs
    var perClause = [Int](repeating: 0, count: 64)
    for leaf in candidates { perClause[clauseBits[leaf].trailingZeroBitCount] += costs[leaf] }
    clauseCosts = clauseBits.map { perClause[$0.trailingZeroBitCount] }
    byBound = candidates
    byClause = candidates
  }

  /// Splits the candidates for one window.
  ///
  /// - Parameters:
  ///   - bounds: each leaf's score bound in the window, by leaf index.
  ///   - canRank: whether a document with these clauses and this score bound
  ///     could rank above the threshold.
  mutating func split(bounds: [Double], extraClauses: UInt64, extraScore: Double,
                      canRank: (UInt64, Double) -> Bool) {
    let clauseBits = self.clauseBits
    let clauseCosts = self.clauseCosts
    // From the candidates' own order each time, so that ties fall as they
    // would in a fresh sort.
    for index in 0..<candidates.count {
      byBound[index] = candidates[index]
      byClause[index] = candidates[index]
    }
    Self.insertionSort(&byBound) { bounds[$0] < bounds[$1] }
    Self.insertionSort(&byClause) { a, b in
      if clauseCosts[a] != clauseCosts[b] { return clauseCosts[a] > clauseCosts[b] }
      if clauseBits[a] != clauseBits[b] { return clauseBits[a] < clauseBits[b] }
      return bounds[a] < bounds[b]
    }
    /// The longest prefix of `order` that cannot rank above the threshold.
    func prefix(_ order: [Int]) -> Int {
      var mask = extraClauses
      var total = extraScore
      for index in 0..<order.count {
        let leaf = order[index]
        mask |= clauseBits[leaf]
        total += bounds[leaf]
        if canRank(mask, total) { return index }
      }
      return order.count
    }
    func skippedCost(_ order: [Int], _ count: Int) -> Int {
      var total = 0
      for index in 0..<count { total += costs[order[index]] }
      return total
    }
    let first = prefix(byBound)
    let second = prefix(byClause)
    let useClauses = skippedCost(byClause, second) > skippedCost(byBound, first)
    let count = useClauses ? second : first
    let order = useClauses ? byClause : byBound
    essential.removeAll(keepingCapacity: true)
    nonEssential.removeAll(keepingCapacity: true)
    for index in 0..<order.count {
      if index < count { nonEssential.append(order[index]) } else { essential.append(order[index]) }
    }
    Self.insertionSort(&nonEssential) { bounds[$0] > bounds[$1] }
    maxScoreFrom.removeAll(keepingCapacity: true)
    clausesFrom.removeAll(keepingCapacity: true)
    maxScoreFrom.append(contentsOf: repeatElement(0, count: nonEssential.count + 1))
    clausesFrom.append(contentsOf: repeatElement(0, count: nonEssential.count + 1))
    for rank in stride(from: nonEssential.count - 1, through: 0, by: -1) {
      maxScoreFrom[rank] = maxScoreFrom[rank + 1] + bounds[nonEssential[rank]]
      clausesFrom[rank] = clausesFrom[rank + 1] | clauseBits[nonEssential[rank]]
    }
  }

  /// A stable sort of the few leaves of a query that allocates nothing
  /// (insertion sort); the rare query of more than 64 leaves takes the
  /// standard library's sort, whose ties may fall otherwise, which changes
  /// which leaves are walked, never the results.
  private static func insertionSort(_ items: inout [Int], by less: (Int, Int) -> Bool) {
    guard items.count > 1 else { return }
    guard items.count <= 64 else {
      items.sort(by: less)
      return
    }
    for i in 1..<items.count {
      let item = items[i]
      var j = i
      while j > 0, less(item, items[j - 1]) {
        items[j] = items[j - 1]
        j -= 1
      }
      items[j] = item
    }
  }
}
