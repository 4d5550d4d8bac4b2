/// Field statistics over a whole index snapshot, for BM25.
///
/// `documentCount` counts every document of every segment, deleted ones
/// included (Lucene's semantics: statistics are not rewritten on delete; a
/// merge drops deleted documents and corrects them).
package struct CollectionStatistics: Sendable, Equatable {
  package var documentCount: Int
  package var totalFieldLength: Int

  package init(documentCount: Int, totalFieldLength: Int) {
    self.documentCount = documentCount
    self.totalFieldLength = totalFieldLength
  }

  /// The mean token count of the field per document (0 for an empty index).
  package var averageFieldLength: Double {
    documentCount == 0 ? 0 : Double(totalFieldLength) / Double(documentCount)
  }
}

/// What the term dictionary records about one term in one segment.
///
/// `maxTermFrequency` and `minFieldLength` bound the BM25 score of any
/// document of the term (MaxScore / WAND upper bounds).
package struct TermInfo: Sendable, Equatable {
  package var documentFrequency: Int
  package var maxTermFrequency: UInt32
  package var minFieldLength: UInt32
  package var postingsOffset: UInt64
  package var positionsOffset: UInt64
}
