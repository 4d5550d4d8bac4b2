import IndexStore

/// Matches documents where the phrase's terms occur at their relative
/// positions, and scores the phrase frequency with BM25.
final class PhraseScorer: Scorer {
  private let terms: [TermScorer]
  /// Position of each term relative to the first, in `terms` order.
  private let offsets: [Int]
  private let segment: SegmentReader
  private let weight: TermWeight
  private var current: UInt32 = 0
  private var frequency = 0
  private var started = false
  /// The phrase occurs at most as often as its rarest term, in a field at
  /// least as long as the longest of the terms' shortest fields.
  let maxScore: Double

  /// - Precondition: `terms` and `offsets` have the same, non-zero count.
  init(terms: [TermScorer], offsets: [Int], segment: SegmentReader, weight: TermWeight) {
    precondition(!terms.isEmpty && terms.count == offsets.count, "a phrase needs one offset per term")
    self.terms = terms
    self.offsets = offsets
    self.segment = segment
    self.weight = weight
    maxScore = weight.bm25.maxScore(
      maxTermFrequency: Double(terms.map(\.maxTermFrequency).min() ?? UInt32.max),
      minFieldLength: Double(terms.map(\.minFieldLength).max() ?? 0),
      averageFieldLength: weight.averageFieldLength, idf: weight.idf, boost: weight.boost)
  }

  var doc: UInt32 { current }

  func next() -> UInt32 {
    if started, current == Scorers.exhausted { return current }
    started = true
    return settle(from: terms[0].next())
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, current >= target { return current }
    started = true
    return settle(from: terms[0].advance(to: target))
  }

  /// From a candidate of the first term, finds the next document where all
  /// terms occur and the phrase does.
  private func settle(from candidate: UInt32) -> UInt32 {
    var target = candidate
    while target != Scorers.exhausted {
      var agreed = true
      for term in terms {
        let found = term.advance(to: target)
        if found != target {
          target = found
          agreed = false
          break
        }
      }
      if agreed {
        frequency = phraseFrequency()
        if frequency > 0 {
          current = target
          return current
        }
        target = terms[0].next()
      } else if target != Scorers.exhausted {
        target = terms[0].advance(to: target)
      }
    }
    current = Scorers.exhausted
    frequency = 0
    return current
  }

  /// How many times the phrase occurs in the current document.
  private func phraseFrequency() -> Int {
    let lists = terms.map { $0.positions() }
    var count = 0
    var cursors = [Int](repeating: 0, count: lists.count)
    for start in lists[0] {
      let anchor = Int(start) - offsets[0]
      var all = true
      for i in 1..<lists.count {
        let wanted = anchor + offsets[i]
        let list = lists[i]
        while cursors[i] < list.count, Int(list[cursors[i]]) < wanted { cursors[i] += 1 }
        if cursors[i] >= list.count || Int(list[cursors[i]]) != wanted {
          all = false
          if cursors[i] >= list.count { return count }
          break
        }
      }
      if all { count += 1 }
    }
    return count
  }

  func score() -> Double {
    weight.score(termFrequency: Double(frequency), fieldLength: Double(segment.fieldLength(weight.field, current)))
  }

  func explain() -> Explanation {
    weight.explain(termFrequency: Double(frequency), fieldLength: Double(segment.fieldLength(weight.field, current)))
  }
}
