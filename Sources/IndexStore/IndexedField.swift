/// The analyzed text fields of the fixed document schema.
///
/// Word fields hold `Analysis.words` of the document's title, unit and body;
/// bigram fields hold `Analysis.bigrams` of the same texts, the recall stream
/// that guarantees exact Chinese phrases are found.
public enum IndexedField: UInt8, CaseIterable, Sendable, Codable {
  /// Word tokens of the document's title.
  case title = 0
  /// Word tokens of the document's unit (the company, farm or department it is about).
  case unit = 1
  /// Word tokens of the document's body.
  case body = 2
  /// The bigram recall stream of the title.
  case titleBigrams = 3
  /// The bigram recall stream of the unit.
  case unitBigrams = 4
  /// The bigram recall stream of the body.
  case bodyBigrams = 5

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
  /// The document's type, e.g. "petition".
  case type = 0
  /// The document's region (district, county or town).
  case region = 1
  /// The document's pollution category, e.g. "水".
  case category = 2
  /// The document's raw unit string, as given (unlike `IndexedField.unit`, not analyzed).
  case unit = 3

  /// The name used in reports: `type`, `region`, `category` or `unit`.
  public var name: String {
    switch self {
    case .type: return "type"
    case .region: return "region"
    case .category: return "category"
    case .unit: return "unit"
    }
  }
}
