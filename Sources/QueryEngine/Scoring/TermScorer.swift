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
  /// BM25's constants for this term, so that `score()` touches no struct:
  /// boost·idf, k1 + 1, 1 − b, k1, b and avgdl (the same operations in the
  /// same order as `BM25.score`, so the same value).
  private let boostIDF: Double
  private let k1PlusOne: Double
  private let oneMinusB: Double
  private let k1: Double
  private let b: Double
  private let averageFieldLength: Double
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
    boostIDF = weight.boost * weight.idf
    k1PlusOne = weight.bm25.k1 + 1
    oneMinusB = 1 - weight.bm25.b
    k1 = weight.bm25.k1
    b = weight.bm25.b
    averageFieldLength = weight.averageFieldLength
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

  func maxScore(from first: UInt32, through last: UInt32) -> Double {
    let (frequency, length) = blockMaxima(from: first, through: last)
    guard frequency > 0 else { return 0 }
    return min(maxScore, weight.bm25.maxScore(
      maxTermFrequency: Double(frequency), minFieldLength: Double(length),
      averageFieldLength: weight.averageFieldLength, idf: weight.idf, boost: weight.boost))
  }

  /// The current document's positions (for phrase matching).
  func positions() -> [UInt32] { cursor.pointee.positions() }

  /// The current document's positions into a reused buffer.
  func positions(into buffer: inout [UInt32]) { cursor.pointee.positions(into: &buffer) }

  /// How many documents of the segment hold the term.
  var documentFrequency: Int { cursor.pointee.documentFrequency }

  var termFrequency: UInt32 { cursor.pointee.termFrequency }

  func score() -> Double {
    let termFrequency = Double(cursor.pointee.termFrequency)
    guard termFrequency > 0 else { return 0 }
    let fieldLength = Double(lengths[cursor.pointee.doc])
    let norm = averageFieldLength > 0 ? fieldLength / averageFieldLength : 1
    return boostIDF * (termFrequency * k1PlusOne / (termFrequency + k1 * (oneMinusB + b * norm)))
  }

  func explain() -> Explanation {
    weight.explain(termFrequency: Double(cursor.pointee.termFrequency),
                   fieldLength: Double(segment.fieldLength(weight.field, cursor.pointee.doc)))
  }
}
