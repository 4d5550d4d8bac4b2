import IndexStore
import Ingest
import QueryEngine
import TextAnalysis

/// Documents most like a given one ("more like this").
///
/// The source document's title and body are analyzed with the index's own
/// analyzer; each word is weighted by tf·idf (idf as BM25 computes it, from
/// the index's document frequencies) and the `termCount` heaviest words,
/// found in at least one other document, become one OR query of phrases. The source
/// document itself is left out of the answer.
public struct SimilarDocumentFinder: Sendable {
  /// How many distinctive words make the query, 1 to 1,024 (values outside
  /// are clamped, as the query language allows 1,024 clauses).
  public var termCount = 25 {
    didSet { termCount = Self.clamped(termCount) }
  }

  /// A finder that queries with the `termCount` heaviest words (clamped to 1...1,024).
  public init(termCount: Int = 25) {
    self.termCount = Self.clamped(termCount)
  }

  private static func clamped(_ count: Int) -> Int { min(max(1, count), 1_024) }

  /// A word of the query and its weight.
  public struct WeightedTerm: Hashable, Sendable {
    /// A word as the analyzer gives it, or a run of single characters joined; the query holds it as a phrase.
    public var term: String
    /// Its occurrences in the source's title and body times its BM25 idf in the index.
    public var weight: Double
  }

  /// The answer: the source document, the words used and the similar documents.
  public struct Result: Sendable {
    /// The document asked about.
    public var source: Document
    /// The words of the query, heaviest first; empty when none occurs in another document.
    public var terms: [WeightedTerm]
    /// The search for those words, the source document removed from its hits,
    /// and from its total when it is in the result set (it matches its own
    /// words, so it is there unless `filters` leave it out).
    public var search: SearchResult
    /// The similar documents, best first, at most `limit` of them, the source left out.
    public var hits: [Hit] { search.hits }
  }

  /// The distinctive words of a document, heaviest first.
  ///
  /// Single characters are not words on their own, but a run of them is
  /// often a name the lexicon lacks (金 源 → 金源): such a run of two to
  /// eight characters becomes one phrase term, its document frequency taken
  /// as that of its rarest character bigram.
  public func distinctiveTerms(of document: Document, reader: IndexReader) -> [WeightedTerm] {
    var frequencies: [String: Int] = [:]
    var run: [Token] = []
    func flushRun() {
      if run.count >= 2 && run.count <= 8 { frequencies[run.map(\.text).joined(), default: 0] += 1 }
      run = []
    }
    for token in reader.analyzer.tokens(document.title + "\n" + document.body) where token.kind != .number {
      if token.text.count >= 2 {
        flushRun()
        frequencies[token.text, default: 0] += 1
      } else if token.kind == .ideographic {
        if let last = run.last, last.utf8Range.upperBound != token.utf8Range.lowerBound { flushRun() }
        run.append(token)
      } else {
        flushRun()
      }
    }
    flushRun()
    let documentCount = reader.collectionStatistics(.body).documentCount
    var terms: [WeightedTerm] = []
    for (term, frequency) in frequencies {
      let df = documentFrequency(of: term, reader: reader)
      guard df >= 2 else { continue }  // only this document has it: matches nothing else
      let idf = BM25.idf(documentFrequency: df, documentCount: documentCount)
      terms.append(WeightedTerm(term: term, weight: Double(frequency) * idf))
    }
    terms.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
    return Array(terms.prefix(termCount))
  }

  /// Documents holding a word (title or body), or for a run of characters its rarest bigram.
  func documentFrequency(of term: String, reader: IndexReader) -> Int {
    let wordFrequency = max(reader.documentFrequency(.body, term), reader.documentFrequency(.title, term))
    if wordFrequency > 0 { return wordFrequency }
    let characters = Array(term)
    guard characters.count >= 2 else { return 0 }
    return (0..<(characters.count - 1)).map { i in
      let bigram = String(characters[i...(i + 1)])
      return max(reader.documentFrequency(.bodyBigrams, bigram), reader.documentFrequency(.titleBigrams, bigram))
    }.min() ?? 0
  }

  /// The `limit` documents most like the document `id`; nil if there is no such document.
  ///
  /// - Throws: `IndexError` for a damaged index.
  public func similar(to id: String, in searcher: Searcher, limit: Int = 10,
                      filters: [Filter] = []) throws -> Result? {
    guard let source = try searcher.reader.document(id: id) else { return nil }
    let terms = distinctiveTerms(of: source, reader: searcher.reader)
    guard !terms.isEmpty else {
      var request = SearchRequest(query: .boolean([]))
      request.limit = 0
      var empty = try searcher.search(request)
      empty.totalHits = 0
      return Result(source: source, terms: [], search: empty)
    }
    var request = SearchRequest(query: .boolean(terms.map { .init(.should, .phrase($0.term, field: nil)) }))
    // By score alone, like Lucene's MoreLikeThis: ranking first by how many
    // of the 25 terms a document holds (coordination) let documents sharing
    // many common words outrank closer ones, and printed scores out of order.
    request.coordination = false
    request.filters = filters
    request.limit = min(max(0, limit), SearchRequest.maxWindow - 1) + 1
    var search = try searcher.search(request)
    search.hits = Array(search.hits.filter { $0.id != id }.prefix(max(0, limit)))
    if searcher.document(id, passes: filters) { search.totalHits = max(0, search.totalHits - 1) }
    return Result(source: source, terms: terms, search: search)
  }
}
