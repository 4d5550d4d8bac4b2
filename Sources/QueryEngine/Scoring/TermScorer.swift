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

  /// The current document's positions (for phrase matching).
  func positions() -> [UInt32] { cursor.pointee.positions() }

  /// The current document's positions into a reused buffer.
  func positions(into buffer: inout [UInt32]) { cursor.pointee.positions(into: &buffer) }

  /// How many documents of the segment hold the term.
  var documentFrequency: Int { cursor.pointee.documentFrequency }

  var termFrequency: UInt32 { cursor.pointee.termFrequency }

  func score() -> Double {
    weight.score(termFrequency: Double(cursor.pointee.termFrequency),
                 fieldLength: Double(segment.fieldLength(weight.field, cursor.pointee.doc)))
  }

  func explain() -> Explanation {
    weight.explain(termFrequency: Double(cursor.pointee.termFrequency),
                   fieldLength: Double(segment.fieldLength(weight.field, cursor.pointee.doc)))
  }
}
