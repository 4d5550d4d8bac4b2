import IndexStore

/// Evaluates a query term at a time, in windows of documents: within a
/// window every dense leaf (a term or phrase in one field) walks its own
/// postings and adds its score into small per-window arrays, and a bit mask
/// per document records which top-level clauses matched. The documents
/// found are then checked, one by one, against the other leaves (moved to
/// each candidate with the skip table), the filters and the exclusions.
///
/// Which leaves produce candidates: with required clauses, the leaves of the
/// cheapest one (the others can only confirm its documents); otherwise the
/// optional leaves. Until `totalHitsThreshold` matches are counted and the
/// page is full, all of them are walked. From then on, per window, they are
/// split as in MaxScore (Turtle and Flood, 1995) with block-max bounds from
/// the skip tables (`MaxScorePartition`): the leaves whose matches, with
/// whatever the rest of the query could add, cannot rank above the last kept
/// hit are only looked up for candidates, and a candidate whose (coordination,
/// score) bound cannot rank above it is dropped. The total is then a lower
/// bound.
///
/// It gives the same documents, coordination and scores (up to rounding) as
/// the document-at-a-time scorers, for queries of this shape: top-level
/// clauses (required, optional or excluded) that are sums of terms, phrases,
/// document ids and nested booleans (each one leaf), plus filters among the
/// required ones. Other shapes
/// return nil from `plan` and use the scorers. Scores are summed in fixed
/// point (`LeafScores`), so they do not depend on the order leaves are
/// visited in: pruned and exhaustive runs give identical scores.
struct TermAtATimeEvaluator: Sendable {
  enum Role { case must, should, mustNot }

  struct Clause {
    var role: Role
    var leaves: [Weight]
  }

  let clauses: [Clause]
  let filters: [ResolvedFilter]
  let requireShould: Bool
  /// Whether coordination is counted (the query is a boolean at the top).
  let coordinated: Bool
  /// The documents of the index the plan was made for (to estimate how
  /// many of a clause's postings fall in a window).
  let documentCount: Int
  /// The postings its leaves are estimated to visit, in the whole index.
  let estimatedPostings: Int

  /// A plan for `weight`, or nil when its shape needs the scorers, it has
  /// more than 64 clauses, or its postings are too few to pay for it
  /// (`estimatedPostings < documentCount / 256`). The windows' bounds skip
  /// what the scorers would score: from 1/32 down to 1/256, the harness's
  /// single words at 1M took 11 % less time with nothing counted and 3 %
  /// less counting 10,000; at 100k, within 2 % either way. The choice does
  /// not depend on the counting mode, so neither do the scores (the two
  /// evaluations round differently).
  static func plan(_ weight: Weight, documentCount: Int, coordination: Bool = true) -> TermAtATimeEvaluator? {
    var clauses: [Clause] = []
    var filters: [ResolvedFilter] = []
    var requireShould = false
    var coordinated = false
    switch weight {
    case .boolean(let must, let should, let mustNot, let require):
      coordinated = coordination
      requireShould = require
      for part in must {
        if case .filter(let filter) = part {
          filters.append(filter)
        } else if case .all = part {
          continue
        } else {
          guard let leaves = leaves(of: part) else { return nil }
          clauses.append(Clause(role: .must, leaves: leaves))
        }
      }
      for part in should {
        guard let leaves = leaves(of: part) else { return nil }
        clauses.append(Clause(role: .should, leaves: leaves))
      }
      for part in mustNot {
        guard let leaves = leaves(of: part) else { return nil }
        clauses.append(Clause(role: .mustNot, leaves: leaves))
      }
    default:
      guard let leaves = leaves(of: weight) else { return nil }
      clauses.append(Clause(role: .should, leaves: leaves))
    }
    guard clauses.count <= 64, clauses.contains(where: { $0.role != .mustNot }) else { return nil }
    let postings = clauses.reduce(0) { total, clause in
      total + clause.leaves.reduce(0) { $0 + cost(of: $1) }
    }
    guard postings * 256 >= documentCount else { return nil }
    return TermAtATimeEvaluator(clauses: clauses, filters: filters, requireShould: requireShould,
                                coordinated: coordinated, documentCount: documentCount, estimatedPostings: postings)
  }

  /// The leaves of a purely additive weight, nil for any other shape. A
  /// nested boolean (the words of a chunk the analyzer cuts in several, all
  /// required) is one leaf, scored by its own scorers.
  private static func leaves(of weight: Weight) -> [Weight]? {
    switch weight {
    case .term, .identifier, .boolean: return [weight]
    case .nothing: return []
    case .sum(let parts):
      var all: [Weight] = []
      for part in parts {
        guard let leaves = leaves(of: part) else { return nil }
        all += leaves
      }
      return all
    case .filter, .all: return nil
    }
  }

  /// The estimated number of documents a leaf visits.
  static func cost(of leaf: Weight) -> Int {
    switch leaf {
    case .term(let term): return term.documentFrequency
    case .sum(let parts): return parts.reduce(0) { $0 + cost(of: $1) }
    case .boolean(let must, let should, _, _):
      let required = must.map { cost(of: $0) }.min()
      return required ?? should.reduce(0) { $0 + cost(of: $1) }
    case .identifier, .filter, .all, .nothing: return 1
    }
  }

  /// A lower bound on the live documents that match in `segments`, read
  /// from the term dictionaries without walking a posting. A clause holds at
  /// least the documents of its largest term that makes a match on its own
  /// (not a phrase); per segment, a query of optional clauses matches at
  /// least as many as its largest clause holds, and one of required clauses
  /// at least Σ|Cᵢ| − (k − 1)·maxDoc (of maxDoc documents, at most
  /// maxDoc − |Cᵢ| lack clause i), less the segment's deleted documents.
  /// 0 when the query's shape gives no such bound (filters, exclusions,
  /// required and optional clauses that must both match).
  ///
  /// Lucene's collectors use `Weight.count` the same way: once the matches
  /// are known to reach the counting threshold, there is nothing left to
  /// count and skipping may start with the first document. Common words
  /// required together (`+环境 +重点`) often hold more than the threshold
  /// between them.
  func guaranteedMatches(in segments: [SegmentReader]) -> Int {
    guard filters.isEmpty, !clauses.contains(where: { $0.role == .mustNot }) else { return 0 }
    let required = clauses.filter { $0.role == .must }
    guard required.isEmpty || !requireShould else { return 0 }
    var total = 0
    for (segmentIndex, segment) in segments.enumerated() {
      let matches: Int
      if required.isEmpty {
        matches = clauses.reduce(0) { max($0, Self.largestFrequency($1, segment: segmentIndex)) }
      } else {
        matches = required.reduce(0) { $0 + Self.largestFrequency($1, segment: segmentIndex) }
          - (required.count - 1) * Int(segment.maxDoc)
      }
      total += max(0, matches - segment.deletedCount)
    }
    return total
  }

  /// The largest document frequency in a segment among a clause's terms
  /// that make a match on their own (terms, not phrases).
  private static func largestFrequency(_ clause: Clause, segment segmentIndex: Int) -> Int {
    var largest = 0
    for case .term(let term) in clause.leaves where !term.isPhrase && term.segmentInfos.count == 1 {
      let infos = term.segmentInfos[0]
      if segmentIndex < infos.count, let info = infos[segmentIndex] {
        largest = max(largest, info.documentFrequency)
      }
    }
    return largest
  }

  /// Finds the matching live documents of `documents` (a slice of the
  /// segment), in increasing order, and gives them to the collector (and
  /// the facets).
  ///
  /// - Parameters:
  ///   - totalHitsThreshold: matches to count exactly before skipping may start.
  ///   - counting: the matches counted so far, by this collector and by the
  ///     other threads of the search; skipping may start once together they
  ///     reach the threshold.
  ///   - pruning: whether documents that cannot reach the page may be skipped.
  ///   - deadline: checked before each window; once past, the rest is left.
  /// - Returns: whether documents were skipped, making the collector's total
  ///   a lower bound.
  func evaluate(_ segment: SegmentReader, index segmentIndex: Int, documents: Range<Int>,
                into collector: inout TopHitsCollector, facets: inout FacetAccumulator?, totalHitsThreshold: Int,
                counting: inout MatchCounting, pruning: Bool, deadline: SearchDeadline? = nil) throws -> Bool {
    let documents = documents.clamped(to: 0..<Int(segment.maxDoc))
    guard !documents.isEmpty else { return false }
    let predicates = filters.compactMap { $0.predicate(in: segment) }
    if predicates.count < filters.count { return false }  // a filter value absent from this segment
    guard var leaves = try LeafScores(self, segment: segment, index: segmentIndex) else { return false }
    if leaves.shouldLeaves.isEmpty && leaves.needsShould { return false }
    let window = LeafScores.windowSize
    // The leaves that produce candidates, and those that only confirm them.
    let conjunctive = !leaves.leadLeaves.isEmpty
    let producers = conjunctive ? leaves.leadLeaves : leaves.shouldLeaves
    let followers = conjunctive ? leaves.checkedLeaves + leaves.shouldLeaves : []
    let allFollowerClauses = conjunctive ? leaves.checkedBits | leaves.shouldBits : 0
    let optionalFollowers = conjunctive ? leaves.shouldLeaves : []
    let clauseBits = leaves.clauseBits
    let costs = leaves.costs
    var skipped = false
    var found: [LeafScores.Candidate] = []
    var split = MaxScorePartition(producers, clauseBits: clauseBits, costs: costs)
    var bounds = [Double](repeating: 0, count: costs.count)
    var base = documents.lowerBound
    while base < documents.upperBound {
      if let deadline, deadline.isPast() { return true }
      let end = min(base + window, documents.upperBound)
      var dense = producers
      var intersected: UInt64 = 0
      // Whether `split` holds this window's partition.
      var partitioned = false
      // The followers' summed bounds in this window, once partitioned.
      var windowFollowerBound = 0.0
      if pruning, counting.total(collector.totalHits) >= totalHitsThreshold {
        if collector.capacity == 0 { return true }
        if let threshold = collector.threshold {
          leaves.bounds(from: base, through: end - 1, into: &bounds)
          var followerBound = 0.0
          for leaf in followers { followerBound += bounds[leaf] }
          windowFollowerBound = followerBound
          split.split(bounds: bounds, extraClauses: allFollowerClauses, extraScore: followerBound) { mask, bound in
            leaves.canRank(above: threshold, mask: mask, sum: 0, extra: bound)
          }
          if split.essential.isEmpty {
            // Nothing in this window can rank above the last kept hit.
            skipped = true
            base = end
            continue
          }
          // Documents of the non-essential leaves alone are never seen.
          if !split.nonEssential.isEmpty { skipped = true }
          dense = split.essential
          partitioned = true
        }
      }
      if partitioned, !conjunctive, dense.count == 1, leaves.isTerm(dense[0]), let threshold = collector.threshold,
         leaves.coordination(clauseBits[dense[0]] | split.clausesFrom[0]) == threshold.coordination {
        // One essential term: keep only the postings that could reach the
        // page with everything else they might match.
        leaves.collectAbove(dense[0], from: base, to: end, threshold: threshold.score,
                            extra: split.maxScoreFrom[0], into: &found)
        skipped = true
      } else if partitioned, !conjunctive, dense.count == 1, leaves.isPhrase(dense[0]),
                let threshold = collector.threshold,
                leaves.coordination(clauseBits[dense[0]] | split.clausesFrom[0]) == threshold.coordination {
        // One essential phrase: documents whose term frequencies cannot
        // reach the page are passed over before their positions are read.
        leaves.limitPhrase(dense[0], below: end, threshold: threshold.score, extra: split.maxScoreFrom[0])
        leaves.accumulate(dense[0], from: base, to: end)
        leaves.limitPhrase(dense[0], below: 0, threshold: 0, extra: 0)
        leaves.takeCandidates(from: base, into: &found)
        skipped = true
      } else {
        for leaf in dense { leaves.accumulate(leaf, from: base, to: end) }
        if conjunctive {
          if partitioned, let threshold = collector.threshold {
            // Candidates that cannot rank even with the best of everything
            // else in the window are dropped before the other required
            // clauses are walked (which pass over blocks holding none).
            if leaves.dropCandidates(above: threshold, clauses: allFollowerClauses | split.clausesFrom[0],
                                     extra: windowFollowerBound + split.maxScoreFrom[0]) {
              skipped = true
            }
          }
          intersected = leaves.intersectRequired(from: base, to: end, documentCount: documentCount)
        }
        leaves.takeCandidates(from: base, into: &found)
      }
      let optional = partitioned ? split.nonEssential : []
      candidates: for candidate in found {
        let doc = candidate.doc
        var mask = candidate.mask
        var sum = candidate.sum
        for predicate in predicates where !predicate(UInt32(doc)) { continue candidates }
        // What the followers that may still match the document can add
        // (known only once pruning; the producers' look-ups do not move them).
        var followerBound = 0.0
        var followerClauses: UInt64 = 0
        if partitioned {
          // Leaves already past this document cannot match it: a required
          // clause with none left fails, and the others' bounds drop out.
          (followerBound, followerClauses) = leaves.possibleBound(followers, bounds: bounds, at: doc)
          if conjunctive && (mask | followerClauses) & leaves.checkedBits != leaves.checkedBits { continue }
          let (optionalBound, optionalClauses) = leaves.possibleBound(optional, bounds: bounds, at: doc)
          if let threshold = collector.threshold,
             !leaves.canRank(above: threshold, mask: mask | optionalClauses | followerClauses, sum: sum,
                             extra: optionalBound + followerBound) {
            skipped = true
            continue
          }
          // The non-essential producers, dropping the document as soon as
          // its bound cannot rank above the last kept hit.
          var rank = 0
          while true {
            if let threshold = collector.threshold,
               !leaves.canRank(above: threshold, mask: mask | split.clausesFrom[rank] | followerClauses, sum: sum,
                               extra: split.maxScoreFrom[rank] + followerBound) {
              skipped = true
              continue candidates
            }
            guard rank < optional.count else { break }
            leaves.add(optional[rank], at: doc, mask: &mask, sum: &sum)
            rank += 1
          }
        }
        switch leaves.confirmRequired(doc, mask: &mask, sum: &sum, done: intersected,
                                      above: partitioned ? collector.threshold : nil, bounds: bounds,
                                      remaining: followerBound, clauses: followerClauses) {
        case .matched: break
        case .missing: continue
        case .cannotRank:
          skipped = true
          continue
        }
        guard !leaves.isExcluded(doc) else { continue }
        for index in 0..<optionalFollowers.count {
          leaves.add(optionalFollowers[index], at: doc, mask: &mask, sum: &sum)
        }
        guard !leaves.needsShould || mask & leaves.shouldBits != 0, segment.isLive(UInt32(doc)) else { continue }
        collector.collect(.init(coordination: leaves.coordination(mask), score: LeafScores.score(sum),
                                segment: segmentIndex, doc: UInt32(doc)))
        facets?.count(UInt32(doc))
      }
      base = end
    }
    return skipped
  }
}
