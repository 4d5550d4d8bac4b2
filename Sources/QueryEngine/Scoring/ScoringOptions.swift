/// How much each kind of match counts: field boosts and the discounts of the
/// recall stream and of synonyms.
public struct ScoringOptions: Hashable, Sendable {
  /// The BM25 parameters.
  public var bm25 = BM25()
  /// A match in the title counts this much more than one in the body.
  public var titleBoost = 2.0
  /// A match in the unit name counts this much more than one in the body.
  public var unitBoost = 1.5
  /// The weight of a match in the body, which the title and unit boosts are relative to.
  public var bodyBoost = 1.0
  /// Scale of a match found only through character bigrams, relative to the
  /// field's boost: such a match is real (the exact characters occur) but may
  /// cut across words, so a word match of the same text ranks above it.
  public var bigramFactor = 0.3
  /// Scale of a match through a synonym, whose idf is also capped at the
  /// typed word's: a synonym match scores below a match of the user's own
  /// word in the same place (same frequency, same field).
  public var synonymFactor = 0.7
  /// Whether words expand to their synonyms at all.
  public var expandSynonyms = true
  /// Skip computing the score of a document that cannot enter the top hits
  /// (its coordination is lower than the last kept hit's, or its score's upper
  /// bound is not higher). Results are identical either way; tests turn it off
  /// to compare.
  public var pruning = true
  /// Evaluate queries whose words cover much of the index term at a time
  /// (one loop per posting list into per-document score arrays) instead of
  /// document at a time. Results are the same; tests turn it off to compare.
  public var termAtATime = true

  /// The defaults of docs/RANKING.md: k1 = 1.2, b = 0.75, boosts 2.0, 1.5 and 1.0, factors 0.3 and 0.7, and
  /// synonyms, pruning and term-at-a-time evaluation on.
  public init() {}

  func boost(_ field: TextField) -> Double {
    switch field {
    case .title: return titleBoost
    case .unit: return unitBoost
    case .body: return bodyBoost
    }
  }
}
