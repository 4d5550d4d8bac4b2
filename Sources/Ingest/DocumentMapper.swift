/// Turns parsed fields into a `Document`: the schema fields, their types, and everything else kept verbatim.
///
/// Schema fields: `id type title date region unit category body`. `id` is
/// required; an integer id becomes its decimal string (ids beyond 2^53 must be
/// strings); a float, boolean, object or array id is rejected. Text fields
/// take strings (null means empty). `date` accepts "2020-09-15", "2020/9/15"
/// and "2020年9月15日"; an unreadable date is kept in `extra` with a warning.
/// Other fields go to `extra` as their JSON text.
enum DocumentMapper {
  /// A record that cannot become a document, with the reason.
  struct Rejection: Error {
    var message: String
  }

  static func document(from members: [JSONLineParser.Member], line: UnsafeBufferPointer<UInt8>, fallbackID: String? = nil,
                       warn: (String) -> Void) throws(Rejection) -> Document {
    var latest: [String: Int] = [:]
    for (index, member) in members.enumerated() {
      if latest[member.key] != nil { warn("duplicate key \"\(member.key)\" in one object; the last value is kept") }
      latest[member.key] = index
    }
    var document = Document(id: "")
    var hasID = false
    for (index, member) in members.enumerated() where latest[member.key] == index {
      func text() throws(Rejection) -> String {
        switch member.value {
        case .string(let s): return s
        case .null: return ""
        default: throw Rejection(message: "field \"\(member.key)\" must be a string, found \(member.value.typeName)")
        }
      }
      switch member.key {
      case "id":
        document.id = try identifier(member.value)
        hasID = true
      case "type": document.type = DocumentTypes.canonical(try text())
      case "title": document.title = try text()
      case "region": document.region = try text()
      case "unit": document.unit = try text()
      case "category": document.category = try text()
      case "body": document.body = try text()
      case "date":
        let value = try text()
        if value.isEmpty { break }
        if let day = DateParser.parseField(value) {
          document.date = day
        } else {
          warn("field \"date\" \"\(value.prefix(40))\" is not a date (expected 2020-09-15, 2020/9/15 or 2020年9月15日); kept as extra field \"date\"")
          document.extra.append(ExtraField(name: "date", json: raw(member, line)))
        }
      default:
        document.extra.append(ExtraField(name: member.key, json: raw(member, line)))
      }
    }
    if !hasID, let fallbackID {
      warn("missing \"id\"; using \"\(fallbackID)\"")
      document.id = fallbackID
      hasID = true
    }
    guard hasID else { throw Rejection(message: "missing \"id\"") }
    return document
  }

  static func identifier(_ value: JSONLineParser.Value) throws(Rejection) -> String {
    switch value {
    case .string(let s):
      let trimmed = s.trimmingWhitespace()
      guard !trimmed.isEmpty else { throw Rejection(message: "\"id\" is empty") }
      return trimmed
    case .integer(let digits):
      let magnitude = digits.hasPrefix("-") ? String(digits.dropFirst()) : digits
      guard magnitude.count <= 16, let v = Int(digits), abs(v) <= 1 << 53 else {
        throw Rejection(message: "\"id\" \(digits) is an integer beyond 2^53; give it as a string")
      }
      return String(v)
    default:
      throw Rejection(message: "\"id\" must be a string or an integer, found \(value.typeName)")
    }
  }

  private static func raw(_ member: JSONLineParser.Member, _ line: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: line[member.raw]), as: UTF8.self)
  }
}
