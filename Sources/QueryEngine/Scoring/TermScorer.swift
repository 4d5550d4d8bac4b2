import IndexStore

/// Scores the documents of one term in one field with BM25.
///
/// The postings cursor lives in memory this scorer allocates and frees
/// itself: it is advanced for every matching document, and keeping it in a
/// stored property would add a dynamic exclusivity check to each call (a
/// fifth of all query time when measured with callgrind).
final class TermScorer: Scorer {
  private let cursor: UnsafeMutablePointer<PostingsIterator>
  private let segment: SegmentReader
  private let weight: TermWeight
  private let lengths: FieldLengths
  /// BM25 with one division per document.
  private let bm25: BM25.PerDocument
  private var started = false
  /// The term's highest frequency and shortest field in this segment.
  let maxTermFrequency: UInt32
  let minFieldLength: UInt32
  let maxScore: Double

  init(postings: PostingsIterator, segment: SegmentReader, weight: TermWeight, info: TermInfo?) {
    cursor = UnsafeMutablePointer<PostingsIterator>.allocate(capacity: 1)
    cursor.initialize(to: postings)
    self.segment = segment
    self.weight = weight
    lengths = segment.fieldLengths(weight.field)
    bm25 = BM25.PerDocument(weight.bm25, idf: weight.idf, boost: weight.boost,
                            averageFieldLength: weight.averageFieldLength)
    // Without statistics, bound by the largest possible tf factor (k1 + 1).
    maxTermFrequency = info?.maxTermFrequency ?? UInt32.max
    minFieldLength = info?.minFieldLength ?? 0
    maxScore = weight.bm25.maxScore(maxTermFrequency: Double(maxTermFrequency), minFieldLength: Double(minFieldLength),
                                    averageFieldLength: weight.averageFieldLength, idf: weight.idf, boost: weight.boost)
  }

  deinit {
    cursor.deinitialize(count: 1)
    cursor.deallocate()
  }

  var doc: UInt32 { started ? cursor.pointee.doc : 0 }

  func next() -> UInt32 {
    started = true
    return cursor.pointee.next()
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, cursor.pointee.doc >= target { return cursor.pointee.doc }
    started = true
    return cursor.pointee.advance(to: target)
  }

  /// The highest frequency and shortest field of the blocks that may hold
  /// documents in `first...last`: the segment-wide ones for a one-block list.
  func blockMaxima(from first: UInt32, through last: UInt32) -> (maxTermFrequency: UInt32, minFieldLength: UInt32) {
    cursor.pointee.blockMaxima(from: first, through: last) ?? (maxTermFrequency, minFieldLength)
  }

  /// A bound of the score over `first...last`: the best of the impacts of
  /// the blocks there (each block's few (tf, length) pairs that cover its
  /// documents), or the term's own maxima for a list of one block.
  func maxScore(from first: UInt32, through last: UInt32) -> Double {
    let bound = cursor.pointee.maxImpactScore(from: first, through: last) { impactScore($0) }
    return min(maxScore, bound ?? maxScore)
  }

  /// The score of a document with an impact's frequency and length (0 for
  /// frequency 0), by the same arithmetic as the documents' own scores.
  @inline(__always)
  private func impactScore(_ impact: BlockImpacts.Impact) -> Double {
    let termFrequency = Double(impact.termFrequency)
    guard termFrequency > 0 else { return 0 }
    return bm25.score(termFrequency, fieldLength: impact.fieldLength)
  }

  /// Walks the current document and the following ones below `end` and
  /// appends to `found` those whose score plus `extra` could exceed
  /// `threshold` (with more slack than `LeafScores.canRank`, so it never
  /// drops a document that check would keep), as fixed-point sums with
  /// clause `bit`; returns the document it then stands on. For a window with
  /// one essential leaf, where most postings cannot reach the page.
  func collect(below end: UInt32, exceeding threshold: Double, extra: Double, bit: UInt64,
               into found: inout [LeafScores.Candidate]) -> UInt32 {
    let lengths = self.lengths
    let bm25 = self.bm25
    var doc = cursor.pointee.doc
    while doc < end {
      let before = doc
      // Whole blocks whose impacts cannot pass are not even decoded.
      doc = cursor.pointee.consumeBlock(passingBlocksBefore: end, unless: { impact in
        (impactScore(impact) + extra) * (1 + 1e-12) + 2e-9 > threshold
      }) { docs, frequencies in
        var used = 0
        while used < docs.count {
          let current = docs[used]
          if current >= end { break }
          let termFrequency = Double(frequencies[used])
          let score = bm25.score(termFrequency, fieldLength: lengths[current])
          if (score + extra) * (1 + 1e-12) + 2e-9 > threshold {
            found.append(LeafScores.Candidate(doc: Int(current), mask: bit, sum: LeafScores.fixed(score)))
          }
          used += 1
        }
        return used
      }
      if doc == before { break }  // not standing on a document (damaged)
    }
    return doc
  }

  /// The current document's positions (for phrase matching).
  func positions() -> [UInt32] { cursor.pointee.positions() }

  /// Writes the current document's positions to `output` (room for
  /// `capacity`, at least `termFrequency`); returns how many.
  func positions(into output: UnsafeMutablePointer<UInt32>, capacity: Int) -> Int {
    cursor.pointee.positions(into: output, capacity: capacity)
  }

  /// How many documents of the segment hold the term.
  var documentFrequency: Int { cursor.pointee.documentFrequency }

  var termFrequency: UInt32 { cursor.pointee.termFrequency }

  func score() -> Double {
    score(termFrequency: cursor.pointee.termFrequency, doc: cursor.pointee.doc)
  }

  @inline(__always)
  private func score(termFrequency frequency: UInt32, doc: UInt32) -> Double {
    let termFrequency = Double(frequency)
    guard termFrequency > 0 else { return 0 }
    return bm25.score(termFrequency, fieldLength: lengths[doc])
  }

  /// Adds, in fixed point, the score of the current document and of the
  /// following ones below `end` into `scores[doc - base]`, with `bit` into
  /// `masks` and `present` (a term-at-a-time window); returns the document
  /// it then stands on. Must stand on a document.
  func accumulate(below end: UInt32, base: Int, scores: UnsafeMutablePointer<Int64>,
                  masks: UnsafeMutablePointer<UInt64>, present: UnsafeMutablePointer<UInt64>, bit: UInt64) -> UInt32 {
    let lengths = self.lengths
    let bm25 = self.bm25
    var doc = cursor.pointee.doc
    while doc < end {
      let before = doc
      doc = cursor.pointee.consumeBlock { docs, frequencies in
        var used = 0
        while used < docs.count {
          let current = docs[used]
          if current >= end { break }
          let termFrequency = Double(frequencies[used])
          let score = bm25.score(termFrequency, fieldLength: lengths[current])
          let i = Int(current) - base
          scores[i] &+= LeafScores.fixed(score)
          masks[i] |= bit
          present[i >> 6] |= 1 << UInt64(i & 63)
          used += 1
        }
        return used
      }
      if doc == before { break }  // not standing on a document (damaged): nothing consumed
    }
    return doc
  }

  /// Like `accumulate`, but only for the documents already set in
  /// `present` (the candidates of a window): their scores and `bit` are
  /// added and they are set in `matched`; the other postings are passed over
  /// without being scored, and blocks that can hold no candidate without
  /// being decoded. Returns the document it then stands on.
  func intersect(below end: UInt32, base: Int, scores: UnsafeMutablePointer<Int64>,
                 masks: UnsafeMutablePointer<UInt64>, present: UnsafePointer<UInt64>,
                 matched: UnsafeMutablePointer<UInt64>, bit: UInt64) -> UInt32 {
    let lengths = self.lengths
    let bm25 = self.bm25
    var doc = cursor.pointee.doc
    let holdsCandidate = { (first: UInt32, last: UInt32) -> Bool in
      Self.anySet(present, from: max(0, Int(first) - base), through: Int(last) - base)
    }
    while doc < end {
      let before = doc
      doc = cursor.pointee.consumeBlock(passingBlocksBefore: end, unlessHolding: holdsCandidate) { docs, frequencies in
        // The postings below `end`.
        var limit = docs.count
        if limit > 0, docs[limit - 1] >= end {
          var low = 0
          while low < limit {
            let mid = (low + limit) / 2
            if docs[mid] < end { low = mid + 1 } else { limit = mid }
          }
        }
        // First the positions of the candidates' postings, without a branch
        // per posting (whether a posting is a candidate's is a coin toss for
        // the branch predictor when clauses are dense), then their scores.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, limit)) { hits -> Int in
          guard let hits = hits.baseAddress else { return 0 }
          var count = 0
          for k in 0..<limit {
            let i = Int(docs[k]) - base
            hits[count] = Int32(truncatingIfNeeded: k)
            count &+= Int(truncatingIfNeeded: (present[i >> 6] >> UInt64(i & 63)) & 1)
          }
          for h in 0..<count {
            let k = Int(hits[h])
            let current = docs[k]
            let i = Int(current) - base
            let score = bm25.score(Double(frequencies[k]), fieldLength: lengths[current])
            scores[i] &+= LeafScores.fixed(score)
            masks[i] |= bit
            matched[i >> 6] |= UInt64(1) << UInt64(i & 63)
          }
          return limit
        }
      }
      if doc == before { break }  // not standing on a document (damaged): nothing consumed
    }
    return doc
  }

  /// Whether any bit of `first...last` is set in the bit set `words`.
  @inline(__always)
  private static func anySet(_ words: UnsafePointer<UInt64>, from first: Int, through last: Int) -> Bool {
    guard first <= last else { return false }
    let firstWord = first >> 6
    let lastWord = last >> 6
    for word in firstWord...lastWord {
      var bits = words[word]
      if word == firstWord { bits &= ~0 << UInt64(first & 63) }
      if word == lastWord, last & 63 != 63 { bits &= (1 << UInt64(last & 63 + 1)) &- 1 }
      if bits != 0 { return true }
    }
    return false
  }

  func explain() -> Explanation {
    weight.explain(termFrequency: Double(cursor.pointee.termFrequency),
                   fieldLength: Double(segment.fieldLength(weight.field, cursor.pointee.doc)))
  }
}
