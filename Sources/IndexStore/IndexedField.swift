/// The analyzed text fields of the fixed document schema.
///
/// Word fields hold `Analysis.words` of the document's title, unit and body;
/// bigram fields hold `Analysis.bigrams` of the same texts, the recall stream
/// that guarantees exact Chinese phrases are found.
public enum IndexedField: UInt8, CaseIterable, Sendable, Codable {
  case title = 0, unit = 1, body = 2
  case titleBigrams = 3, unitBigrams = 4, bodyBigrams = 5

  /// The name used in reports and statistics.
  public var name: String {
    switch self {
    case .title: return "title"
    case .unit: return "unit"
    case .body: return "body"
    case .titleBigrams: return "title.bigrams"
    case .unitBigrams: return "unit.bigrams"
    case .bodyBigrams: return "body.bigrams"
    }
  }

  /// Whether the field holds the bigram recall stream.
  public var isBigrams: Bool { rawValue >= 3 }
}

/// The exact-match columns: one string per document, dictionary-encoded per segment.
public enum ExactColumn: UInt8, CaseIterable, Sendable, Codable {
  case type = 0, region = 1, category = 2, unit = 3

  public var name: String {
    switch self {
    case .type: return "type"
    case .region: return "region"
    case .category: return "category"
    case .unit: return "unit"
    }
  }
}
