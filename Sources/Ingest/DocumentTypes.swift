/// The three kinds of documents an office keeps, and the names its files
/// give them.
///
/// Case tables and exports name a document's kind in Chinese (信访件,
/// 工作简报, 整改方案) as often as in the schema's English; every known
/// spelling is stored as the schema's value, so `--type petition` finds a
/// case table's 信访件 rows. Unknown values are kept as written.
public enum DocumentTypes {
  /// A periodic bulletin (工作简报).
  public static let briefing = "briefing"
  /// A citizen complaint (信访件, 群众举报).
  public static let petition = "petition"
  /// What a unit must fix (整改方案, 整改情况报告).
  public static let rectification = "rectification"

  private static let names: [String: String] = {
    var names: [String: String] = [:]
    let spellings = [
      briefing: ["briefing", "briefings", "bulletin", "简报", "工作简报", "督察简报", "簡報", "工作簡報", "督察簡報"],
      petition: ["petition", "petitions", "complaint", "complaints", "信访", "信访件", "群众举报", "举报", "投诉", "来信来访",
                 "信訪", "信訪件", "群眾舉報", "舉報", "投訴", "來信來訪"],
      rectification: ["rectification", "rectifications", "整改", "整改方案", "整改报告", "整改情况报告", "整改情况",
                      "整改報告", "整改情況報告", "整改情況"],
    ]
    for (type, all) in spellings {
      for name in all { names[name] = type }
    }
    return names
  }()

  /// The schema's value for a known name of a kind (any case, surrounding
  /// whitespace ignored), else `value` as given.
  public static func canonical(_ value: String) -> String {
    known(value) ?? value
  }

  /// The schema's value for a known name of a kind, nil for any other.
  public static func known(_ value: String) -> String? {
    names[value.trimmingWhitespace().lowercased()]
  }
}
