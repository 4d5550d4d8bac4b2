import QueryEngine

/// Why a query found nothing, when the reason is not the documents: a query
/// whose words are all punctuation or stop words, or a filter value no
/// document has (with the values documents do have). Said on stderr, so a
/// silent 0 is never a mistake the user cannot see.
enum ZeroResultNotes {
  /// Prints on stderr, each line after `prefix`, why `request` found nothing
  /// when its `result` is empty; nothing otherwise.
  static func print(for request: SearchRequest, result: SearchResult, session: QuerySession, prefix: String) throws {
    guard result.totalHits == 0 else { return }
    for note in try notes(for: request.query, filters: request.filters, session: session) {
      Terminal.note(prefix + Terminal.safe(note))
    }
  }

  static func notes(for query: Query, filters: [Filter], session: QuerySession) throws -> [String] {
    var notes: [String] = []
    var texts: [String] = []
    var all = filters
    collect(query, texts: &texts, filters: &all)
    let analyzer = session.searcher.reader.analyzer
    if !texts.isEmpty, !contains(query, .all), texts.allSatisfy({ !analyzer.analyze($0).hasSearchableTerms }) {
      notes.append("the query holds no searchable word: punctuation and a lone + are not indexed, and a stop word "
                   + "(的, 了) is found only where it stands alone")
    }
    // The values documents have, counted once and only for a type or category note.
    var known: FacetCounts?
    func values(_ buckets: (FacetCounts) -> [FacetCounts.Bucket]) throws -> String {
      if known == nil {
        var probe = SearchRequest(query: .all)
        probe.limit = 0
        probe.facets = true
        known = try session.searcher.search(probe).facets
      }
      return known.map(buckets).map { $0.prefix(12).map(\.value).filter { !$0.isEmpty }.joined(separator: ", ") } ?? ""
    }
    for filter in all {
      if case .date = filter { continue }
      if case .unitExact = filter { continue }
      var single = SearchRequest(query: .all)
      single.filters = [filter]
      single.limit = 0
      single.totalHitsThreshold = 1
      guard try session.searcher.search(single).totalHits == 0 else { continue }
      switch filter {
      case .type(let value):
        notes.append("no document of the index has the type \(value); types are \(try values(\.type))")
      case .category(let value):
        notes.append("no document of the index has the category \(value); categories are \(try values(\.category))")
      case .region(let value):
        let advice = session.workbench.regions.parents.isEmpty
          ? "no region hierarchy is loaded: give one with --regions FILE to include a county's towns"
          : "a document's region is usually its county or district"
        notes.append("no document of the index has the region \(value) (or one under it in the region hierarchy); "
                     + advice)
      case .id(let value):
        notes.append("no document of the index has the id \(value)")
      case .date, .unitExact:
        continue
      }
    }
    return notes
  }

  /// The text of every word and phrase of `query` that is not excluded, and its filters.
  private static func collect(_ query: Query, texts: inout [String], filters: inout [Filter]) {
    switch query {
    case .words(let text, _), .phrase(let text, _): texts.append(text)
    case .filter(let filter): filters.append(filter)
    case .all: break
    case .boolean(let clauses):
      for clause in clauses where clause.occur != .mustNot { collect(clause.query, texts: &texts, filters: &filters) }
    }
  }

  private static func contains(_ query: Query, _ part: Query) -> Bool {
    if query == part { return true }
    if case .boolean(let clauses) = query { return clauses.contains { contains($0.query, part) } }
    return false
  }
}
