/// A text after the analyzer's normalization (NFKC case folding,
/// Traditional → Simplified, control and zero-width characters dropped),
/// with a map back to the original bytes.
///
/// Searching the normalized form for a normalized term, then mapping the hit
/// back, highlights exactly the original characters (ＣＯＤ, 環境保護) without
/// running the word segmenter.
public struct NormalizedForm: Sendable {
  /// The normalized text as UTF-16 code units.
  public let utf16: [UInt16]
  private let starts: [Int]
  private let ends: [Int]

  init(_ text: NormalizedText) {
    utf16 = text.units
    starts = text.origins.map(\.start)
    ends = text.origins.map(\.end)
  }

  /// The original UTF-8 byte range of the normalized span `range`; nil for
  /// an empty span or one that is not within `utf16`.
  public func originalUTF8Range(of range: Range<Int>) -> Range<Int>? {
    guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= utf16.count,
          range.upperBound <= starts.count, range.upperBound <= ends.count else { return nil }
    return starts[range.lowerBound]..<ends[range.upperBound - 1]
  }
}

extension Analyzer {
  /// The normalized form of `text`, the same normalization `analyze` applies
  /// before segmentation.
  public func normalizedForm(of text: String) -> NormalizedForm {
    var copy = text
    return NormalizedForm(copy.withUTF8 { TextNormalizer().normalize($0) })
  }

  /// `text` after the analyzer's normalization, as a string: the form in
  /// which facets and filters compare column values (赫山區 and 赫山区 both
  /// give 赫山区). The same for every analyzer.
  public static func normalizedText(_ text: String) -> String {
    var copy = text
    return String(decoding: copy.withUTF8 { TextNormalizer(tracksOrigins: false).normalize($0) }.units, as: UTF16.self)
  }
}
