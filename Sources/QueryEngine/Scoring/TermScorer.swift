import IndexStore

/// Scores the documents of one term in one field with BM25.
final class TermScorer: Scorer {
  private var postings: PostingsIterator
  private let segment: SegmentReader
  private let weight: TermWeight
  private var started = false

  init(postings: PostingsIterator, segment: SegmentReader, weight: TermWeight) {
    self.postings = postings
    self.segment = segment
    self.weight = weight
  }

  var doc: UInt32 { started ? postings.doc : 0 }

  func next() -> UInt32 {
    started = true
    return postings.next()
  }

  func advance(to target: UInt32) -> UInt32 {
    if started, postings.doc >= target { return postings.doc }
    started = true
    return postings.advance(to: target)
  }

  /// The current document's positions (for phrase matching).
  func positions() -> [UInt32] { postings.positions() }

  var termFrequency: UInt32 { postings.termFrequency }

  func score() -> Double {
    weight.score(termFrequency: Double(postings.termFrequency),
                 fieldLength: Double(segment.fieldLength(weight.field, postings.doc)))
  }

  func explain() -> Explanation {
    weight.explain(termFrequency: Double(postings.termFrequency),
                   fieldLength: Double(segment.fieldLength(weight.field, postings.doc)))
  }
}
