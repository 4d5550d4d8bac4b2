#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexStore
import Ingest
import Testing
import TextAnalysis

/// SplitMix64: a small seeded generator, so every random test can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The seed of a random test: `SEED` from the environment, else the given default.
func testSeed(_ fallback: UInt64) -> UInt64 {
  if let text = getenv("SEED").map({ String(cString: $0) }), let seed = UInt64(text) { return seed }
  return fallback
}

func environmentInt(_ name: String, _ fallback: Int) -> Int {
  guard let text = getenv(name).map({ String(cString: $0) }), let value = Int(text) else { return fallback }
  return value
}

/// A fresh temporary directory, removed by `removeTree`.
func makeTemporaryDirectory(_ label: String = "index") -> String {
  var template = Array("/tmp/IndexStoreTests-\(label)-XXXXXX".utf8CString)
  let path = template.withUnsafeMutableBufferPointer { buffer -> String in
    guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return "/tmp/IndexStoreTests-\(label)-\(getpid())" }
    return String(cString: base)
  }
  mkdir(path, 0o755)
  return path
}

func removeTree(_ path: String) {
  for name in listDirectory(path) {
    let full = path + "/" + name
    var info = stat()
    if lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { removeTree(full) } else { unlink(full) }
  }
  rmdir(path)
}

func listDirectory(_ path: String) -> [String] {
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    if name != "." && name != ".." { names.append(name) }
  }
  return names.sorted()
}

func readFile(_ path: String) -> [UInt8] {
  guard let file = fopen(path, "rb") else { return [] }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&buffer, 1, buffer.count, file)
    if n <= 0 { break }
    bytes += buffer[0..<n]
  }
  return bytes
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
  guard let file = fopen(path, "wb") else { return }
  _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
  fclose(file)
}

func copyDirectory(_ from: String, _ to: String) {
  mkdir(to, 0o755)
  for name in listDirectory(from) { writeFile(to + "/" + name, readFile(from + "/" + name)) }
}

/// Real Chinese sentences of environmental-inspection documents.
enum ChineseCorpus {
  static let sentences = [
    "益阳市生态环境局对赫山区某养殖场开展现场检查，发现废水未经处理直排入河。",
    "督察组要求沅江市立即整改黑臭水体问题，并于月底前报送整改情况。",
    "群众来信反映桃江县某石材厂粉尘污染严重，夜间生产噪声扰民。",
    "安化县依法关停了三家违规采砂企业，河道生态逐步恢复。",
    "南县污水处理厂提标改造工程已经完成，出水水质稳定达到一级A标准。",
    "大通湖区加强湖泊水环境综合治理，总磷浓度同比下降百分之十二。",
    "资阳区餐饮油烟扰民问题突出，执法人员责令商户安装油烟净化设施。",
    "中央生态环境保护督察反馈意见指出，部分工业园区环境基础设施建设滞后。",
    "信访人反映某化工企业偷排有毒废气，经现场核查情况部分属实。",
    "整改方案明确了责任单位、整改时限和验收标准，实行销号管理。",
    "洞庭湖区域非法矮围已全部拆除，湿地面积得到有效保护。",
    "城区建筑工地扬尘管控不到位，已下达限期整改通知书。",
    "农村生活垃圾收运体系覆盖率达到百分之九十五以上。",
    "畜禽养殖污染专项整治行动共清理退出养殖场一百二十家。",
    "饮用水水源地保护区内的违法建筑已经依法拆除。",
    "PM2.5年均浓度为38微克每立方米，空气质量优良天数比例持续提高。",
    "某造纸厂COD排放超标2.3倍，环保部门依法处以罚款并责令停产整治。",
    "固体废物堆场未采取防渗措施，存在土壤和地下水污染风险。",
    "河长制工作全面推行，各级河长累计巡河三千余次。",
    "督察期间共受理群众举报四百余件，办结率百分之百。",
  ]
  static let titles = ["关于赫山区养殖污染问题的通报", "沅江市黑臭水体整改进展", "桃江县石材行业整治情况",
                       "群众信访件办理结果公示", "中央环保督察反馈问题整改方案", "大通湖水环境治理工作报告"]
  static let regions = ["赫山区", "资阳区", "沅江市", "南县", "桃江县", "安化县", "大通湖区"]
  static let units = ["益阳市生态环境局", "某养殖场", "某石材厂", "南县污水处理厂", "某化工企业", "某造纸厂", "城区住建局"]
  static let categories = ["水", "大气", "噪声", "土壤", "固废"]
  static let types = ["briefing", "petition", "rectification"]

  static func document<G: RandomNumberGenerator>(id: String, using rng: inout G) -> Document {
    let sentenceCount = Int.random(in: 1...5, using: &rng)
    var body = ""
    for _ in 0..<sentenceCount { body += sentences[Int.random(in: 0..<sentences.count, using: &rng)] }
    let date = Bool.random(using: &rng) ? Day(year: Int.random(in: 2018...2023, using: &rng), month: Int.random(in: 1...12, using: &rng),
                                              day: Int.random(in: 1...28, using: &rng)) : nil
    var extra: [ExtraField] = []
    if Int.random(in: 0..<4, using: &rng) == 0 { extra.append(ExtraField(name: "source", json: "\"督察组\"")) }
    if Int.random(in: 0..<4, using: &rng) == 0 { extra.append(ExtraField(name: "score", json: "\(Int.random(in: 0..<100, using: &rng))")) }
    return Document(id: id, type: types.randomElement(using: &rng) ?? "briefing",
                    title: titles.randomElement(using: &rng) ?? "", date: date,
                    region: regions.randomElement(using: &rng) ?? "", unit: units.randomElement(using: &rng) ?? "",
                    category: categories.randomElement(using: &rng) ?? "", body: body, extra: extra)
  }

  static func documents(count: Int, seed: UInt64, prefix: String = "doc") -> [Document] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { document(id: "\(prefix)-\($0)", using: &rng) }
  }
}

/// One posting as the brute-force model sees it.
struct ModelPosting: Hashable {
  var id: String
  var positions: [UInt32]
}

/// The analyzed text of a field of a document, as the index must hold it.
func fieldTokens(_ document: Document, _ field: IndexedField, _ analyzer: Analyzer) -> [Token] {
  let text: String
  switch field {
  case .title, .titleBigrams: text = document.title
  case .unit, .unitBigrams: text = document.unit
  case .body, .bodyBigrams: text = document.body
  }
  let analysis = analyzer.analyze(text)
  return field.isBigrams ? analysis.bigrams : analysis.words
}

/// Brute force: term → postings of the live documents, per field.
func modelPostings(_ documents: [Document], _ field: IndexedField, _ analyzer: Analyzer) -> [String: Set<ModelPosting>] {
  var result: [String: Set<ModelPosting>] = [:]
  for document in documents {
    var positions: [String: [UInt32]] = [:]
    for token in fieldTokens(document, field, analyzer) { positions[token.text, default: []].append(UInt32(token.position)) }
    for (term, list) in positions { result[term, default: []].insert(ModelPosting(id: document.id, positions: list)) }
  }
  return result
}

/// What the index holds for a term: live postings with ids, over all segments.
func indexPostings(_ reader: IndexReader, _ field: IndexedField, _ term: String,
                   ids: [String: [UInt32: String]]? = nil) throws -> Set<ModelPosting> {
  var result: Set<ModelPosting> = []
  for segment in reader.segments {
    let known = ids?[segment.name]
    guard var postings = try segment.postings(field, term) else { continue }
    while postings.next() != PostingsIterator.exhausted {
      let doc = postings.doc
      let positions = postings.positions()
      guard segment.isLive(doc) else { continue }
      let id = try known?[doc] ?? segment.document(doc).id
      result.insert(ModelPosting(id: id, positions: positions))
    }
  }
  return result
}

/// segment name → doc → id, for the given ids (avoids decompressing stored blocks).
func idTable(_ reader: IndexReader, _ ids: some Sequence<String>) -> [String: [UInt32: String]] {
  var table: [String: [UInt32: String]] = [:]
  for id in ids {
    for segment in reader.segments {
      if let doc = segment.docID(forKey: id), segment.isLive(doc) { table[segment.name, default: [:]][doc] = id }
    }
  }
  return table
}

/// Positions of one term in one field of a document (empty if absent).
func termPositions(_ document: Document, _ field: IndexedField, _ term: String, _ analyzer: Analyzer) -> [UInt32] {
  fieldTokens(document, field, analyzer).filter { $0.text == term }.map { UInt32($0.position) }
}

/// Moves a fresh iterator over `term` in `field` with `advance(to:)` to
/// ascending random targets, 20 times, and checks each answer against
/// `expected` (the term's documents, ascending) and the positions against
/// the frequency.
func expectAdvanceFindsExpectedDocuments(_ segment: SegmentReader, _ field: IndexedField, _ term: String,
                                         expected: [UInt32], seed: UInt64) throws {
  var rng = SeededGenerator(seed: seed)
  for trial in 0..<20 {
    var postings = try #require(try segment.postings(field, term))
    var target: UInt32 = 0
    while true {
      target += UInt32.random(in: 1...(trial % 2 == 0 ? 40 : 400), using: &rng)
      let got = postings.advance(to: target)
      let want = expected.first { $0 >= target } ?? PostingsIterator.exhausted
      #expect(got == want, "advance(to: \(target))")
      if got == PostingsIterator.exhausted { break }
      if Bool.random(using: &rng) { #expect(postings.positions().count == Int(postings.termFrequency)) }
      target = got
    }
  }
}

/// CRC-32 (zlib's polynomial) of `bytes`.
func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

/// Gives a segment file's bytes a correct checksum again after damaging
/// them (the footer's last four bytes), so that only the decoders stand
/// between the damage and a reader.
func resealChecksum(_ bytes: inout [UInt8]) {
  let crc = crc32(bytes[0..<(bytes.count - 4)])
  for k in 0..<4 { bytes[bytes.count - 4 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
}
