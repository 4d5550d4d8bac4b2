import Ingest

/// Everything a search needs besides the index: the query, filters, the page
/// and what to compute for each hit.
public struct SearchRequest: Hashable, Sendable {
  /// What to match; `filters` are added to it as required clauses.
  public var query: Query
  /// Required filters added to the query (CLI options `--type`, `--from`, …).
  public var filters: [Filter] = []
  /// Hits to skip (pagination).
  public var offset = 0
  /// Hits to return. `offset + limit` may not exceed `SearchRequest.maxWindow`.
  public var limit = 10
  /// Count the whole result set by type, region, category and month.
  public var facets = false
  /// Attach a score explanation to each hit.
  public var explain = false
  /// Attach a highlighted snippet of the body to each hit.
  public var snippets = true
  /// Give each hit's document its body (`Hit.document.body`); when false
  /// the body is empty, which saves decoding it (a snippet still reads it).
  /// The CLI, which never prints bodies, turns it off.
  public var bodies = true
  /// Count matches exactly up to this many (Elasticsearch's
  /// `track_total_hits`). Once that many are counted and the page is full,
  /// the search may skip documents that cannot reach the page, and
  /// `SearchResult.totalHits` becomes a lower bound (`totalHitsRelation`
  /// `.greaterThanOrEqualTo`). The hits are the same either way. Facets
  /// always count exactly (unless `timeLimit` runs out).
  public var totalHitsThreshold = SearchRequest.defaultTotalHitsThreshold
  /// How long the search may look for matches (Elasticsearch's `timeout`);
  /// nil for no limit. Past it, the search stops where it is and answers
  /// with what it found: `SearchResult.timedOut` is true, the hits are the
  /// best of the documents looked at, and the total and facets count those.
  public var timeLimit: Duration?
  /// Whether hits matching more of the query's top-level words rank first,
  /// before the score (coordination, docs/RANKING.md; `Hit.matchedClauses`).
  /// False ranks by score alone, as "more like this" wants for its bag of
  /// weighted terms (`SimilarDocumentFinder`).
  public var coordination = true
  /// The order of the hits: by relevance (the default), or by the
  /// documents' dates, newest or oldest first (Elasticsearch's `sort` on a
  /// date field), with relevance breaking ties and undated documents last.
  /// Ordered by date, a search scores every match (no document can be
  /// skipped for its score), as an exact total does.
  public var order = HitOrder.relevance
  /// Whether every match is counted (`totalHitsThreshold == Int.max`).
  public var exactTotal: Bool {
    get { totalHitsThreshold == .max }
    set { totalHitsThreshold = newValue ? .max : SearchRequest.defaultTotalHitsThreshold }
  }

  /// The deepest page a search may reach (Elasticsearch's max_result_window).
  public static let maxWindow = 10_000
  /// Matches counted exactly by default (Elasticsearch's default too).
  public static let defaultTotalHitsThreshold = 10_000

  /// A request for the first 10 hits of `query`, with snippets and bodies, without facets or explanations,
  /// counting exactly up to `defaultTotalHitsThreshold` matches.
  public init(query: Query) {
    self.query = query
  }
}

/// The order of a search's hits (`SearchRequest.order`).
public enum HitOrder: String, Hashable, Sendable, CaseIterable {
  /// Best first: more matched top-level words, then the higher score.
  case relevance
  /// The latest `date` first; equal dates by relevance; undated documents last.
  case newest
  /// The earliest `date` first; equal dates by relevance; undated documents last.
  case oldest
}

/// Whether `SearchResult.totalHits` is the exact count or a lower bound.
public enum TotalHitsRelation: String, Hashable, Sendable, Codable {
  /// Every match was counted.
  case equalTo = "eq"
  /// At least this many documents match (counting stopped at
  /// `SearchRequest.totalHitsThreshold`).
  case greaterThanOrEqualTo = "gte"
}

/// The answer to a search.
public struct SearchResult: Sendable {
  /// How many live documents match, in all; a lower bound when
  /// `totalHitsRelation` is `.greaterThanOrEqualTo`.
  public var totalHits: Int
  /// Whether `totalHits` is exact.
  public var totalHitsRelation: TotalHitsRelation = .equalTo
  /// The requested page of hits, best first.
  public var hits: [Hit]
  /// Counts over all matching documents, when requested (over those looked
  /// at, when `timedOut`).
  public var facets: FacetCounts?
  /// Whether `SearchRequest.timeLimit` ran out: then only part of the index
  /// was looked at, `totalHits` is a lower bound (`.greaterThanOrEqualTo`)
  /// and the hits and facets are those of that part.
  public var timedOut = false
}

/// One matching document.
public struct Hit: Sendable {
  /// The stored document; its body is empty when `SearchRequest.bodies` is false.
  public var document: Document
  /// The BM25 score of the document for the query (docs/RANKING.md); it orders hits with equal `matchedClauses`.
  public var score: Double
  /// The coordination that ranks the hit before its score: how many of the
  /// query's top-level optional items the document matched (a word matched
  /// through a synonym counts; a chunk the analyzer cuts into k words is
  /// k + 1 items, its words and its phrase). 0 for a query that is a single
  /// word or phrase, for one without optional items (`+a +b`), and for a
  /// request with `coordination` false.
  public var matchedClauses: Int
  /// The highlighted excerpt of the body; nil when `SearchRequest.snippets` is false or the body is empty.
  public var snippet: Snippet?
  /// The tree of the score; nil unless `SearchRequest.explain` is set.
  public var explanation: Explanation?

  /// The document's id.
  public var id: String { document.id }
}

/// A search that cannot run as asked.
public enum SearchError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `offset + limit` is beyond `SearchRequest.maxWindow`.
  case windowTooLarge(requested: Int, maximum: Int)
  /// A negative offset or limit.
  case invalidPage(offset: Int, limit: Int)

  public var description: String {
    switch self {
    case .windowTooLarge(let requested, let maximum):
      return "offset + limit is \(requested), more than the maximum of \(maximum); narrow the query instead of paging that deep"
    case .invalidPage(let offset, let limit):
      return "offset (\(offset)) and limit (\(limit)) must not be negative"
    }
  }
}
