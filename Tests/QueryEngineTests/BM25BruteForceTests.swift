import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis

/// Scores from the index equal scores computed from scratch: the documents
/// analyzed again, term and document frequencies counted by hand, BM25
/// applied with the same formula (1e-6 relative).
@Test("BM25 over a real index equals a brute-force reference", arguments: ["臭味", "废水", "噪声", "cod", "砂石", "码头"])
func bm25EqualsBruteForceReference(word: String) throws {
  let analyzer = Analyzer()
  let (reader, _) = try FixtureCorpus.index(analyzer: analyzer)
  var searcher = Searcher(reader: reader)
  searcher.options.expandSynonyms = false
  var request = SearchRequest(query: .words(word, field: .body))
  request.limit = 100
  request.snippets = false
  let scores = Dictionary(uniqueKeysWithValues: try searcher.search(request).hits.map { ($0.id, $0.score) })

  // The reference: one word (so one bigram) in the body field.
  let query = analyzer.analyze(word)
  try #require(query.words.count == 1 && query.bigrams.count == 1)
  let term = query.words[0].text
  let gram = query.bigrams[0].text
  let documents = FixtureCorpus.documents
  let analyses = documents.map { analyzer.analyze($0.body) }
  let count = Double(documents.count)
  let wordFrequencies = analyses.map { analysis in analysis.words.filter { $0.text == term }.count }
  let gramFrequencies = analyses.map { analysis in analysis.bigrams.filter { $0.text == gram }.count }
  let averageWords = Double(analyses.reduce(0) { $0 + $1.words.count }) / count
  let averageGrams = Double(analyses.reduce(0) { $0 + $1.bigrams.count }) / count
  let wordIDF = BM25.idf(documentFrequency: wordFrequencies.filter { $0 > 0 }.count, documentCount: documents.count)
  let gramIDF = BM25.idf(documentFrequency: gramFrequencies.filter { $0 > 0 }.count, documentCount: documents.count)
  let bm25 = BM25()
  var expected: [String: Double] = [:]
  for (index, document) in documents.enumerated() {
    var score = 0.0
    if wordFrequencies[index] > 0 {
      score += bm25.score(termFrequency: Double(wordFrequencies[index]), fieldLength: Double(analyses[index].words.count),
                          averageFieldLength: averageWords, idf: wordIDF)
    }
    if gramFrequencies[index] > 0 {
      score += bm25.score(termFrequency: Double(gramFrequencies[index]), fieldLength: Double(analyses[index].bigrams.count),
                          averageFieldLength: averageGrams, idf: gramIDF, boost: ScoringOptions().bigramFactor)
    }
    if wordFrequencies[index] > 0 || gramFrequencies[index] > 0 { expected[document.id] = score }
  }
  #expect(!expected.isEmpty, "the word occurs in the fixture corpus")
  #expect(Set(scores.keys) == Set(expected.keys))
  for (id, score) in expected {
    let actual = try #require(scores[id])
    #expect(abs(actual - score) <= 1e-6 * score, "\(id): \(actual) vs \(score)")
  }
}
