#if canImport(Glibc)
import Glibc
#endif
import IndexStore
import Ingest
import QueryEngine
import TextAnalysis

/// libFuzzer entry point for the segment readers: the input's bytes are laid
/// over one file of a small real index (which file and where come from the
/// input's first bytes), the file's footer checksum is recomputed so that the
/// change gets past the frame check into the structures behind it, and the
/// index is then opened, searched and checked. Any outcome but a trap is
/// fine: an error, a refusal, different hits.
private let pristine = makeIndex()

/// The index's files, written once per process.
private func makeIndex() -> (path: String, files: [(name: String, bytes: [UInt8])])? {
  var template = Array("/tmp/index-fuzz-XXXXXX".utf8CString)
  let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
    guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
    return String(cString: base)
  }
  guard let root = made else { return nil }
  let path = root + "/index"
  do {
    let writer = try IndexWriter(path: path, analyzer: Analyzer())
    let titles = ["兴旺养猪场臭味扰民", "码头夜间噪声", "關於環境保護整改", "金源造纸偷排废水", "黑臭水体治理"]
    for i in 0..<300 {
      let title = titles[i % titles.count]
      try writer.add(Document(id: "D\(i)", type: i % 3 == 0 ? "petition" : "briefing", title: title,
                              date: Day(year: 2019 + i % 5, month: 1 + i % 12, day: 1 + i % 28),
                              region: i % 2 == 0 ? "赫山区" : "资阳区", category: i % 4 == 0 ? "水" : "大气",
                              body: "\(title)，第\(i)次反映，ＣＯＤ超标\(i % 7)倍，群众要求整改。"))
      if i == 150 { try writer.commit() }
    }
    try writer.delete(id: "D7")
    try writer.commit()
    writer.close()
    var files: [(String, [UInt8])] = []
    for name in try listFiles(path).sorted() where name != "write.lock" {
      files.append((name, try readFile(path + "/" + name)))
    }
    return (path, files)
  } catch {
    return nil
  }
}

/// The queries each damaged index is searched with, parsed once.
private let probeRequests: [SearchRequest] = ["臭味", "噪声 扬尘", "\"黑臭水体\" type:petition", "+整改 -码头",
                                              "region:赫山区 date:2020"].compactMap { text in
  guard let query = try? QueryParser().parse(text) else { return nil }
  var request = SearchRequest(query: query)
  request.facets = text.count % 2 == 0
  request.explain = true
  return request
}

@_cdecl("LLVMFuzzerTestOneInput")
public func indexFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let pristine, size >= 3, !pristine.files.isEmpty else { return 0 }
  let input = UnsafeBufferPointer(start: data, count: size)
  let (name, original) = pristine.files[Int(input[0]) % pristine.files.count]
  var bytes = original
  // Where the input's bytes go: anywhere in the file but its 16-byte footer.
  let room = max(1, bytes.count - 16)
  let at = (Int(input[1]) << 8 | Int(input[2])) * 7 % room
  for (offset, byte) in input.dropFirst(3).enumerated() where at + offset < room { bytes[at + offset] = byte }
  reseal(&bytes)
  do {
    try writeFile(pristine.path + "/" + name, bytes)
    defer { try? writeFile(pristine.path + "/" + name, original) }
    if let reader = try? IndexReader.open(path: pristine.path) {
      var searcher = Searcher(reader: reader)
      searcher.threads = 1
      for request in probeRequests { _ = try? searcher.search(request) }
    }
    _ = IndexChecker.check(path: pristine.path)
  } catch {
    return 0
  }
  return 0
}

/// Recomputes the footer's CRC-32 (zlib's) over every byte before it.
private func reseal(_ bytes: inout [UInt8]) {
  guard bytes.count >= 4 else { return }
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes[..<(bytes.count - 4)] {
    crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
  }
  crc ^= 0xFFFF_FFFF
  for i in 0..<4 { bytes[bytes.count - 4 + i] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i))) }
}

private let crcTable: [UInt32] = (0..<256).map { n in
  var c = UInt32(n)
  for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
  return c
}

private func listFiles(_ path: String) throws -> [String] {
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    if name != "." && name != ".." { names.append(name) }
  }
  return names
}

private struct FileError: Error {}

private func readFile(_ path: String) throws -> [UInt8] {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { throw FileError() }
  defer { close(fd) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { break }
    bytes += buffer[..<count]
  }
  return bytes
}

private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
  // A new file each time: the reader of the last round may still map the old one.
  unlink(path)
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard fd >= 0 else { throw FileError() }
  defer { close(fd) }
  _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}
