/// The encodings input files may come in.
///
/// GBK and GB2312 are read with the GB18030 decoder, which is a superset
/// (WHATWG: "GBK's decoder is gb18030's decoder").
enum TextEncoding: String, Sendable, Equatable {
  case utf8 = "UTF-8"
  case gb18030 = "GB18030"
  case big5 = "Big5"
  case utf16LE = "UTF-16LE"
  case utf16BE = "UTF-16BE"

  /// The ICU converter name.
  var icuName: String {
    switch self {
    case .utf8: return "UTF-8"
    case .gb18030: return "gb18030"
    case .big5: return "Big5"
    case .utf16LE: return "UTF-16LE"
    case .utf16BE: return "UTF-16BE"
    }
  }

  /// Parses an `--encoding` value ("utf-8", "utf8", "gb18030", "gbk", "gb2312", "big5", "utf-16le"...).
  init?(option: String) {
    switch String(option.lowercased().map { $0 == "_" ? "-" : $0 }) {
    case "utf-8", "utf8": self = .utf8
    case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
    case "big5", "big-5", "cp950": self = .big5
    case "utf-16le", "utf16le": self = .utf16LE
    case "utf-16be", "utf16be": self = .utf16BE
    default: return nil
    }
  }
}
