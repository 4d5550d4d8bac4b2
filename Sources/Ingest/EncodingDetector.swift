internal import CICU

/// Decides how a file's bytes are to be decoded.
///
/// Order (RELIABILITY.md b#7): a byte-order mark decides; else strict UTF-8,
/// which validates itself, wins when any non-ASCII line of the sample is valid
/// UTF-8 (so a mostly-UTF-8 file with a stray GBK line is read as UTF-8 and
/// only that line is rejected); else strict GB18030 and strict Big5 are tried
/// on the sample; a sample whose non-ASCII lines decode in none of them is
/// ASCII with damaged lines, read as UTF-8 so that only those lines are
/// rejected. Big5 text nearly always also decodes as GB18030 (as
/// mojibake), so when both succeed the one whose characters are common
/// Chinese characters wins; ICU's statistical detector only breaks ties, and
/// never on short input, where it is unreliable.
enum EncodingDetector {
  /// The outcome: an encoding and how many BOM bytes to skip, or a reason to reject the file.
  enum Decision: Equatable {
    case decode(TextEncoding, bomLength: Int)
    case undecodable(String)
  }

  static func detect(sample: UnsafeBufferPointer<UInt8>, isPrefix: Bool, override: TextEncoding?) -> Decision {
    let n = sample.count
    if n >= 3, sample[0] == 0xEF, sample[1] == 0xBB, sample[2] == 0xBF { return .decode(.utf8, bomLength: 3) }
    if n >= 2, sample[0] == 0xFF, sample[1] == 0xFE { return .decode(.utf16LE, bomLength: 2) }
    if n >= 2, sample[0] == 0xFE, sample[1] == 0xFF { return .decode(.utf16BE, bomLength: 2) }
    if let override { return .decode(override, bomLength: 0) }
    // Judge complete lines only: a prefix may cut a character in half, and a
    // damaged last line (a truncated sequence at EOF) is that record's problem, not the file's.
    var end = n
    if let nl = (0..<n).last(where: { sample[$0] == 0x0A }) { end = nl + 1 }
    let body = UnsafeBufferPointer(rebasing: sample[0..<end])
    guard let utf8Failure = UTF8Validator.validate(body) else { return .decode(.utf8, bomLength: 0) }
    if isPrefix, end == n, utf8Failure.truncated, utf8Failure.offset >= n - 3 { return .decode(.utf8, bomLength: 0) }
    if anyNonASCIILine(body, where: { UTF8Validator.validate($0) == nil }) { return .decode(.utf8, bomLength: 0) }
    var candidates: [(TextEncoding, String)] = []
    var failures: [String] = ["UTF-8 (first invalid byte at \(utf8Failure.offset))"]
    let legacy = [TextEncoding.gb18030, .big5].compactMap { encoding in LegacyDecoder(encoding).map { (encoding, $0) } }
    for (encoding, decoder) in legacy {
      do {
        let text = try decoder.decode(body)
        if hasPrivateUse(text) {
          failures.append("\(encoding.rawValue) (gives private-use characters)")
          continue
        }
        candidates.append((encoding, text))
      } catch {
        failures.append("\(encoding.rawValue) (first invalid byte at \(error.offset))")
      }
    }
    if candidates.isEmpty {
      // A non-ASCII line that decodes as GB18030 or Big5 on its own: text in
      // that encoding with damage somewhere, rejected whole. Otherwise ASCII
      // with damaged lines, not text in some encoding: read it as UTF-8 so
      // that only the damaged lines are rejected (each with its byte).
      let legacyLine = anyNonASCIILine(body, where: { line in
        legacy.contains { (try? $0.1.decode(line)).map { !hasPrivateUse($0) } ?? false }
      })
      if !legacyLine { return .decode(.utf8, bomLength: 0) }
      return .undecodable("not valid in any supported encoding: " + failures.joined(separator: ", ")
        + "; use --encoding to force one")
    }
    if candidates.count == 1 { return .decode(candidates[0].0, bomLength: 0) }
    let scores = candidates.map { commonCharacterShare($0.1) }
    if abs(scores[0] - scores[1]) > 0.1 {
      return .decode(scores[0] >= scores[1] ? candidates[0].0 : candidates[1].0, bomLength: 0)
    }
    if body.count >= 300, let advice = detectorAdvice(body), advice.confidence >= 30 {
      if advice.name.lowercased().hasPrefix("big5") { return .decode(.big5, bomLength: 0) }
    }
    return .decode(.gb18030, bomLength: 0)
  }

  /// Whether some line of `bytes` that holds non-ASCII bytes passes `test`.
  private static func anyNonASCIILine(_ bytes: UnsafeBufferPointer<UInt8>,
                                      where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      let line = UnsafeBufferPointer(rebasing: bytes[start..<i])
      start = i + 1
      if UTF8Validator.hasNonASCII(line), test(line) { return true }
    }
    return false
  }

  /// Whether text holds Private Use Area characters: what a converter maps
  /// bytes of the wrong encoding to, not text.
  private static func hasPrivateUse(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) }
  }

  /// The share of Han characters in `text` that are among the most common Chinese characters (either script).
  static func commonCharacterShare(_ text: String) -> Double {
    var han = 0
    var common = 0
    for c in text.unicodeScalars where c.value >= 0x3400 && c.value <= 0x9FFF {
      han += 1
      if commonCharacters.contains(c) { common += 1 }
    }
    return han == 0 ? 0 : Double(common) / Double(han)
  }

  private static let commonCharacters: Set<Unicode.Scalar> = Set(
    ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家"
     + "电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反"
     + "明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果料象员位入常文总次品式活设及管特件长求头基资边流"
     + "路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶"
     + "油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报完类八离华名确才科张信马节话米整空元况"
     + "今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往"
     + "历市克何除消构府称准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
     + "环境污染噪臭味废排督察镇乡村河湖猪场企司限责举群众核实属整改销号处罚治理"
     + "這個們來為會對時說後過發現關業場處理報告檢查鎮鄉環境問題單位縣區與於進還實際將從當條動頭氣廢噪聲養豬執監督組織調應設計")
      .unicodeScalars)

  private static func detectorAdvice(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, confidence: Int)? {
    var status: cicu_status = CICU_ZERO_ERROR
    guard let detector = cicu_ucsdet_open(&status), cicu_failure(status) == 0 else { return nil }
    defer { cicu_ucsdet_close(detector) }
    guard let base = bytes.baseAddress else { return nil }
    let length = Int32(min(bytes.count, 1 << 20))
    return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: Int(length)) { p in
      cicu_ucsdet_setText(detector, p, length, &status)
      var name = [CChar](repeating: 0, count: 64)
      let confidence = cicu_ucsdet_detect(detector, &name, 64, &status)
      guard confidence >= 0, cicu_failure(status) == 0 else { return nil }
      let bytes = name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
      return (String(decoding: bytes, as: UTF8.self), Int(confidence))
    }
  }
}
