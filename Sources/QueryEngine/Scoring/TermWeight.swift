import IndexStore

/// The whole-index state of one scored term or phrase in one field: its idf
/// and the field's average length, computed once per search (Lucene's Weight).
struct TermWeight: Sendable {
  /// The field searched.
  var field: IndexedField
  /// The term, or the phrase's terms in order.
  var terms: [String]
  /// Position of each term relative to the first (phrases only).
  var offsets: [Int]
  var idf: Double
  var documentFrequency: Int
  var documentCount: Int
  var averageFieldLength: Double
  var boost: Double
  var bm25: BM25
  /// What the user typed that produced this term (shown by `--explain`).
  var label: String
  /// Why the boost is what it is: "synonym of 噪音", "character bigrams".
  var note: String?
  /// Each term's dictionary record in each segment of the reader the weight
  /// was built for (`[term][segment]`, nil where absent), looked up once
  /// with the statistics; empty to look terms up when scoring.
  var segmentInfos: [[TermInfo?]] = []
  /// A synonym's own idf when it was capped at the typed text's (`idf`); nil otherwise.
  var uncappedIdf: Double?

  var isPhrase: Bool { terms.count > 1 }

  func score(termFrequency: Double, fieldLength: Double) -> Double {
    bm25.score(termFrequency: termFrequency, fieldLength: fieldLength, averageFieldLength: averageFieldLength,
               idf: idf, boost: boost)
  }

  func explain(termFrequency: Double, fieldLength: Double) -> Explanation {
    let factor = bm25.termFrequencyFactor(termFrequency: termFrequency, fieldLength: fieldLength,
                                          averageFieldLength: averageFieldLength)
    let what = isPhrase ? "phrase \"\(terms.joined(separator: " "))\"" : "term \"\(terms[0])\""
    let frequency = isPhrase ? "phrase frequency" : "tf"
    let idfSummary: String
    if let uncappedIdf {
      idfSummary = "idf of the typed text in this field, below the synonym's own "
        + String(format: "%.3f", uncappedIdf) + " (N = \(documentCount))"
    } else if isPhrase {
      idfSummary = "idf, summed over the phrase's terms (N = \(documentCount))"
    } else {
      idfSummary = "idf = ln(1 + (N − n + 0.5)/(n + 0.5)), N = \(documentCount), n = \(documentFrequency)"
    }
    return Explanation(
      value: score(termFrequency: termFrequency, fieldLength: fieldLength),
      summary: "\(what) in \(field.label) (from \"\(label)\"): boost × idf × tf factor",
      details: [
        Explanation(value: boost, summary: "boost" + (note.map { " (\($0))" } ?? "")),
        Explanation(value: idf, summary: idfSummary),
        Explanation(
          value: factor,
          summary: "\(frequency)·(k1+1)/(\(frequency) + k1·(1−b+b·dl/avgdl)), \(frequency) = \(Int(termFrequency)), "
            + "dl = \(Int(fieldLength)), avgdl = \(String(format: "%.2f", averageFieldLength)), k1 = \(bm25.k1), b = \(bm25.b)"),
      ])
  }
}

extension IndexedField {
  /// The field's name as users see it in explanations.
  var label: String {
    switch self {
    case .title: return "title"
    case .unit: return "unit"
    case .body: return "body"
    case .titleBigrams: return "title (bigrams)"
    case .unitBigrams: return "unit (bigrams)"
    case .bodyBigrams: return "body (bigrams)"
    }
  }
}
