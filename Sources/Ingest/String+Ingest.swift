// Small text helpers shared by the readers.

extension String {
  /// The string without leading and trailing whitespace and newlines.
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    if let first = scalars.first, let last = scalars.last, !first.properties.isWhitespace, !last.properties.isWhitespace {
      return self
    }
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
          let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(scalars[first...last])
  }

  /// Text as a JSON string literal.
  var jsonQuoted: String {
    if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + self + "\"" }
    var out = "\""
    for c in unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 {
          out += "\\u00" + JSONLineParser.hex(UInt8(c.value))
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }
}

extension Substring {
  func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}

extension String {
  /// `\r\n` and lone `\r` replaced by `\n`.
  func replacingLineBreaks() -> String {
    guard utf8.contains(0x0D) else { return self }
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

extension Collection where Element == UInt8 {
  /// Whether text bytes end their lines in CR alone (classic Mac, Excel's
  /// "CSV (Macintosh)"): a CR and no LF anywhere.
  var endsLinesInCROnly: Bool { !contains(0x0A) && contains(0x0D) }
}
