/// Turns one Markdown or plain-text file into one document.
///
/// The title is the front-matter `title`, else the first Markdown heading,
/// else the first non-empty line. The date is the front-matter `date`, else
/// the first date in the text ("2020 年 9 月 15 日", "2020-09-15"). The id is
/// the front-matter `id`, else the path relative to the walked folder. The
/// type is the front-matter `type`, else the folder name when it names a kind
/// (briefings, petitions, rectifications, 简报, 信访, 整改), else "briefing".
/// Front matter is a block of `key: value` lines between `---` lines at the
/// top; a block that is not closed or not well-formed gives a warning and the
/// file is read as plain text. Line breaks (`\r\n`, lone `\r`) become `\n`.
struct TextDocumentReader {
  let run: IngestRun

  func document(text: String, relativePath: String, location: SourceLocation) throws {
    let normalized = text.replacingLineBreaks()
    let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
    var frontMatter: [(String, String)] = []
    var bodyStart = 0
    if lines.first.map({ $0.trimmingWhitespace() == "---" }) == true {
      switch Self.parseFrontMatter(lines) {
      case .success(let (fields, end)):
        frontMatter = fields
        bodyStart = end
      case .failure(let problem):
        run.issue(.warning, location, problem.message + "; read as plain text")
      }
    }
    let body = lines[bodyStart...].joined(separator: "\n").trimmingWhitespace()
    var document = Document(id: relativePath, type: Self.typeFromPath(relativePath), body: body)
    var hasDate = false
    for (key, value) in frontMatter {
      switch key {
      case "id": document.id = value
      case "type": document.type = value
      case "title": document.title = value
      case "region": document.region = value
      case "unit": document.unit = value
      case "category": document.category = value
      case "date":
        if let day = DateParser.parseField(value) {
          document.date = day
          hasDate = true
        } else {
          run.issue(.warning, location, "front matter date \"\(value.prefix(40))\" is not a date; looking in the text")
        }
      default: document.extra.append(ExtraField(name: key, json: value.jsonQuoted))
      }
    }
    if document.title.isEmpty { document.title = Self.title(lines[bodyStart...]) }
    if !hasDate { document.date = DateParser.firstDate(in: body) }
    if document.id.isEmpty {
      run.reject(location, "front matter \"id\" is empty")
      return
    }
    try run.document(document, at: location)
  }

  /// The first heading (without `#` and emphasis marks), else the first non-empty line, at most 100 characters.
  static func title(_ lines: ArraySlice<Substring>) -> String {
    func clean(_ s: Substring) -> String {
      let stripped = s.drop(while: { $0 == "#" }).filter { $0 != "*" && $0 != "_" }
      return String(stripped.trimmingWhitespace().prefix(100))
    }
    if let heading = lines.first(where: { $0.hasPrefix("#") && !clean($0).isEmpty }) { return clean(heading) }
    if let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }) { return clean(first) }
    return ""
  }

  static func typeFromPath(_ relative: String) -> String {
    let folders = relative.split(separator: "/").dropLast().reversed()
    for folder in folders {
      switch folder.lowercased() {
      case "briefing", "briefings", "简报", "工作简报": return "briefing"
      case "petition", "petitions", "信访", "信访件": return "petition"
      case "rectification", "rectifications", "整改", "整改报告": return "rectification"
      default: continue
      }
    }
    return "briefing"
  }

  private struct FrontMatterProblem: Error { var message: String }

  private static func parseFrontMatter(_ lines: [Substring]) -> Result<([(String, String)], Int), FrontMatterProblem> {
    guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingWhitespace() == "---" }) else {
      return .failure(FrontMatterProblem(message: "front matter opened at line 1 is never closed by ---"))
    }
    var fields: [(String, String)] = []
    for index in 1..<close {
      let line = lines[index]
      if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
        return .failure(FrontMatterProblem(message: "front matter line \(index + 1) is not \"key: value\""))
      }
      let key = line[..<colon].trimmingWhitespace().lowercased()
      var value = line[line.index(after: colon)...].trimmingWhitespace()
      if value.count >= 2, let f = value.first, let l = value.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") {
        value = String(value.dropFirst().dropLast())
      }
      guard !key.isEmpty, !key.contains(" ") else {
        return .failure(FrontMatterProblem(message: "front matter line \(index + 1) is not \"key: value\""))
      }
      fields.append((key, value))
    }
    return .success((fields, close + 1))
  }
}

extension Substring {
  func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}

extension String {
  /// `\r\n` and lone `\r` replaced by `\n`.
  func replacingLineBreaks() -> String {
    guard unicodeScalars.contains("\r") else { return self }
    var out = String.UnicodeScalarView()
    var previousCR = false
    for c in unicodeScalars {
      if c == "\r" {
        out.append("\n")
        previousCR = true
        continue
      }
      if c == "\n", previousCR {
        previousCR = false
        continue
      }
      previousCR = false
      out.append(c)
    }
    return String(out)
  }
}
