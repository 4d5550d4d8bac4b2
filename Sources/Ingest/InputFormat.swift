/// The kinds of input file, chosen by file name extension.
enum InputFormat: Sendable, Equatable {
  case jsonLines
  case csv
  case tsv
  case markdown
  case text

  init?(fileName: [UInt8]) {
    guard let dot = fileName.lastIndex(of: UInt8(ascii: ".")) else { return nil }
    let ext = String(decoding: fileName[(dot + 1)...], as: UTF8.self).lowercased()
    switch ext {
    case "jsonl", "ndjson": self = .jsonLines
    case "csv": self = .csv
    case "tsv", "tab": self = .tsv
    case "md", "markdown": self = .markdown
    case "txt", "text": self = .text
    default: return nil
    }
  }
}
