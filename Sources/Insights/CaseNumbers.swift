/// Case numbers (受理编号) cited in text: D430902201801190011, X4309…, T2020031202.
///
/// A case number is one or two ASCII capital letters followed by at least
/// ten digits, not glued to other letters or digits. Rectification reports
/// cite the petitions they answer this way (受理编号：D…、D…), which links a
/// unit's petitions to its reports.
public enum CaseNumbers {
  /// The case numbers in text, each once, in order of appearance.
  public static func find(in text: String) -> [String] {
    let bytes = Array(text.utf8)
    var result: [String] = []
    var seen: Set<String> = []
    var i = 0
    func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    func isAlnum(_ b: UInt8) -> Bool { isUpper(b) || isDigit(b) || (b >= 0x61 && b <= 0x7A) }
    while i < bytes.count {
      guard isUpper(bytes[i]), i == 0 || !isAlnum(bytes[i - 1]) else {
        i += 1
        continue
      }
      var j = i + 1
      if j < bytes.count && isUpper(bytes[j]) { j += 1 }
      let digitsStart = j
      while j < bytes.count && isDigit(bytes[j]) { j += 1 }
      if j - digitsStart >= 10 && (j == bytes.count || !isAlnum(bytes[j])) {
        let number = String(decoding: bytes[i..<j], as: UTF8.self)
        if seen.insert(number).inserted { result.append(number) }
      }
      i = max(j, i + 1)
    }
    return result
  }
}
