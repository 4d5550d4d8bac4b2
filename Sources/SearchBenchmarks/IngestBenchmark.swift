import Ingest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `SearchBenchmarks ingest`: parsing and decoding throughput of each input format, without analysis.
///
/// Builds inputs from the sample corpus (records repeated with fresh ids): JSON
/// Lines, the CSV case table, Markdown/text briefings (one file each) and the
/// GB18030 JSON Lines file; then times `DocumentSource.read` over each and
/// prints MB/s (best of three runs). `--jsonl FILE` adds a CorpusGenerator file.
///
///     swift run -c release SearchBenchmarks ingest [--corpus corpus] [--mb 100] [--jsonl /tmp/corpus-100k.jsonl]
enum IngestBenchmark {
  static func run(_ arguments: [String]) {
    var corpus = "corpus"
    var megabytes = 100
    var extra: String? = nil
    var it = arguments.makeIterator()
    while let flag = it.next() {
      switch flag {
      case "--corpus": corpus = it.next() ?? corpus
      case "--mb": megabytes = Int(it.next() ?? "") ?? megabytes
      case "--jsonl": extra = it.next()
      default: break
      }
    }
    var template = Array("/tmp/ingest-bench-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { p -> Bool in
      guard let base = p.baseAddress else { return false }
      return mkdtemp(base) != nil
    }
    guard made else {
      print("cannot create a temporary folder")
      return
    }
    let dir = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { removeTree(dir) }
    let target = megabytes << 20
    print("Ingest throughput (parse + decode, no analysis), inputs built from \(corpus)/, ~\(megabytes) MB each")
    let jsonlSources = ["petitions-2018", "petitions-2020", "petitions-2021", "petitions-2022"].map { "\(corpus)/petitions/\($0).jsonl" }
      + ["\(corpus)/rectifications/rectifications.jsonl"]
    measure("JSON Lines (UTF-8)", path: repeatLines(jsonlSources, to: "\(dir)/bench.jsonl", target: target))
    measure("JSON Lines (GB18030)", path: repeatLines(["\(corpus)/legacy/petitions-2019-gb18030.jsonl"], to: "\(dir)/bench-gb.jsonl", target: target))
    measure("CSV case table", path: repeatLines(["\(corpus)/cases/2020-交办信访件办理情况.csv"], to: "\(dir)/bench.csv", target: target / 2, keepHeader: true))
    measure("Markdown/text (1 file per doc)", path: copyBriefings(from: "\(corpus)/briefings", to: "\(dir)/briefings", target: target / 5))
    if let extra { measure("JSON Lines (CorpusGenerator)", path: extra) }
  }

  private static func measure(_ label: String, path: String?) {
    guard let path else {
      print("  \(label): input missing")
      return
    }
    var bytes = 0
    let size = totalSize(path)
    var counts = IngestCounts()
    var seconds = Double.infinity
    var cpuSeconds = Double.infinity
    // Best of three: the machine is shared, the fastest run is the least disturbed. CPU time
    // (this process) is printed too, as it depends less on other load.
    for _ in 0..<3 {
      let start = now()
      let cpuStart = now(CLOCK_PROCESS_CPUTIME_ID)
      do {
        counts = try DocumentSource(paths: [path]).read(onDocument: { document, _ in bytes &+= document.body.utf8.count }, onIssue: { _ in })
      } catch {
        print("  \(label): \(error)")
        return
      }
      seconds = min(seconds, now() - start)
      cpuSeconds = min(cpuSeconds, now(CLOCK_PROCESS_CPUTIME_ID) - cpuStart)
    }
    let mb = Double(size) / 1_048_576
    print("  \(label): \(format1(mb)) MB, \(counts.documents) docs, \(counts.rejected) rejected, "
      + "\(format1(seconds)) s, \(format1(mb / seconds)) MB/s (CPU time: \(format1(mb / cpuSeconds)) MB/s)")
  }

  private static func repeatLines(_ sources: [String], to output: String, target: Int, keepHeader: Bool = false) -> String? {
    var lines: [[UInt8]] = []
    var header: [UInt8]? = nil
    for source in sources {
      guard let data = readFile(source) else { return nil }
      var all = data.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
      if keepHeader, !all.isEmpty {
        header = all.removeFirst()
      }
      lines += all
    }
    guard !lines.isEmpty, let fd = openWrite(output) else { return nil }
    defer { close(fd) }
    var out: [UInt8] = header.map { $0 + [0x0A] } ?? []
    var total = 0
    var round = 0
    while total < target {
      round += 1
      for line in lines {
        // Give every copy a fresh id: the id is the first string value of the record (or the first CSV field).
        let prefix = Array("r\(round)-".utf8)
        if let quote = keepHeader ? -1 : idValueStart(line) {
          let at = keepHeader ? 0 : quote
          out += line[..<at] + prefix + line[at...] + [0x0A]
        } else {
          out += line + [0x0A]
        }
      }
      total += writeAll(fd, out)
      out.removeAll(keepingCapacity: true)
    }
    return output
  }

  private static func idValueStart(_ line: [UInt8]) -> Int? {
    let key = Array("\"id\": \"".utf8)
    guard line.count > key.count + 1, Array(line[1..<(1 + key.count)]) == key else { return nil }
    return 1 + key.count
  }

  private static func copyBriefings(from folder: String, to output: String, target: Int) -> String? {
    guard mkdir(output, 0o755) == 0, let dir = opendir(folder) else { return nil }
    var files: [[UInt8]] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
      if name.hasSuffix(".md") || name.hasSuffix(".txt"), let data = readFile("\(folder)/\(name)") { files.append(data) }
    }
    closedir(dir)
    guard !files.isEmpty else { return nil }
    var total = 0
    var n = 0
    while total < target {
      for data in files {
        n += 1
        guard let fd = openWrite("\(output)/b\(n).\(n % 3 == 0 ? "txt" : "md")") else { return nil }
        total += writeAll(fd, data)
        close(fd)
      }
    }
    return output
  }

  // MARK: - Small POSIX helpers

  private static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n <= 0 { return result }
      result += chunk[0..<n]
    }
  }

  private static func openWrite(_ path: String) -> Int32? {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    return fd >= 0 ? fd : nil
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
      if n <= 0 { break }
      offset += n
    }
    return offset
  }

  private static func totalSize(_ path: String) -> Int {
    var s = stat()
    guard stat(path, &s) == 0 else { return 0 }
    if (s.st_mode & S_IFMT) != S_IFDIR { return Int(s.st_size) }
    guard let dir = opendir(path) else { return 0 }
    defer { closedir(dir) }
    var total = 0
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
      if name != ".", name != ".." { total += totalSize("\(path)/\(name)") }
    }
    return total
  }

  private static func removeTree(_ path: String) {
    var s = stat()
    guard lstat(path, &s) == 0 else { return }
    if (s.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) {
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        if name != ".", name != ".." { names.append(name) }
      }
      closedir(dir)
      for name in names { removeTree("\(path)/\(name)") }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  private static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  private static func format1(_ v: Double) -> String {
    let scaled = Int((v * 10).rounded())
    return "\(scaled / 10).\(abs(scaled % 10))"
  }
}
