import IndexStore
import Ingest
import QueryEngine
import TextAnalysis

/// Documents most like a given one ("more like this").
///
/// The source document's title and body are analyzed with the index's own
/// analyzer; each word is weighted by tf·idf (idf as BM25 computes it, from
/// the index's document frequencies) and the `termCount` heaviest words,
/// found in at least one other document, become one OR query. The source
/// document itself is left out of the answer.
public struct SimilarDocumentFinder: Sendable {
  /// How many distinctive words make the query.
  public var termCount = 25

  public init(termCount: Int = 25) {
    self.termCount = max(1, termCount)
  }

  /// A word of the query and its weight.
  public struct WeightedTerm: Hashable, Sendable {
    public var term: String
    public var weight: Double
  }

  /// The answer: the source document, the words used and the similar documents.
  public struct Result: Sendable {
    public var source: Document
    public var terms: [WeightedTerm]
    public var hits: [Hit]
  }

  /// The distinctive words of a document, heaviest first.
  public func distinctiveTerms(of document: Document, reader: IndexReader) -> [WeightedTerm] {
    var frequencies: [String: Int] = [:]
    for token in reader.analyzer.tokens(document.title + "\n" + document.body) where token.kind != .number {
      frequencies[token.text, default: 0] += 1
    }
    let documentCount = reader.collectionStatistics(.body).documentCount
    var terms: [WeightedTerm] = []
    for (term, frequency) in frequencies {
      let df = max(reader.documentFrequency(.body, term), reader.documentFrequency(.title, term))
      guard df >= 2 else { continue }  // only this document has it: matches nothing else
      let idf = BM25.idf(documentFrequency: df, documentCount: documentCount)
      terms.append(WeightedTerm(term: term, weight: Double(frequency) * idf))
    }
    terms.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
    return Array(terms.prefix(termCount))
  }

  /// The `limit` documents most like the document `id`; nil if there is no such document.
  ///
  /// - Throws: `IndexError` for a damaged index.
  public func similar(to id: String, in searcher: Searcher, limit: Int = 10,
                      filters: [Filter] = []) throws -> Result? {
    guard let source = try searcher.reader.document(id: id) else { return nil }
    let terms = distinctiveTerms(of: source, reader: searcher.reader)
    guard !terms.isEmpty else { return Result(source: source, terms: [], hits: []) }
    var request = SearchRequest(query: .boolean(terms.map { .init(.should, .words($0.term, field: nil)) }))
    request.filters = filters
    request.limit = min(max(0, limit) + 1, SearchRequest.maxWindow)
    let hits = try searcher.search(request).hits.filter { $0.id != id }
    return Result(source: source, terms: terms, hits: Array(hits.prefix(max(0, limit))))
  }
}
