/// A minimal JSON writer that keeps keys in the order given, as the CLI
/// contract lists them.
enum JSONValue {
  case string(String)
  case number(Double)
  case integer(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])
  /// JSON text inserted verbatim (extra document fields, already JSON).
  case raw(String)

  var text: String {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    write(to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the JSON text as UTF-8 (bytes, not a String: appending to a
  /// String re-checks every piece, which was a large part of printing hits).
  func write(to output: inout [UInt8]) {
    switch self {
    case .string(let value): JSONValue.quote(value, into: &output)
    case .number(let value):
      if value.isFinite {
        output.append(contentsOf: (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)).utf8)
      } else {
        output.append(contentsOf: "null".utf8)
      }
    case .integer(let value): output.append(contentsOf: String(value).utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .null: output.append(contentsOf: "null".utf8)
    case .raw(let json): JSONValue.escapeInvisibles(json, into: &output, inString: false)
    case .array(let values):
      output.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        value.write(to: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        JSONValue.quote(key, into: &output)
        output.append(UInt8(ascii: ":"))
        value.write(to: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  /// A JSON string: `"`, `\`, control characters (C0, DEL and C1), U+2028/U+2029
  /// (JavaScript source cannot hold them raw) and the bidirectional controls
  /// (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, which reorder what a
  /// terminal shows when JSON is read by eye) escaped as `\uXXXX`; everything
  /// else copied as UTF-8, in runs between escapes.
  static func quote(_ value: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    escapeInvisibles(value, into: &output, inString: true)
    output.append(UInt8(ascii: "\""))
  }

  /// Appends `value` with the characters `quote` escapes escaped: all of them
  /// `inString` (the contents of a string); otherwise (JSON text copied as it
  /// is, such as a document's extra fields) only DEL, C1 controls, U+2028/U+2029
  /// and the bidirectional controls, which valid JSON holds only inside its
  /// strings, where the escape means the same character.
  static func escapeInvisibles(_ value: String, into output: inout [UInt8], inString: Bool) {
    var value = value
    value.withUTF8 { bytes in
      var run = 0  // start of the bytes not yet copied
      var i = 0
      let count = bytes.count
      while i < count {
        let byte = bytes[i]
        let escape: StaticString?
        var length = 1
        switch byte {
        case 0x22 where inString: escape = "\\\""
        case 0x5C where inString: escape = "\\\\"
        case 0x0A where inString: escape = "\\n"
        case 0x0D where inString: escape = "\\r"
        case 0x09 where inString: escape = "\\t"
        case 0x00..<0x20 where inString, 0x7F: escape = nil
        case 0xC2 where i + 1 < count && (0x80...0x9F).contains(bytes[i + 1]),
             0xD8 where i + 1 < count && bytes[i + 1] == 0x9C:  // C1 controls; U+061C ARABIC LETTER MARK
          escape = nil
          length = 2
        case 0xE2 where i + 2 < count && Self.isEscapedFormat(bytes[i + 1], bytes[i + 2]):
          escape = nil
          length = 3
        default:
          i += 1
          continue
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
        if let escape {
          escape.withUTF8Buffer { output.append(contentsOf: $0) }
        } else {
          let scalar: UInt32
          switch length {
          case 3: scalar = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
          case 2: scalar = UInt32(byte & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
          default: scalar = UInt32(byte)
          }
          output.append(contentsOf: "\\u".utf8)
          for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
          }
        }
        i += length
        run = i
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count]))
    }
  }

  /// Whether `E2 b1 b2` is U+2028/U+2029 or a bidirectional control.
  private static func isEscapedFormat(_ b1: UInt8, _ b2: UInt8) -> Bool {
    switch (b1, b2) {
    case (0x80, 0x8E), (0x80, 0x8F), (0x80, 0xA8), (0x80, 0xA9), (0x80, 0xAA...0xAE), (0x81, 0xA6...0xA9): return true
    default: return false
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
