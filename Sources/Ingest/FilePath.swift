/// Shows path bytes to people: valid UTF-8 as is, other bytes as `\xB9`.
enum FilePath {
  static func display(_ bytes: [UInt8]) -> String {
    let valid = bytes.withUnsafeBufferPointer { UTF8Validator.validate($0) == nil }
    if valid { return String(decoding: bytes, as: UTF8.self) }
    var out = ""
    var i = 0
    while i < bytes.count {
      let rest = bytes[i...]
      // Take the longest valid prefix run, escape one bad byte, repeat.
      let failure = Array(rest).withUnsafeBufferPointer { UTF8Validator.validate($0) }
      guard let failure else {
        out += String(decoding: rest, as: UTF8.self)
        break
      }
      out += String(decoding: bytes[i..<(i + failure.offset)], as: UTF8.self)
      out += "\\x" + JSONLineParser.hex(bytes[i + failure.offset])
      i += failure.offset + 1
    }
    return out
  }
}
