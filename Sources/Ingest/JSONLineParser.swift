/// A small strict JSON parser for one JSON Lines record (RFC 8259).
///
/// It parses the top-level object into members, keeping each member's raw
/// byte range so fields outside the schema can be stored verbatim. Nested
/// values are validated but not materialized. Nesting is capped (256) so
/// hostile input cannot overflow the stack, and every error carries the byte
/// offset where it was found, which becomes the reported column.
struct JSONLineParser {
  /// A syntax error at `offset` (0-based byte offset in the line).
  struct SyntaxError: Error, Equatable {
    var offset: Int
    var message: String
  }

  /// A top-level member value: scalars decoded, compounds kept only as raw text.
  enum Value: Equatable {
    case string(String)
    case integer(String)
    case number(String)
    case bool(Bool)
    case null
    case array
    case object

    /// The JSON type name, for messages.
    var typeName: String {
      switch self {
      case .string: return "string"
      case .integer: return "integer"
      case .number: return "number"
      case .bool: return "boolean"
      case .null: return "null"
      case .array: return "array"
      case .object: return "object"
      }
    }
  }

  /// One member of the top-level object.
  struct Member {
    var key: String
    var value: Value
    var raw: Range<Int>
  }

  static let maxDepth = 256

  private let bytes: UnsafeBufferPointer<UInt8>
  private var pos = 0
  /// Set when a `\uD800`-style lone surrogate escape was replaced by U+FFFD.
  private(set) var replacedLoneSurrogate: Int? = nil

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses the whole line as one JSON object with nothing after it.
  mutating func parseObjectLine() throws(SyntaxError) -> [Member] {
    skipWhitespace()
    guard pos < bytes.count else { throw SyntaxError(offset: pos, message: "unexpected end of input") }
    let first = bytes[pos]
    if first != UInt8(ascii: "{") {
      // Say what it is when it is valid JSON of another kind.
      let start = pos
      var probe = self
      if (try? probe.skipValue(depth: 0)) != nil {
        probe.skipWhitespace()
        if probe.pos == bytes.count {
          throw SyntaxError(offset: start, message: "expected JSON object, found \(Self.kindName(first))")
        }
      }
      throw SyntaxError(offset: start, message: "expected JSON object, found \(Self.describe(first))")
    }
    pos += 1
    var members: [Member] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      pos += 1
    } else {
      while true {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { throw unexpected("a string key") }
        let key = try parseString()
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw unexpected("':' after the key") }
        pos += 1
        skipWhitespace()
        let start = pos
        let value = try parseMemberValue()
        members.append(Member(key: key, value: value, raw: start..<pos))
        skipWhitespace()
        guard let c = peek() else { throw SyntaxError(offset: pos, message: "unexpected end of input") }
        if c == UInt8(ascii: ",") { pos += 1; continue }
        if c == UInt8(ascii: "}") { pos += 1; break }
        throw unexpected("',' or '}'")
      }
    }
    skipWhitespace()
    if pos < bytes.count {
      throw SyntaxError(offset: pos, message: "trailing characters after the JSON object (\(Self.describe(bytes[pos])))")
    }
    return members
  }

  // MARK: - Values

  private mutating func parseMemberValue() throws(SyntaxError) -> Value {
    guard let c = peek() else { throw SyntaxError(offset: pos, message: "unexpected end of input") }
    switch c {
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "{"): try skipValue(depth: 1); return .object
    case UInt8(ascii: "["): try skipValue(depth: 1); return .array
    default:
      let start = pos
      try skipValue(depth: 1)
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
      switch c {
      case UInt8(ascii: "t"): return .bool(true)
      case UInt8(ascii: "f"): return .bool(false)
      case UInt8(ascii: "n"): return .null
      default:
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? .number(text) : .integer(text)
      }
    }
  }

  /// Validates one value of any kind, descending at most `maxDepth` levels.
  private mutating func skipValue(depth: Int) throws(SyntaxError) {
    guard let c = peek() else { throw SyntaxError(offset: pos, message: "unexpected end of input") }
    switch c {
    case UInt8(ascii: "\""):
      _ = try parseString()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard depth < Self.maxDepth else {
        throw SyntaxError(offset: pos, message: "nesting deeper than \(Self.maxDepth) levels")
      }
      let isObject = c == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      pos += 1
      skipWhitespace()
      if peek() == close { pos += 1; return }
      while true {
        skipWhitespace()
        if isObject {
          guard peek() == UInt8(ascii: "\"") else { throw unexpected("a string key") }
          _ = try parseString()
          skipWhitespace()
          guard peek() == UInt8(ascii: ":") else { throw unexpected("':' after the key") }
          pos += 1
          skipWhitespace()
        }
        try skipValue(depth: depth + 1)
        skipWhitespace()
        guard let d = peek() else { throw SyntaxError(offset: pos, message: "unexpected end of input") }
        if d == UInt8(ascii: ",") { pos += 1; continue }
        if d == close { pos += 1; return }
        throw unexpected(isObject ? "',' or '}'" : "',' or ']'")
      }
    case UInt8(ascii: "t"): try expectLiteral("true")
    case UInt8(ascii: "f"): try expectLiteral("false")
    case UInt8(ascii: "n"): try expectLiteral("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
    default: throw unexpected("a value")
    }
  }

  private mutating func expectLiteral(_ word: StaticString) throws(SyntaxError) {
    let start = pos
    let n = word.utf8CodeUnitCount
    for i in 0..<n {
      guard pos < bytes.count else { throw SyntaxError(offset: pos, message: "unexpected end of input") }
      guard bytes[pos] == word.utf8Start[i] else {
        throw SyntaxError(offset: start, message: "invalid literal (expected \(word))")
      }
      pos += 1
    }
  }

  private mutating func skipNumber() throws(SyntaxError) {
    let start = pos
    func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    if peek() == UInt8(ascii: "-") { pos += 1 }
    guard isDigit(peek()) else { throw SyntaxError(offset: start, message: "invalid number") }
    if peek() == UInt8(ascii: "0") {
      pos += 1
      if isDigit(peek()) { throw SyntaxError(offset: start, message: "invalid number (leading zero)") }
    } else {
      while isDigit(peek()) { pos += 1 }
    }
    if peek() == UInt8(ascii: ".") {
      pos += 1
      guard isDigit(peek()) else { throw SyntaxError(offset: pos, message: "invalid number (digit expected after '.')") }
      while isDigit(peek()) { pos += 1 }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      pos += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
      guard isDigit(peek()) else { throw SyntaxError(offset: pos, message: "invalid number (digit expected in exponent)") }
      while isDigit(peek()) { pos += 1 }
    }
  }

  /// Parses a string starting at the opening quote, decoding escapes.
  private mutating func parseString() throws(SyntaxError) -> String {
    pos += 1
    let start = pos
    // Fast path: no escapes.
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        pos += 1
        return s
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { throw SyntaxError(offset: pos, message: "unescaped control character 0x\(Self.hex(b)) in string") }
      pos += 1
    }
    var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<pos]))
    while pos < bytes.count {
      let b = bytes[pos]
      if b == UInt8(ascii: "\"") {
        pos += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw SyntaxError(offset: pos, message: "unescaped control character 0x\(Self.hex(b)) in string") }
      if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
      let escapeStart = pos
      pos += 1
      guard let e = peek() else { break }
      pos += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try parseHex4(at: escapeStart)
        if (0xD800...0xDBFF).contains(scalar) {
          // A high surrogate must be followed by an escaped low surrogate.
          if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
            let save = pos
            pos += 2
            let low = try parseHex4(at: save)
            if (0xDC00...0xDFFF).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              pos = save
              scalar = 0xFFFD
              replacedLoneSurrogate = replacedLoneSurrogate ?? escapeStart
            }
          } else {
            scalar = 0xFFFD
            replacedLoneSurrogate = replacedLoneSurrogate ?? escapeStart
          }
        } else if (0xDC00...0xDFFF).contains(scalar) {
          scalar = 0xFFFD
          replacedLoneSurrogate = replacedLoneSurrogate ?? escapeStart
        }
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        UTF8.encode(u, into: { out.append($0) })
      default:
        throw SyntaxError(offset: escapeStart, message: "invalid escape '\\\(Self.describe(e))' in string")
      }
    }
    throw SyntaxError(offset: pos, message: "unexpected end of input inside a string")
  }

  private mutating func parseHex4(at escapeStart: Int) throws(SyntaxError) -> UInt32 {
    guard pos + 4 <= bytes.count else { throw SyntaxError(offset: pos, message: "unexpected end of input in \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[pos]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw SyntaxError(offset: escapeStart, message: "invalid \\u escape")
      }
      v = v << 4 | d
      pos += 1
    }
    return v
  }

  // MARK: - Helpers

  private func peek() -> UInt8? { pos < bytes.count ? bytes[pos] : nil }

  private mutating func skipWhitespace() {
    while pos < bytes.count {
      let b = bytes[pos]
      guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
      pos += 1
    }
  }

  private func unexpected(_ expected: String) -> SyntaxError {
    guard let c = peek() else { return SyntaxError(offset: pos, message: "unexpected end of input (expected \(expected))") }
    return SyntaxError(offset: pos, message: "unexpected \(Self.describe(c)), expected \(expected)")
  }

  static func describe(_ b: UInt8) -> String {
    if b == UInt8(ascii: "'") { return "single quote (')" }
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x\(hex(b))"
  }

  static func kindName(_ b: UInt8) -> String {
    switch b {
    case UInt8(ascii: "["): return "array"
    case UInt8(ascii: "\""): return "string"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return "boolean"
    case UInt8(ascii: "n"): return "null"
    default: return "number"
    }
  }

  static func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
  }
}
