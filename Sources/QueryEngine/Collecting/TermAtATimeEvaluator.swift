import IndexStore

/// Evaluates a query term at a time: every leaf (a term or phrase in one
/// field) walks its own postings and adds its score into one array per
/// segment, and a bit mask per document records which top-level clauses
/// matched. Used when the query's leaves together cover a good part of the
/// index (common words, OR of common words): one tight loop per posting list
/// instead of a tree of scorers visited for every document.
///
/// It gives the same documents, coordination and scores (up to the order of
/// floating-point additions) as the document-at-a-time scorers, for queries of
/// this shape: top-level clauses (required, optional or excluded) that are
/// sums of terms, phrases and document ids, plus filters among the required
/// ones. Other shapes return nil from `plan` and use the scorers.
struct TermAtATimeEvaluator {
  private enum Role { case must, should, mustNot }

  private struct Clause {
    var role: Role
    var leaves: [Weight]
  }

  private let clauses: [Clause]
  private let filters: [ResolvedFilter]
  private let requireShould: Bool
  /// Whether coordination is counted (the query is a boolean at the top).
  private let coordinated: Bool

  /// A plan for `weight`, or nil when its shape needs the scorers, it has
  /// more than 64 clauses, or its postings are too few to pay for arrays of
  /// one entry per document (`estimatedPostings < documentCount / 32`).
  static func plan(_ weight: Weight, documentCount: Int) -> TermAtATimeEvaluator? {
    var clauses: [Clause] = []
    var filters: [ResolvedFilter] = []
    var requireShould = false
    var coordinated = false
    switch weight {
    case .boolean(let must, let should, let mustNot, let require):
      coordinated = true
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
      total + clause.leaves.reduce(0) { sum, leaf in
        if case .term(let term) = leaf { return sum + term.documentFrequency }
        return sum + 1
      }
    }
    guard postings * 32 >= documentCount else { return nil }
    return TermAtATimeEvaluator(clauses: clauses, filters: filters, requireShould: requireShould,
                                coordinated: coordinated)
  }

  /// The leaves of a purely additive weight, nil for any other shape.
  private static func leaves(of weight: Weight) -> [Weight]? {
    switch weight {
    case .term, .identifier: return [weight]
    case .nothing: return []
    case .sum(let parts):
      var all: [Weight] = []
      for part in parts {
        guard let leaves = leaves(of: part) else { return nil }
        all += leaves
      }
      return all
    case .boolean, .filter, .all: return nil
    }
  }

  /// Calls `match(doc, coordination, score)` for every matching document of
  /// the segment (deleted ones included), in increasing order.
  func evaluate(_ segment: SegmentReader, _ match: (UInt32, Int, Double) -> Void) throws {
    let count = Int(segment.maxDoc)
    guard count > 0 else { return }
    var scores = [Double](repeating: 0, count: count)
    var masks = [UInt64](repeating: 0, count: count)
    var mustBits: UInt64 = 0
    var shouldBits: UInt64 = 0
    var mustNotBits: UInt64 = 0
    for (index, clause) in clauses.enumerated() {
      let bit = UInt64(1) << UInt64(index)
      switch clause.role {
      case .must: mustBits |= bit
      case .should: shouldBits |= bit
      case .mustNot: mustNotBits |= bit
      }
      for leaf in clause.leaves {
        guard let scorer = try leaf.scorer(in: segment) else { continue }
        var doc = scorer.next()
        if clause.role == .mustNot {
          while doc != Scorers.exhausted {
            masks[Int(doc)] |= bit
            doc = scorer.next()
          }
        } else {
          while doc != Scorers.exhausted {
            scores[Int(doc)] += scorer.score()
            masks[Int(doc)] |= bit
            doc = scorer.next()
          }
        }
      }
    }
    let predicates = filters.compactMap { $0.predicate(in: segment) }
    if predicates.count < filters.count { return }  // a filter value absent from this segment
    let needsShould = shouldBits != 0 && (mustBits == 0 || requireShould)
    for doc in 0..<count {
      let mask = masks[doc]
      guard mask != 0, mask & mustBits == mustBits, mask & mustNotBits == 0,
            !needsShould || mask & shouldBits != 0 else { continue }
      if !predicates.isEmpty, !predicates.allSatisfy({ $0(UInt32(doc)) }) { continue }
      let coordination = coordinated ? (mask & shouldBits).nonzeroBitCount : 0
      match(UInt32(doc), coordination, scores[doc])
    }
  }
}
