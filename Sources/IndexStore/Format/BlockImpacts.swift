/// What bounds the BM25 score of a postings block's documents: up to three
/// (term frequency, field length) pairs such that every document of the
/// block has a frequency at most, and a field length at least, those of one
/// of them (Lucene's "impacts").
///
/// BM25 grows with the frequency and shrinks with the length, so the
/// highest score of any document of the block is at most the highest score
/// of a pair, whatever k1, b and the average length are. One pair (the
/// block's largest frequency with its smallest length) gives that bound too,
/// but from two different documents: a frequent word's blocks nearly all
/// hold one document with many occurrences and another that is short, and
/// the bound is then near the term's maximum everywhere. The pairs come
/// from the block's Pareto frontier (documents no other beats on both
/// counts), cut to three by joining neighbours into the pair that covers
/// both. On the peer harness's 1M index, for six frequent words, three
/// pairs let a top-10 search pass over 97 % of the blocks the whole frontier
/// would, one pair about 10 % (BENCHMARKS.md).
package struct BlockImpacts: Equatable, Sendable {
  package struct Impact: Equatable, Sendable {
    package var termFrequency: UInt32
    package var fieldLength: UInt32

    package init(termFrequency: UInt32, fieldLength: UInt32) {
      self.termFrequency = termFrequency
      self.fieldLength = fieldLength
    }

    /// A slot without a pair: frequency 0 scores 0.
    static let none = Impact(termFrequency: 0, fieldLength: .max)
  }

  /// The most pairs a block records.
  package static let capacity = 3
  package var first: Impact
  package var second = Impact.none
  package var third = Impact.none

  /// The one pair of a block whose largest frequency and smallest length
  /// are all that is known (postings files before version 3).
  package init(maxTermFrequency: UInt32, minFieldLength: UInt32) {
    first = Impact(termFrequency: maxTermFrequency, fieldLength: minFieldLength)
  }

  package init(_ first: Impact, _ second: Impact, _ third: Impact) {
    self.first = first
    self.second = second
    self.third = third
  }

  /// The largest frequency and the smallest length of the pairs (a slot
  /// without one counts for neither): the pair every file version records
  /// for the block.
  package var maxTermFrequency: UInt32 { max(first.termFrequency, second.termFrequency, third.termFrequency) }
  package var minFieldLength: UInt32 { min(first.fieldLength, second.fieldLength, third.fieldLength) }

  /// Whether `body` holds for a pair (the slots without one are passed over).
  @inline(__always)
  package func contains(where body: (Impact) -> Bool) -> Bool {
    body(first) || (second.termFrequency > 0 && body(second)) || (third.termFrequency > 0 && body(third))
  }

  /// The highest `score` of a pair (0 if none scores above it).
  @inline(__always)
  package func maximum(of score: (Impact) -> Double) -> Double {
    var best = max(0, score(first))
    if second.termFrequency > 0 { best = max(best, score(second)) }
    if third.termFrequency > 0 { best = max(best, score(third)) }
    return best
  }

  /// Whether a document with this frequency and length is covered by a pair.
  package func covers(termFrequency: UInt32, fieldLength: UInt32) -> Bool {
    contains { termFrequency <= $0.termFrequency && fieldLength >= $0.fieldLength }
  }
}

/// Gathers one block's documents and gives its impacts.
///
/// Per document it keeps the smallest length seen for each frequency below
/// 32 (frequencies of 32 and more are kept as pairs), so a block of 128
/// costs a compare per document and a walk over the frequencies seen; no
/// allocation unless a frequency reaches 32.
struct BlockImpactsBuilder {
  private var shortest = [UInt32](repeating: .max, count: 32)
  private var highestSlot = 0
  private var large: [BlockImpacts.Impact] = []
  private var lengthSum = 0
  private var count = 0

  mutating func add(termFrequency: UInt32, fieldLength: UInt32) {
    if termFrequency < 32 {
      let slot = Int(termFrequency)
      if fieldLength < shortest[slot] { shortest[slot] = fieldLength }
      if slot > highestSlot { highestSlot = slot }
    } else {
      large.append(BlockImpacts.Impact(termFrequency: termFrequency, fieldLength: fieldLength))
    }
    lengthSum += Int(fieldLength)
    count += 1
  }

  /// The block's impacts; clears the builder for the next block.
  mutating func finish() -> BlockImpacts {
    let average = Double(max(1, lengthSum)) / Double(max(1, count))
    if !large.isEmpty {
      large.sort {
        $0.termFrequency != $1.termFrequency ? $0.termFrequency > $1.termFrequency : $0.fieldLength < $1.fieldLength
      }
    }
    let impacts = withUnsafeTemporaryAllocation(of: BlockImpacts.Impact.self, capacity: large.count + 32) { frontier in
      // The frontier, by decreasing frequency and length: a pair is kept
      // when it is shorter than every pair of higher frequency.
      var n = 0
      func consider(_ candidate: BlockImpacts.Impact) {
        if n == 0 || candidate.fieldLength < frontier[n - 1].fieldLength {
          frontier[n] = candidate
          n += 1
        }
      }
      for candidate in large { consider(candidate) }
      for slot in stride(from: highestSlot, through: 0, by: -1) where shortest[slot] != .max {
        consider(BlockImpacts.Impact(termFrequency: UInt32(slot), fieldLength: shortest[slot]))
        shortest[slot] = .max
      }
      guard n > 0 else { return BlockImpacts(maxTermFrequency: 0, minFieldLength: .max) }
      // Join neighbours until three are left: (higher frequency, shorter
      // length) covers both; join where that raises a BM25 score the least
      // (k1 1.2, b 0.75, the block's mean length as average: any choice is
      // safe, this one keeps the bound tight for the usual parameters).
      func score(_ impact: BlockImpacts.Impact) -> Double {
        let tf = Double(impact.termFrequency)
        return tf / (tf + 1.2 * (0.25 + 0.75 * Double(impact.fieldLength) / average))
      }
      while n > BlockImpacts.capacity {
        var best = 0
        var bestCost = Double.infinity
        for i in 0..<(n - 1) {
          let joined = BlockImpacts.Impact(termFrequency: frontier[i].termFrequency,
                                           fieldLength: frontier[i + 1].fieldLength)
          let cost = score(joined) - max(score(frontier[i]), score(frontier[i + 1]))
          if cost < bestCost {
            bestCost = cost
            best = i
          }
        }
        frontier[best].fieldLength = frontier[best + 1].fieldLength
        for i in (best + 1)..<(n - 1) { frontier[i] = frontier[i + 1] }
        n -= 1
      }
      return BlockImpacts(frontier[0], n > 1 ? frontier[1] : .none, n > 2 ? frontier[2] : .none)
    }
    highestSlot = 0
    large.removeAll(keepingCapacity: true)
    lengthSum = 0
    count = 0
    return impacts
  }
}
