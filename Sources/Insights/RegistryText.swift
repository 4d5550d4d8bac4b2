import Foundation

/// Reading the plain-text registry files of `corpus/` (units, regions).
///
/// Both files are UTF-8, one record per line, fields separated by `|`,
/// names inside a field by `、` (`,` and `，` are accepted too), `#` starting a
/// comment line. A byte order mark is skipped.
enum RegistryText {
  /// A file larger than this is refused: registries are small hand-kept lists.
  static let maximumFileBytes = 8 << 20

  /// The file's text, or an error naming the file.
  static func read(path: String) throws -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InsightsError(source: path, line: 0, message: "no such file")
    }
    guard !isDirectory.boolValue else { throw InsightsError(source: path, line: 0, message: "is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InsightsError(source: path, line: 0, message: "cannot read the file (permission denied?)")
    }
    guard data.count <= maximumFileBytes else {
      throw InsightsError(source: path, line: 0, message: "larger than \(maximumFileBytes) bytes")
    }
    guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
      throw InsightsError(source: path, line: 0, message: "not valid UTF-8; save the file as UTF-8")
    }
    return text
  }

  /// Non-comment, non-blank lines with their 1-based numbers, split into trimmed fields.
  static func records(_ text: String) -> [(line: Int, fields: [String])] {
    var body = Substring(text)
    if body.first == "\u{FEFF}" { body = body.dropFirst() }
    var result: [(line: Int, fields: [String])] = []
    for (index, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let line = trimmed(raw)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("＃") { continue }
      result.append((index + 1, line.split(separator: "|", omittingEmptySubsequences: false).map { trimmed($0) }))
    }
    return result
  }

  /// The names of a field: split on 、 , ，, trimmed, empty ones dropped.
  static func names(_ field: String) -> [String] {
    field.split(whereSeparator: { $0 == "、" || $0 == "," || $0 == "，" }).map { trimmed($0) }.filter { !$0.isEmpty }
  }

  static func trimmed(_ text: Substring) -> String {
    let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" }
    guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(text[first...last])
  }

  static func trimmed(_ text: String) -> String { trimmed(Substring(text)) }
}
