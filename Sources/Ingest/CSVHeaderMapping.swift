/// Maps the columns of a CSV header row to document fields.
///
/// Chinese headers of the public disclosure tables and the English schema
/// names are both understood:
///
/// | field | headers |
/// |---|---|
/// | id | 受理编号 编号 信访编号 案件编号 id |
/// | body | 交办问题基本情况 问题描述 举报内容 内容 正文 body |
/// | title | 标题 title (else the first clause of the body) |
/// | region | 行政区域 区域 地区 所在地 region |
/// | category | 污染类型 问题类型 类别 category |
/// | date | 日期 交办日期 受理日期 时间 date |
/// | unit | 责任单位 被举报单位 被举报对象 单位 unit |
/// | type | 类型 文档类型 type (default "petition"; 信访件, 工作简报, 整改方案… stored as `DocumentTypes` says) |
///
/// Each Chinese header is also understood in Traditional characters (受理編號, 標題).
///
/// 调查核实情况, 是否属实 and 处理和整改情况 are appended to the body under
/// 【heading】 lines and also kept as extra fields; other columns become extra
/// fields (JSON strings). Duplicate header names get a `_2` suffix.
struct CSVHeaderMapping {
  enum Target: Equatable {
    case id, body, title, region, category, date, unit, type
    case appendix
    case extra
  }

  /// A header row that cannot be used.
  struct Problem: Error {
    var message: String
  }

  struct Column {
    var name: String
    var target: Target
  }

  var columns: [Column]
  var warnings: [String]

  private static let targets: [String: Target] = [
    "受理编号": .id, "编号": .id, "信访编号": .id, "案件编号": .id, "id": .id,
    "交办问题基本情况": .body, "问题描述": .body, "举报内容": .body, "内容": .body, "正文": .body, "body": .body,
    "标题": .title, "title": .title,
    "行政区域": .region, "区域": .region, "地区": .region, "所在地": .region, "region": .region,
    "污染类型": .category, "问题类型": .category, "类别": .category, "category": .category,
    "日期": .date, "交办日期": .date, "受理日期": .date, "时间": .date, "date": .date,
    "责任单位": .unit, "被举报单位": .unit, "被举报对象": .unit, "单位": .unit, "unit": .unit,
    "类型": .type, "文档类型": .type, "type": .type,
    "调查核实情况": .appendix, "是否属实": .appendix, "处理和整改情况": .appendix,
    // The same headers in Traditional characters (a Big5 case table cannot spell them otherwise).
    "受理編號": .id, "編號": .id, "信訪編號": .id, "案件編號": .id,
    "交辦問題基本情況": .body, "問題描述": .body, "舉報內容": .body, "內容": .body,
    "標題": .title, "行政區域": .region, "區域": .region, "地區": .region,
    "污染類型": .category, "問題類型": .category, "類別": .category,
    "交辦日期": .date, "時間": .date,
    "責任單位": .unit, "被舉報單位": .unit, "被舉報對象": .unit, "單位": .unit,
    "類型": .type, "文檔類型": .type,
    "調查核實情況": .appendix, "是否屬實": .appendix, "處理和整改情況": .appendix,
  ]

  static func make(_ header: [String]) -> Result<CSVHeaderMapping, Problem> {
    var columns: [Column] = []
    var warnings: [String] = []
    var seen: [String: Int] = [:]
    var taken: Set<String> = []
    for raw in header {
      var name = raw.trimmingWhitespace()
      if name.unicodeScalars.first == "\u{FEFF}" { name = String(name.unicodeScalars.dropFirst()) }
      let count = (seen[name] ?? 0) + 1
      seen[name] = count
      if count > 1 {
        let renamed = "\(name)_\(count)"
        warnings.append("duplicate column name \"\(name)\" renamed to \"\(renamed)\"")
        columns.append(Column(name: renamed, target: .extra))
        continue
      }
      var target = targets[name] ?? targets[name.lowercased()] ?? .extra
      if target != .extra, target != .appendix {
        let key = "\(target)"
        if taken.contains(key) { target = .extra } else { taken.insert(key) }
      }
      columns.append(Column(name: name, target: target))
    }
    guard columns.contains(where: { $0.target == .id }) else {
      let shown = header.prefix(8).map { String($0.prefix(20)) }.joined(separator: ", ")
      return .failure(Problem(message: "missing header row: no column names the id (受理编号 or id); first row is: \(shown)"))
    }
    return .success(CSVHeaderMapping(columns: columns, warnings: warnings))
  }

  func document(_ values: [String], warn: (String) -> Void) -> Result<Document, DocumentMapper.Rejection> {
    var document = Document(id: "")
    var appendix: [(String, String)] = []
    var hasType = false
    for (column, value) in zip(columns, values) {
      switch column.target {
      case .id: document.id = value.trimmingWhitespace()
      case .body: document.body = value
      case .title: document.title = value.trimmingWhitespace()
      case .region: document.region = value.trimmingWhitespace()
      case .category: document.category = value.trimmingWhitespace()
      case .unit: document.unit = value.trimmingWhitespace()
      case .type:
        document.type = DocumentTypes.canonical(value.trimmingWhitespace())  // trimmed also when kept as written
        hasType = true
      case .date:
        let trimmed = value.trimmingWhitespace()
        if trimmed.isEmpty { break }
        if let day = DateParser.parseField(trimmed) {
          document.date = day
        } else {
          warn("column \"\(column.name)\" \"\(trimmed.prefix(40))\" is not a date; kept as an extra field")
          document.extra.append(ExtraField(name: column.name, json: value.jsonQuoted))
        }
      case .appendix:
        appendix.append((column.name, value))
        document.extra.append(ExtraField(name: column.name, json: value.jsonQuoted))
      case .extra:
        document.extra.append(ExtraField(name: column.name, json: value.jsonQuoted))
      }
    }
    guard !document.id.isEmpty else { return .failure(DocumentMapper.Rejection(message: "empty id column")) }
    if !hasType || document.type.isEmpty { document.type = "petition" }
    if document.title.isEmpty { document.title = Self.firstClause(document.body) }
    for (name, value) in appendix where !value.allSatisfy(\.isWhitespace) {
      document.body += (document.body.isEmpty ? "" : "\n\n") + "【\(name)】\n" + value
    }
    return .success(document)
  }

  /// The body's first clause (up to the first ，。；！？ or line break), at most 40 characters.
  static func firstClause(_ body: String) -> String {
    var clause = String.UnicodeScalarView()
    var count = 0
    for c in body.trimmingWhitespace().unicodeScalars {
      switch c {
      case "，", "。", "；", "！", "？", ",", ";", "\n", "\r": return String(clause)
      default:
        clause.append(c)
        count += 1
        if count == 40 { return String(clause) }
      }
    }
    return String(clause)
  }
}
