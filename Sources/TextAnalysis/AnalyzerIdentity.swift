/// What an index records about the analyzer that built it, so that a later
/// change of analyzer code, ICU version or lexicon is detected.
public struct AnalyzerIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Bumped whenever the analyzer's output for some input changes.
  public var analyzerVersion: Int
  /// The ICU library version, e.g. "72.1" (its dictionaries drive segmentation).
  public var icuVersion: String
  /// Checksum of the lexicon contents (hex), "none" without a lexicon.
  public var lexiconChecksum: String
  /// Checksum of the stop-word list (hex), "none" for an empty list.
  public var stopWordsChecksum: String

  /// An identity with these parts as given, e.g. as read back from an index; nothing is checked
  /// (`Analyzer.identity` gives the current one).
  public init(analyzerVersion: Int, icuVersion: String, lexiconChecksum: String, stopWordsChecksum: String) {
    self.analyzerVersion = analyzerVersion
    self.icuVersion = icuVersion
    self.lexiconChecksum = lexiconChecksum
    self.stopWordsChecksum = stopWordsChecksum
  }

  public var description: String {
    "analyzer v\(analyzerVersion), ICU \(icuVersion), lexicon \(lexiconChecksum), stop words \(stopWordsChecksum)"
  }
}
