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
    var frontMatter: [(String, String)] = []
    var body = normalized
    if normalized.utf8.starts(with: [0x2D, 0x2D, 0x2D]) {
      let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
      if lines.first.map({ $0.trimmingWhitespace() == "---" }) == true {
        switch Self.parseFrontMatter(lines) {
        case .success(let (fields, end)):
          frontMatter = fields
          body = lines[end...].joined(separator: "\n")
        case .failure(let problem):
          run.issue(.warning, location, problem.message + "; read as plain text")
        }
      }
    }
    body = body.trimmingWhitespace()
    var document = Document(id: relativePath, type: Self.typeFromPath(relativePath), body: body)
    var hasDate = false
    for (key, value) in frontMatter {
      switch key {
      case "id": document.id = value
      case "type": document.type = DocumentTypes.canonical(value)
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
    if document.title.isEmpty {
      document.title = Self.title(body)
    }
    if !hasDate { document.date = DateParser.firstDate(in: body) }
    if document.id.isEmpty {
      run.reject(location, "front matter \"id\" is empty")
      return
    }
    try run.document(document, at: location)
  }

  /// The first heading (without `#` and emphasis marks) among the first 200 lines, else the first
  /// non-empty line, at most 100 characters. A heading is a Markdown ATX heading: one to six `#`
  /// and then a space or tab (`#【导读】`, `#3` and `#hashtag` are text, as CommonMark has them).
  ///
  /// Works on UTF-8 bytes: only the chosen line becomes a String.
  static func title(_ body: String) -> String {
    func clean(_ line: Substring.UTF8View) -> String {
      let text = Substring(line).drop(while: { $0 == "#" }).filter { $0 != "*" && $0 != "_" }
      return String(text.trimmingWhitespace().prefix(100))
    }
    var firstLine: Substring.UTF8View? = nil
    let bytes = body.utf8
    var start = bytes.startIndex
    var lines = 0
    while start < bytes.endIndex, lines < 200 {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
      let line = Substring(body)[start..<end].utf8
      start = end < bytes.endIndex ? bytes.index(after: end) : end
      lines += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      if Self.isHeading(line) {
        let heading = clean(line)
        if !heading.isEmpty { return heading }
      }
      if firstLine == nil { firstLine = line }
    }
    return firstLine.map(clean) ?? ""
  }

  /// Whether `line` opens with one to six `#` followed by a space or a tab.
  static func isHeading(_ line: Substring.UTF8View) -> Bool {
    let marks = line.prefix { $0 == UInt8(ascii: "#") }.count
    guard (1...6).contains(marks) else { return false }
    let next = line.dropFirst(marks).first
    return next == 0x20 || next == 0x09
  }

  static func typeFromPath(_ relative: String) -> String {
    let folders = relative.split(separator: "/").dropLast().reversed()
    for folder in folders {
      if let type = DocumentTypes.known(String(folder)) { return type }
    }
    return DocumentTypes.briefing
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
