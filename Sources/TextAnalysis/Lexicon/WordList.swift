#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared format of the lexicon and stop-word files.
///
/// Plain UTF-8, one entry per line. Everything from `#` to the end of a line
/// is a comment; blank lines are ignored; leading and trailing whitespace is
/// dropped; an entry may not contain whitespace. Entries are normalized like
/// analyzed text (NFKC_Casefold, Traditional → Simplified), so `ＣＯＤ` and
/// `環境保護` are stored as `cod` and `环境保护`. The canonical text of a list
/// is its distinct normalized entries, sorted by code point, one per line.
enum WordList {
  /// One entry and the line it came from.
  struct Entry {
    var word: String
    var line: Int
  }

  /// Parses file contents into normalized entries.
  static func parse(_ text: String, source: String) throws(WordListError) -> [Entry] {
    var entries: [Entry] = []
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      let trimmed = String(trimWhitespace(line))
      if trimmed.isEmpty { continue }
      if trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
        throw WordListError(source: source, line: lineNumber,
                            reason: "\"\(trimmed)\" contains whitespace; write one entry per line")
      }
      let normalized = normalize(trimmed)
      if normalized.isEmpty {
        throw WordListError(source: source, line: lineNumber,
                            reason: "\"\(trimmed)\" is empty after normalization")
      }
      entries.append(Entry(word: normalized, line: lineNumber))
    }
    return entries
  }

  /// Reads a word-list file as UTF-8.
  ///
  /// TextAnalysis does not import Foundation (its bundled ICU clashes with
  /// the system ICU that CICU imports), so this reads with the C library.
  static func read(path: String) throws(WordListError) -> String {
    guard let file = fopen(path, "rb") else {
      throw WordListError(source: path, line: nil, reason: "cannot open the file (errno \(errno))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
      if count < buffer.count {
        if ferror(file) != 0 { throw WordListError(source: path, line: nil, reason: "cannot read the file") }
        break
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WordListError(source: path, line: firstInvalidLine(bytes), reason: "the line is not valid UTF-8")
    }
    return text
  }

  /// The canonical serialized form of a set of normalized entries.
  static func canonicalText(_ words: Set<String>) -> String {
    words.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
      .map { $0 + "\n" }.joined()
  }

  /// Normalizes one entry exactly as the analyzer normalizes text.
  static func normalize(_ word: String) -> String {
    var copy = word
    let normalized = copy.withUTF8 { TextNormalizer().normalize($0) }
    return normalized.string(0..<normalized.units.count)
  }

  /// The 1-based line holding the first byte sequence that is not UTF-8.
  private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
    var line = 1
    for lineBytes in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      if String(validating: lineBytes, as: UTF8.self) == nil { return line }
      line += 1
    }
    return line
  }

  /// `text` without leading and trailing whitespace.
  private static func trimWhitespace(_ text: Substring) -> Substring {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
          let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return Substring(scalars[first...last])
  }
}
