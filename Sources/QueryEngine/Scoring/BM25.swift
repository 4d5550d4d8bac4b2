import Foundation

/// The BM25 ranking function, the one place its formula lives.
///
/// For a term with document frequency n in a collection of N documents, and a
/// document where it occurs tf times in a field of length dl (average avgdl):
///
///     idf   = ln(1 + (N − n + 0.5) / (n + 0.5))
///     score = boost · idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · dl / avgdl))
///
/// (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
/// Beyond", 2009; the idf is Lucene's, which never goes negative, and the
/// (k1 + 1) factor is kept as tantivy does.) Scoring and `--explain` both
/// call these functions, so an explanation always adds up to the score.
public struct BM25: Hashable, Sendable {
  /// Term-frequency saturation: how quickly repeated occurrences stop adding.
  public var k1: Double
  /// Length normalization: 0 ignores field length, 1 divides fully by it.
  public var b: Double

  /// BM25 with the given parameters, by default Lucene's k1 = 1.2 and b = 0.75; neither is validated.
  public init(k1: Double = 1.2, b: Double = 0.75) {
    self.k1 = k1
    self.b = b
  }

  /// Inverse document frequency of a term found in `documentFrequency` of
  /// `documentCount` documents.
  public static func idf(documentFrequency: Int, documentCount: Int) -> Double {
    let n = Double(documentFrequency)
    let total = Double(max(documentCount, documentFrequency))
    return log(1 + (total - n + 0.5) / (n + 0.5))
  }

  /// The length-normalized term-frequency part, tf·(k1+1)/(tf + k1·(1−b+b·dl/avgdl)).
  public func termFrequencyFactor(termFrequency: Double, fieldLength: Double, averageFieldLength: Double) -> Double {
    guard termFrequency > 0 else { return 0 }
    let norm = averageFieldLength > 0 ? fieldLength / averageFieldLength : 1
    return termFrequency * (k1 + 1) / (termFrequency + k1 * (1 - b + b * norm))
  }

  /// The score of one term in one field of one document.
  public func score(termFrequency: Double, fieldLength: Double, averageFieldLength: Double, idf: Double,
                    boost: Double = 1) -> Double {
    boost * idf
      * termFrequencyFactor(termFrequency: termFrequency, fieldLength: fieldLength,
                            averageFieldLength: averageFieldLength)
  }

  /// An upper bound of `score` over every document of a term whose highest
  /// frequency is `maxTermFrequency` and shortest field `minFieldLength`
  /// (the factor grows with tf and shrinks with length). Used for pruning.
  public func maxScore(maxTermFrequency: Double, minFieldLength: Double, averageFieldLength: Double, idf: Double,
                       boost: Double = 1) -> Double {
    score(termFrequency: maxTermFrequency, fieldLength: minFieldLength, averageFieldLength: averageFieldLength,
          idf: idf, boost: boost)
  }
}

extension BM25 {
  /// `score` for one weight (a term or phrase in one field), rearranged with
  /// one division per document for the scoring loops:
  ///
  ///     score = numerator · tf / (tf + constant + perLength · dl)
  ///
  /// with numerator = boost · idf · (k1 + 1), constant = k1 · (1 − b) and
  /// perLength = k1 · b / avgdl (every length counts as average when there is
  /// no average). The same value as `score` up to rounding.
  struct PerDocument {
    let numerator: Double
    let constant: Double
    let perLength: Double

    init(_ bm25: BM25, idf: Double, boost: Double, averageFieldLength: Double) {
      numerator = boost * idf * (bm25.k1 + 1)
      if averageFieldLength > 0 {
        constant = bm25.k1 * (1 - bm25.b)
        perLength = bm25.k1 * bm25.b / averageFieldLength
      } else {
        constant = bm25.k1
        perLength = 0
      }
    }

    /// The score of `termFrequency` occurrences (at least one) in a field of `fieldLength` tokens.
    @inline(__always)
    func score(_ termFrequency: Double, fieldLength: UInt32) -> Double {
      numerator * termFrequency / (termFrequency + constant + perLength * Double(fieldLength))
    }
  }
}
