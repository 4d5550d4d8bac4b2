import IndexStore

/// The leaf scorers of a planned query in one segment, and the per-window
/// arrays a `TermAtATimeEvaluator` adds their scores into.
///
/// Scores are added in fixed point (units of 2⁻⁴⁰): integer sums do not
/// depend on the order of the additions, so a document's score is the same
/// whichever leaves were walked densely and which were looked up for it.
struct LeafScores {
  /// Documents per window (a power of two, a multiple of 64).
  static let windowSize = 2048
  static let scale = 1_099_511_627_776.0  // 2^40

  /// A document found in a window, with the clauses and score gathered so far.
  struct Candidate {
    var doc: Int
    var mask: UInt64
    var sum: Int64
  }

  /// The leaves' scorers (which also keep them alive for `references`).
  private(set) var scorers: [Scorer] = []
  /// The same, called without retaining them: terms are walked in bulk,
  /// phrases checked per candidate without looking ahead.
  private var references: [ScorerReference] = []
  /// The top-level clause bit of each leaf.
  private(set) var clauseBits: [UInt64] = []
  /// Each leaf's score bound in this segment.
  private(set) var maxScores: [Double] = []
  /// Each leaf's estimated number of documents.
  private(set) var costs: [Int] = []
  /// The document each leaf stands on; -1 before it starts.
  private var current: [Int] = []

  /// Walked densely when the query has required clauses: the cheapest one's leaves.
  private(set) var leadLeaves: [Int] = []
  /// The other required clauses, cheapest first, confirmed per candidate:
  /// their leaves in order, each with its clause bit and whether it is the
  /// clause's last leaf.
  private var requiredChecks: [(leaf: Int, bit: UInt64, closesClause: Bool)] = []
  /// The same clauses whole: their bit, leaves and estimated documents.
  private var checkedClauses: [(bit: UInt64, leaves: [Int], cost: Int)] = []
  /// The leaves of `requiredChecks`, and their clauses.
  private(set) var checkedLeaves: [Int] = []
  private(set) var checkedBits: UInt64 = 0
  private(set) var shouldLeaves: [Int] = []
  private var excludedLeaves: [Int] = []
  private(set) var shouldBits: UInt64 = 0
  /// Whether a match needs at least one optional clause.
  private(set) var needsShould = false
  private let coordinated: Bool

  private var scores = [Int64](repeating: 0, count: LeafScores.windowSize)
  private var masks = [UInt64](repeating: 0, count: LeafScores.windowSize)
  private var present = [UInt64](repeating: 0, count: LeafScores.windowSize / 64)
  /// The candidates a required clause matched (`intersectRequired`).
  private var matched = [UInt64](repeating: 0, count: LeafScores.windowSize / 64)

  /// The leaves of `plan` in `segment`; nil when a required clause has no
  /// leaf there (nothing can match).
  init?(_ plan: TermAtATimeEvaluator, segment: SegmentReader, index segmentIndex: Int) throws {
    coordinated = plan.coordinated
    var mustBits: UInt64 = 0
    var required: [(bit: UInt64, leaves: [Int], cost: Int)] = []
    for (index, clause) in plan.clauses.enumerated() {
      let bit = UInt64(1) << UInt64(index)
      var leaves: [Int] = []
      var cost = 0
      for leaf in clause.leaves {
        guard let scorer = try leaf.scorer(in: segment, index: segmentIndex) else { continue }
        leaves.append(scorers.count)
        scorers.append(scorer)
        references.append(ScorerReference(scorer))
        clauseBits.append(bit)
        // A bound that is not a number must not prune anything.
        maxScores.append(scorer.maxScore.isNaN ? .infinity : scorer.maxScore)
        let leafCost = TermAtATimeEvaluator.cost(of: leaf)
        costs.append(leafCost)
        cost += leafCost
      }
      switch clause.role {
      case .must:
        mustBits |= bit
        if leaves.isEmpty { return nil }
        required.append((bit, leaves, cost))
      case .should:
        shouldBits |= bit
        shouldLeaves += leaves
      case .mustNot:
        excludedLeaves += leaves
      }
    }
    current = [Int](repeating: -1, count: scorers.count)
    required.sort { $0.cost < $1.cost }
    leadLeaves = required.first?.leaves ?? []
    checkedClauses = Array(required.dropFirst())
    for clause in required.dropFirst() {
      for (index, leaf) in clause.leaves.enumerated() {
        requiredChecks.append((leaf, clause.bit, index == clause.leaves.count - 1))
      }
      checkedLeaves += clause.leaves
      checkedBits |= clause.bit
    }
    needsShould = shouldBits != 0 && (mustBits == 0 || plan.requireShould)
  }

  /// A score in fixed point; not-a-number counts as 0, huge values are capped.
  @inline(__always)
  static func fixed(_ score: Double) -> Int64 {
    let scaled = score * scale
    guard scaled.magnitude < 1e18 else { return scaled > 0 ? 1 << 59 : 0 }
    // Round half away from zero without a call into libm.
    return Int64(scaled + (scaled < 0 ? -0.5 : 0.5))
  }

  static func score(_ sum: Int64) -> Double { Double(sum) / scale }

  /// Walks a leaf's documents in `base..<end`, adding scores and clause bits.
  mutating func accumulate(_ leaf: Int, from base: Int, to end: Int) {
    let scorer = scorers[leaf]
    var doc = current[leaf]
    if doc < base { doc = Int(scorer.advance(to: UInt32(base))) }
    let bit = clauseBits[leaf]
    if case .term(let reference) = references[leaf], doc < end {
      let term = reference.takeUnretainedValue()
      doc = withWindow { scores, masks, present, _ in
        Int(term.accumulate(below: UInt32(end), base: base, scores: scores, masks: masks, present: present, bit: bit))
      } ?? doc
    }
    while doc < end {
      let i = doc - base
      scores[i] &+= Self.fixed(scorer.score())
      masks[i] |= bit
      present[i >> 6] |= 1 << UInt64(i & 63)
      doc = Int(scorer.next())
    }
    current[leaf] = doc
  }

  /// Whether a leaf is a phrase (which `limitPhrase` applies to).
  func isPhrase(_ leaf: Int) -> Bool {
    if case .phrase = references[leaf] { return true }
    return false
  }

  /// Lets phrase leaf `leaf` pass over documents below `end` whose score
  /// plus `extra` cannot exceed `threshold` (`end` 0 turns it off).
  func limitPhrase(_ leaf: Int, below end: Int, threshold: Double, extra: Double) {
    guard case .phrase(let reference) = references[leaf] else { return }
    let phrase = reference.takeUnretainedValue()
    phrase.competitiveBefore = UInt32(clamping: end)
    phrase.competitiveThreshold = threshold
    phrase.competitiveExtra = extra
  }

  /// Whether a leaf is a single term (which `collectAbove` can walk).
  func isTerm(_ leaf: Int) -> Bool {
    if case .term = references[leaf] { return true }
    return false
  }

  /// The documents of term leaf `leaf` in `base..<end` whose score plus
  /// `extra` could exceed `threshold`, as candidates in increasing order
  /// (the window arrays are not used).
  mutating func collectAbove(_ leaf: Int, from base: Int, to end: Int, threshold: Double, extra: Double,
                             into found: inout [Candidate]) {
    found.removeAll(keepingCapacity: true)
    guard case .term(let reference) = references[leaf] else { return }
    let term = reference.takeUnretainedValue()
    var doc = current[leaf]
    if doc < base { doc = Int(term.advance(to: UInt32(base))) }
    if doc < end {
      doc = Int(term.collect(below: UInt32(end), exceeding: threshold, extra: extra, bit: clauseBits[leaf],
                             into: &found))
    }
    current[leaf] = doc
  }

  /// Runs `body` with the memory of the window arrays (scores, masks,
  /// present, matched), for the term scorers' bulk loops; nil if an array
  /// has none.
  @inline(__always)
  private mutating func withWindow<Result>(
    _ body: (UnsafeMutablePointer<Int64>, UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>,
             UnsafeMutablePointer<UInt64>) -> Result
  ) -> Result? {
    scores.withUnsafeMutableBufferPointer { scores in
      masks.withUnsafeMutableBufferPointer { masks in
        present.withUnsafeMutableBufferPointer { present in
          matched.withUnsafeMutableBufferPointer { matched in
            guard let scores = scores.baseAddress, let masks = masks.baseAddress, let present = present.baseAddress,
                  let matched = matched.baseAddress else { return nil }
            return body(scores, masks, present, matched)
          }
        }
      }
    }
  }

  /// Postings of a required clause in a window, per candidate there, above
  /// which the candidates are looked up one by one rather than the clause's
  /// lists walked through the window.
  static let walkRatio = 64

  /// Keeps, of the window's candidates, those the required clauses beyond
  /// the lead match, adding their scores, for each clause whose lists are
  /// cheaper to walk through the window than to search once per candidate
  /// (a search often decodes a block of 128 documents for one of them).
  /// Candidates found this way carry the clause's bit. Returns the bits of
  /// the clauses done, for `confirmRequired` to pass over.
  mutating func intersectRequired(from base: Int, to end: Int, documentCount: Int) -> UInt64 {
    guard !checkedClauses.isEmpty else { return 0 }
    var done: UInt64 = 0
    var candidates = 0
    for word in present { candidates += word.nonzeroBitCount }
    for clause in checkedClauses {
      guard candidates > 0 else { break }
      let expected = clause.cost * (end - base) / max(1, documentCount)
      guard candidates * Self.walkRatio >= expected else { continue }
      done |= clause.bit
      for leaf in clause.leaves {
        var doc = current[leaf]
        if case .term(let reference) = references[leaf] {
          let term = reference.takeUnretainedValue()
          if doc < base { doc = Int(term.advance(to: UInt32(base))) }
          if doc < end {
            let bit = clauseBits[leaf]
            doc = withWindow { scores, masks, present, matched in
              Int(term.intersect(below: UInt32(end), base: base, scores: scores, masks: masks, present: present,
                                 matched: matched, bit: bit))
            } ?? doc
          }
          current[leaf] = doc
        } else {
          // Other leaves (phrases, ids) are looked up for each candidate.
          for word in 0..<present.count where present[word] != 0 {
            var bits = present[word]
            while bits != 0 {
              let i = word << 6 + bits.trailingZeroBitCount
              bits &= bits - 1
              var mask = masks[i]
              var sum = scores[i]
              add(leaf, at: base + i, mask: &mask, sum: &sum)
              if mask & clause.bit != 0 {
                masks[i] = mask
                scores[i] = sum
                matched[word] |= 1 << UInt64(i & 63)
              }
            }
          }
        }
      }
      // Drop the candidates the clause does not match, clearing their slots.
      candidates = 0
      for word in 0..<present.count where present[word] != 0 {
        var dropped = present[word] & ~matched[word]
        present[word] &= matched[word]
        matched[word] = 0
        candidates += present[word].nonzeroBitCount
        while dropped != 0 {
          let i = word << 6 + dropped.trailingZeroBitCount
          dropped &= dropped - 1
          masks[i] = 0
          scores[i] = 0
        }
      }
    }
    return done
  }

  /// The documents the dense leaves found in the window at `base`, in
  /// increasing order; clears the window.
  mutating func takeCandidates(from base: Int, into found: inout [Candidate]) {
    found.removeAll(keepingCapacity: true)
    for word in 0..<present.count where present[word] != 0 {
      var bits = present[word]
      present[word] = 0
      while bits != 0 {
        let i = word << 6 + bits.trailingZeroBitCount
        bits &= bits - 1
        found.append(Candidate(doc: base + i, mask: masks[i], sum: scores[i]))
        masks[i] = 0
        scores[i] = 0
      }
    }
  }

  /// Whether a leaf matches `doc` (moving it there; documents only increase).
  @inline(__always)
  mutating func matches(_ leaf: Int, _ doc: Int) -> Bool {
    var position = current[leaf]
    if position < doc {
      let target = UInt32(doc)
      let reference = references[leaf]
      if case .phrase(let phrase) = reference {
        // Check this document only; a miss leaves the position before it,
        // so that a later walk starts with `advance(to:)`.
        let found = phrase._withUnsafeGuaranteedRef { $0.matches(at: target) }
        current[leaf] = found ? doc : doc - 1
        return found
      }
      position = Int(reference.advance(to: target))
      current[leaf] = position
    }
    return position == doc
  }

  /// The score of a leaf on the document it stands on.
  @inline(__always)
  private func score(_ leaf: Int) -> Double { references[leaf].score() }

  /// Adds a leaf's score and clause to a candidate when it matches.
  @inline(__always)
  mutating func add(_ leaf: Int, at doc: Int, mask: inout UInt64, sum: inout Int64) {
    guard matches(leaf, doc) else { return }
    sum &+= Self.fixed(score(leaf))
    mask |= clauseBits[leaf]
  }

  /// What `confirmRequired` found.
  enum Confirmation { case matched, missing, cannotRank }

  /// Adds the required clauses beyond the lead, but for those of `done`
  /// (already added by `intersectRequired`): `missing` when one does not
  /// match. When pruning (a `threshold`), also drops the document
  /// (`cannotRank`) before a look-up if what it has, plus the bounds of the
  /// leaves still to look up, cannot rank above it: `remaining` and `clauses`
  /// are the summed bounds and the clauses of the followers that may still
  /// match it (`possibleBound`), and each required leaf's bound leaves the
  /// sum once it is looked up.
  mutating func confirmRequired(_ doc: Int, mask: inout UInt64, sum: inout Int64, done: UInt64,
                                above threshold: TopHitsCollector.Candidate?, bounds: [Double], remaining: Double,
                                clauses: UInt64) -> Confirmation {
    var remaining = remaining
    for index in 0..<requiredChecks.count {
      let check = requiredChecks[index]
      if check.bit & done != 0 {
        // Walked already: its score is in `sum`, its bound no longer counts.
        if current[check.leaf] <= doc { remaining -= bounds[check.leaf] }
        continue
      }
      if let threshold, current[check.leaf] <= doc {
        if !canRank(above: threshold, mask: mask | clauses, sum: sum, extra: remaining) { return .cannotRank }
        remaining -= bounds[check.leaf]
      }
      add(check.leaf, at: doc, mask: &mask, sum: &sum)
      if check.closesClause && mask & check.bit == 0 { return .missing }
    }
    return .matched
  }

  /// Drops the window's candidates that cannot rank above `threshold` with
  /// `extra` more score and `clauses` more matched clauses; returns whether
  /// it dropped any.
  mutating func dropCandidates(above threshold: TopHitsCollector.Candidate, clauses: UInt64, extra: Double) -> Bool {
    var dropped = false
    for word in 0..<present.count where present[word] != 0 {
      var bits = present[word]
      while bits != 0 {
        let i = word << 6 + bits.trailingZeroBitCount
        bits &= bits - 1
        if !canRank(above: threshold, mask: masks[i] | clauses, sum: scores[i], extra: extra) {
          present[word] &= ~(1 << UInt64(i & 63))
          masks[i] = 0
          scores[i] = 0
          dropped = true
        }
      }
    }
    return dropped
  }

  /// Whether an excluded clause matches `doc`.
  mutating func isExcluded(_ doc: Int) -> Bool {
    for index in 0..<excludedLeaves.count where matches(excludedLeaves[index], doc) { return true }
    return false
  }

  /// The summed bounds and the clauses of those of `list` that may still
  /// match `doc` (not already past it).
  func possibleBound(_ list: [Int], bounds: [Double], at doc: Int) -> (Double, UInt64) {
    var total = 0.0
    var clauses: UInt64 = 0
    for index in 0..<list.count where current[list[index]] <= doc {
      total += bounds[list[index]]
      clauses |= clauseBits[list[index]]
    }
    return (total, clauses)
  }

  /// Each leaf's score bound over the documents `first...last`.
  func bounds(from first: Int, through last: Int, into bounds: inout [Double]) {
    for leaf in 0..<references.count {
      let bound = references[leaf].maxScore(from: UInt32(first), through: UInt32(last))
      bounds[leaf] = bound.isNaN ? .infinity : bound
    }
  }

  func coordination(_ mask: UInt64) -> Int { coordinated ? (mask & shouldBits).nonzeroBitCount : 0 }

  /// Whether a document with these clauses, this score so far and at most
  /// `extra` more could rank above `threshold`. Later documents lose ties,
  /// so "not above" can be dropped; the slack covers rounding.
  func canRank(above threshold: TopHitsCollector.Candidate, mask: UInt64, sum: Int64, extra: Double) -> Bool {
    let coordination = coordination(mask)
    if coordination != threshold.coordination { return coordination > threshold.coordination }
    let bound = Self.score(sum) + extra
    return !(bound * (1 + 1e-12) + 1e-9 <= threshold.score)
  }
}
