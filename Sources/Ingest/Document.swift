/// One inspection document: the unit that is indexed, stored and returned.
///
/// The schema is the JSON Lines schema of the CLI contract: `id` is the
/// unique key; `type`, `region` and `category` are exact-match fields for
/// filters and counts; `date` is a day; `title`, `unit` and `body` are
/// analyzed text. Fields outside the schema are kept in `extra`, verbatim.
public struct Document: Hashable, Sendable {
  /// The unique key. Adding a document with a known id replaces it.
  public var id: String
  /// "briefing", "petition" or "rectification" (any string is accepted).
  public var type: String
  /// The title, analyzed text; "" when the input has none (a CSV row takes its body's first clause, a text
  /// file its first heading or line).
  public var title: String
  /// The document's day, or nil when none was found; an unreadable JSON or CSV date is kept in `extra` instead.
  public var date: Day?
  /// District, county or town, e.g. "赫山区".
  public var region: String
  /// The unit (company, farm, department) the document is about.
  public var unit: String
  /// Pollution category, e.g. "水", "大气", "噪声".
  public var category: String
  /// The main text, analyzed. A text file gives its content after any front matter, trimmed; a CSV row adds its
  /// 调查核实情况, 是否属实 and 处理和整改情况 columns under 【name】 lines.
  public var body: String
  /// Fields outside the schema, in input order, each value as JSON text.
  public var extra: [ExtraField]

  /// A document with these fields; nothing is validated (an empty id or empty content is accepted here, the
  /// readers reject them).
  public init(id: String, type: String = "", title: String = "", date: Day? = nil, region: String = "",
              unit: String = "", category: String = "", body: String = "", extra: [ExtraField] = []) {
    self.id = id
    self.type = type
    self.title = title
    self.date = date
    self.region = region
    self.unit = unit
    self.category = category
    self.body = body
    self.extra = extra
  }
}

/// A field outside the document schema, kept as given.
public struct ExtraField: Hashable, Sendable {
  /// The name as in the input: a JSON key, a CSV column header (a repeated one renamed `name_2`) or a
  /// front-matter key (lower-cased).
  public var name: String
  /// The value as JSON text: `"文本"`, `42`, `true`, `[1,2]`.
  public var json: String

  /// A field with these parts as given; `json` is not checked to be valid JSON.
  public init(name: String, json: String) {
    self.name = name
    self.json = json
  }
}
