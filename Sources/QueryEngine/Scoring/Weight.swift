import IndexStore

/// A query bound to one index snapshot: terms resolved, idf and average
/// lengths computed once; it makes one `Scorer` per segment.
///
/// The `Query` stays reusable and free of search state; all of that lives
/// here (Lucene's Weight). Building a weight never reads postings.
indirect enum Weight: Sendable {
  /// A term, or a phrase when it has several terms.
  case term(TermWeight)
  /// Any of the parts; the score sums the parts that match.
  case sum([Weight])
  /// Required, optional and excluded parts; with `requireShould`, at least
  /// one optional part must match too.
  case boolean(must: [Weight], should: [Weight], mustNot: [Weight], requireShould: Bool)
  /// A filter resolved to the exact values it accepts.
  case filter(ResolvedFilter)
  /// The document with the first of these spellings of an id that the
  /// segment holds (as typed first), at a fixed score.
  case identifier([String], score: Double)
  /// Every document.
  case all
  /// No document (a word absent from the index).
  case nothing

  /// The scorer of this weight over one segment (the `index`-th of the
  /// reader it was built for), nil when nothing can match.
  func scorer(in segment: SegmentReader, index: Int) throws -> Scorer? {
    switch self {
    case .term(let weight):
      return try termScorer(weight, in: segment, index: index)
    case .sum(let parts):
      let scorers = try parts.compactMap { try $0.scorer(in: segment, index: index) }
      if scorers.isEmpty { return nil }
      return scorers.count == 1 ? scorers[0] : DisjunctionScorer(scorers)
    case .boolean(let must, let should, let mustNot, let requireShould):
      var required: [Scorer] = []
      for part in must {
        guard let scorer = try part.scorer(in: segment, index: index) else { return nil }
        required.append(scorer)
      }
      let optional = try should.compactMap { try $0.scorer(in: segment, index: index) }
      if must.isEmpty && should.isEmpty && !mustNot.isEmpty {
        // Only exclusions (`-已整改`): every document except those.
        required.append(FilterScorer(maxDoc: segment.maxDoc, summary: "every document") { _ in true })
      }
      if required.isEmpty && optional.isEmpty { return nil }
      if requireShould && optional.isEmpty && !should.isEmpty { return nil }
      let excluded = try mustNot.compactMap { try $0.scorer(in: segment, index: index) }
      let requiredScorer: Scorer? =
        required.isEmpty ? nil : (required.count == 1 ? required[0] : ConjunctionScorer(required))
      let excludedScorer: Scorer? =
        excluded.isEmpty ? nil : (excluded.count == 1 ? excluded[0] : DisjunctionScorer(excluded))
      return BooleanScorer(required: requiredScorer, optional: optional, excluded: excludedScorer,
                           requireOptional: requireShould)
    case .filter(let filter):
      return filter.scorer(in: segment)
    case .identifier(let spellings, let score):
      guard let (doc, id) = segment.docID(forAnyOf: spellings) else { return nil }
      return DocumentScorer(doc: doc, score: score, summary: "document id \(id)")
    case .all:
      return FilterScorer(maxDoc: segment.maxDoc, summary: "every document") { _ in true }
    case .nothing:
      return nil
    }
  }

  private func termScorer(_ weight: TermWeight, in segment: SegmentReader, index: Int) throws -> Scorer? {
    var scorers: [TermScorer] = []
    for (position, term) in weight.terms.enumerated() {
      let info: TermInfo?
      if position < weight.segmentInfos.count, index < weight.segmentInfos[position].count {
        info = weight.segmentInfos[position][index]
      } else {
        info = segment.termInfo(weight.field, term)
      }
      guard let info else { return nil }
      scorers.append(TermScorer(postings: try segment.postings(info), segment: segment, weight: weight, info: info))
    }
    if scorers.count == 1 { return scorers[0] }
    return PhraseScorer(terms: scorers, offsets: weight.offsets, segment: segment, weight: weight)
  }
}
