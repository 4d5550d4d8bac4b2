import QueryEngine
import Testing

// Golden values computed by hand from the formula in BM25.swift
// (idf = ln(1 + (N − n + 0.5)/(n + 0.5)); k1 = 1.2, b = 0.75).

@Test("idf golden values", arguments: [
  (1, 10, 1.992430164690206),
  (10, 10, 0.04652001563489291),
  (5, 10, 0.6931471805599453),
  (1, 1_000_000, 13.41004644985561),
])
func idfMatchesGoldenValue(documentFrequency: Int, documentCount: Int, expected: Double) {
  let idf = BM25.idf(documentFrequency: documentFrequency, documentCount: documentCount)
  #expect(abs(idf - expected) <= 1e-12 * expected)
}

@Test func scoreAtAverageLengthWithOneOccurrenceIsTheIdf() {
  // tf = 1 at dl = avgdl gives tf·(k1+1)/(tf+k1) = 1.
  let idf = BM25.idf(documentFrequency: 1, documentCount: 10)
  let score = BM25().score(termFrequency: 1, fieldLength: 10, averageFieldLength: 10, idf: idf)
  #expect(abs(score - 1.992430164690206) <= 1e-12)
}

@Test func scoreGoldenValues() {
  let bm25 = BM25()
  let a = bm25.score(termFrequency: 3, fieldLength: 20, averageFieldLength: 10,
                     idf: BM25.idf(documentFrequency: 5, documentCount: 10))
  #expect(abs(a - 0.8970139983716939) <= 1e-12)
  let b = bm25.score(termFrequency: 2, fieldLength: 5, averageFieldLength: 12.5,
                     idf: BM25.idf(documentFrequency: 2, documentCount: 100), boost: 2)
  #expect(abs(b - 12.236730115680647) <= 1e-12)
}

@Test func scoreNeverDecreasesWithFrequencyAndNeverIncreasesWithLength() {
  let bm25 = BM25()
  for tf in 1..<50 {
    let lower = bm25.score(termFrequency: Double(tf), fieldLength: 30, averageFieldLength: 20, idf: 1)
    let higher = bm25.score(termFrequency: Double(tf + 1), fieldLength: 30, averageFieldLength: 20, idf: 1)
    #expect(higher >= lower)
    let longer = bm25.score(termFrequency: Double(tf), fieldLength: 31, averageFieldLength: 20, idf: 1)
    #expect(longer <= lower)
  }
}

@Test func maxScoreBoundsEveryScore() {
  let bm25 = BM25()
  let bound = bm25.maxScore(maxTermFrequency: 5, minFieldLength: 3, averageFieldLength: 20, idf: 2)
  for tf in 1...5 {
    for length in 3...100 {
      #expect(bm25.score(termFrequency: Double(tf), fieldLength: Double(length), averageFieldLength: 20, idf: 2) <= bound)
    }
  }
}
