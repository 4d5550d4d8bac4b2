internal import CICU

/// The version of the ICU library the analyzer runs on, e.g. "72.1".
public let icuVersion: String = {
  var buffer = [CChar](repeating: 0, count: 32)
  cicu_getVersion(&buffer)
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}()
