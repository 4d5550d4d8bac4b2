import IndexStore

/// Matches documents where the phrase's terms occur at their relative
/// positions, and scores the phrase frequency with BM25.
///
/// The terms are kept rarest first: the rarest leads the search for
/// documents holding them all, and its positions anchor the phrase check.
final class PhraseScorer: Scorer {
  private let terms: [TermScorer]
  /// Position of each term relative to the phrase's first, in `terms` order.
  private let offsets: [Int]
  private let segment: SegmentReader
  private let weight: TermWeight
  private var current: UInt32 = 0
  private var frequency = 0
  private var started = false
  private let lengths: FieldLengths
  /// BM25 with one division per document.
  private let bm25: BM25.PerDocument
  /// The phrase check's memory, owned by this scorer so that it neither
  /// allocates nor retains: the first term's positions that still anchor
  /// a match, then the positions of the term being checked.
  private var store: UnsafeMutablePointer<UInt32>
  private var storeCapacity: Int
  private let offsetList: UnsafeMutablePointer<Int>
  /// While walking documents below `competitiveBefore`, those whose score
  /// bound (from the terms' frequencies: the phrase occurs at most as often
  /// as its rarest term) plus `competitiveExtra` cannot exceed
  /// `competitiveThreshold` are passed over without checking positions.
  /// Set by a term-at-a-time window whose only essential leaf this is.
  var competitiveBefore: UInt32 = 0
  var competitiveThreshold = 0.0
  var competitiveExtra = 0.0
  /// The phrase occurs at most as often as its rarest term, in a field at
  /// least as long as the longest of the terms' shortest fields.
  let maxScore: Double

  /// - Precondition: `terms` and `offsets` have the same, non-zero count.
  init(terms: [TermScorer], offsets: [Int], segment: SegmentReader, weight: TermWeight) {
    precondition(!terms.isEmpty && terms.count == offsets.count, "a phrase needs one offset per term")
    let order = terms.indices.sorted {
      (terms[$0].documentFrequency, $0) < (terms[$1].documentFrequency, $1)
    }
    self.terms = order.map { terms[$0] }
    self.offsets = order.map { offsets[$0] }
    self.segment = segment
    self.weight = weight
    lengths = segment.fieldLengths(weight.field)
    bm25 = BM25.PerDocument(weight.bm25, idf: weight.idf, boost: weight.boost,
                            averageFieldLength: weight.averageFieldLength)
    storeCapacity = 256
    store = UnsafeMutablePointer<UInt32>.allocate(capacity: storeCapacity)
    offsetList = UnsafeMutablePointer<Int>.allocate(capacity: terms.count)
    for (index, offset) in self.offsets.enumerated() { (offsetList + index).initialize(to: offset) }
    maxScore = weight.bm25.maxScore(
      maxTermFrequency: Double(terms.map(\.maxTermFrequency).min() ?? UInt32.max),
      minFieldLength: Double(terms.map(\.minFieldLength).max() ?? 0),
      averageFieldLength: weight.averageFieldLength, idf: weight.idf, boost: weight.boost)
  }

  deinit {
    store.deallocate()
    offsetList.deallocate()
  }

  var doc: UInt32 { current }

  func maxScore(from first: UInt32, through last: UInt32) -> Double {
    var frequency = UInt32.max
    var length: UInt32 = 0
    for index in 0..<terms.count {
      let (termFrequency, termLength) = terms[index].blockMaxima(from: first, through: last)
      frequency = min(frequency, termFrequency)
      length = max(length, termLength)
    }
    guard frequency > 0 else { return 0 }
    return min(maxScore, weight.bm25.maxScore(
      maxTermFrequency: Double(frequency), minFieldLength: Double(length),
      averageFieldLength: weight.averageFieldLength, idf: weight.idf, boost: weight.boost))
  }

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

  /// Whether the phrase occurs in `target`, looking at no other document
  /// (Lucene's two-phase check), for callers that bring their own
  /// candidates. Targets must increase; afterwards the scorer stands on
  /// `target` (scored only when this returned true), and `advance(to:)` a
  /// later document resumes normal iteration.
  func matches(at target: UInt32) -> Bool {
    started = true
    current = target
    frequency = 0
    for index in 0..<terms.count where terms[index].advance(to: target) != target { return false }
    frequency = phraseFrequency()
    return frequency > 0
  }

  /// From a candidate of the first term, finds the next document where all
  /// terms occur and the phrase does.
  private func settle(from candidate: UInt32) -> UInt32 {
    var target = candidate
    while target != Scorers.exhausted {
      var agreed = true
      for index in 1..<max(1, terms.count) {
        let found = terms[index].advance(to: target)
        if found != target {
          target = found
          agreed = false
          break
        }
      }
      if agreed {
        if target < competitiveBefore && !couldCompete(target) {
          target = terms[0].next()
          continue
        }
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

  /// Whether the phrase's score in `doc` (where every term occurs) could
  /// exceed the competitive threshold, judged from term frequencies alone.
  private func couldCompete(_ doc: UInt32) -> Bool {
    var least = UInt32.max
    for index in 0..<terms.count { least = min(least, terms[index].termFrequency) }
    let frequency = Double(least)
    let bound = bm25.score(frequency, fieldLength: lengths[doc])
    return (bound + competitiveExtra) * (1 + 1e-12) + 2e-9 > competitiveThreshold
  }

  /// How many times the phrase occurs in the current document: the first
  /// (rarest) term's positions are the anchors, and each other term in turn
  /// keeps those it continues. A term's positions are read only while some
  /// anchor is left, so a document where two of the terms never meet costs
  /// two position lists, not all of them.
  private func phraseFrequency() -> Int {
    let count = terms.count
    let anchorsWanted = Int(terms[0].termFrequency)
    var largest = 0
    for index in 1..<count { largest = max(largest, Int(terms[index].termFrequency)) }
    if anchorsWanted + largest > storeCapacity {
      store.deallocate()
      storeCapacity = max(anchorsWanted + largest, storeCapacity * 2)
      store = UnsafeMutablePointer<UInt32>.allocate(capacity: storeCapacity)
    }
    let anchors = store
    let scratch = store + anchorsWanted
    var anchorCount = terms[0].positions(into: anchors, capacity: anchorsWanted)
    guard anchorCount == anchorsWanted, anchorCount > 0 else { return 0 }  // damaged positions
    for index in 1..<count {
      let wanted = Int(terms[index].termFrequency)
      let written = terms[index].positions(into: scratch, capacity: wanted)
      guard written == wanted, written > 0 else { return 0 }
      let shift = offsetList[index] - offsetList[0]
      var kept = 0
      var cursor = 0
      for anchor in 0..<anchorCount {
        let target = Int(anchors[anchor]) + shift
        while cursor < written, Int(scratch[cursor]) < target { cursor += 1 }
        if cursor == written { break }
        if Int(scratch[cursor]) == target {
          anchors[kept] = anchors[anchor]
          kept += 1
        }
      }
      anchorCount = kept
      if anchorCount == 0 { return 0 }
    }
    return anchorCount
  }

  func score() -> Double {
    guard frequency > 0 else { return 0 }
    let frequency = Double(frequency)
    return bm25.score(frequency, fieldLength: lengths[current])
  }

  func explain() -> Explanation {
    weight.explain(termFrequency: Double(frequency), fieldLength: Double(segment.fieldLength(weight.field, current)))
  }
}
