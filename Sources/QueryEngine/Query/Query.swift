import Ingest

/// A parsed query: what to match, independent of any index.
///
/// A `Query` is a value that holds no search state; the same query can run
/// against many index snapshots. Text inside it is the user's text, not yet
/// analyzed: the searcher analyzes it with the index's own `Analyzer`.
public indirect enum Query: Hashable, Sendable {
  /// Words as typed (one whitespace-free chunk): matches documents containing
  /// them in `field` (title, unit or body when nil). A chunk the analyzer cuts
  /// into several words, as an optional clause at the top of a query (or the
  /// whole query), matches documents with any of its words and ranks those
  /// holding more of them, and the chunk as an exact phrase, first; anywhere
  /// else (required, excluded, inside a nested boolean) it matches documents
  /// holding all of its words or the exact chunk.
  case words(String, field: TextField?)
  /// An exact phrase: matches documents containing it, whatever the word
  /// segmenter did to its context.
  case phrase(String, field: TextField?)
  /// A filter on an exact-match field or the date; matches without score.
  case filter(Filter)
  /// Every document.
  case all
  /// A combination of clauses, each required, optional or excluded.
  case boolean([Clause])

  /// How a clause of a boolean query takes part in matching.
  public enum Occur: String, Hashable, Sendable {
    /// The document must match (`+word`, `a AND b`).
    case must
    /// The document may match; matching adds to the score (`a b`, `a OR b`).
    case should
    /// The document must not match (`-word`, `NOT word`).
    case mustNot
  }

  /// One clause of a boolean query.
  public struct Clause: Hashable, Sendable {
    /// Whether the clause is required, optional or excluded.
    public var occur: Occur
    /// What the clause matches.
    public var query: Query

    /// A clause matching `query`, taking part as `occur` says.
    public init(_ occur: Occur, _ query: Query) {
      self.occur = occur
      self.query = query
    }
  }
}

/// The analyzed text fields a query can name (`title:整改`).
public enum TextField: String, Hashable, Sendable, CaseIterable {
  /// A document's title, its unit field (the company or site it is about) or its body.
  case title, unit, body
}

/// A filter on a document's exact-match fields or date.
public enum Filter: Hashable, Sendable {
  /// `type:petition`
  case type(String)
  /// `region:赫山区`; the searcher may widen a region to the towns under it.
  case region(String)
  /// `category:水`
  case category(String)
  /// `unit:"…"` as an exact value is not a filter (unit is analyzed text);
  /// this matches the stored unit string exactly (used by unit timelines).
  case unitExact(String)
  /// `date:2020-01-01..2020-06-30`; either end may be open; both inclusive.
  case date(from: Day?, to: Day?)
  /// `id:D430902202009150012` (also `_id:`): the document with this id, as
  /// stored or typed in another case or in full-width characters.
  case id(String)
}

extension Query {
  /// Whether this is a filter, or a group of filters only, excluded ones
  /// included (`type:(petition OR briefing)`, `region:(赫山区 -龙光桥镇)`): it
  /// restricts the words beside it.
  var isFilter: Bool {
    switch self {
    case .filter: return true
    case .boolean(let clauses): return !clauses.isEmpty && clauses.allSatisfy { $0.query.isFilter }
    default: return false
    }
  }

  /// Whether words or a phrase take part in matching (not only excluded).
  var hasWords: Bool {
    switch self {
    case .words, .phrase: return true
    case .boolean(let clauses): return clauses.contains { $0.occur != .mustNot && $0.query.hasWords }
    case .filter, .all: return false
    }
  }

  /// Combines a query with extra required filters (library and CLI options).
  public func filtered(by filters: [Filter]) -> Query {
    guard !filters.isEmpty else { return self }
    // Beside the query's own clauses, as if typed in it (`噪音扰民 --type petition` is `噪音扰民
    // type:petition`: its words spread and counted alike); a filter beside words requires one of them.
    let added = filters.map { Clause(.must, .filter($0)) }
    if case .boolean(let clauses) = self { return .boolean(clauses + added) }
    return .boolean([Clause(self == .all || isFilter ? .must : .should, self)] + added)
  }
}
