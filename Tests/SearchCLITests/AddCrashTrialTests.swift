#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IndexStore
import Testing

/// RELIABILITY.md R1 through the command a batch job runs: `search index add`
/// of 5,000 documents with `--commit-every 500` onto an index of 2,000, killed
/// with SIGKILL at a random moment. Each "committed through FILE:LINE" line the
/// command printed before dying is an acknowledgement: the index must then
/// hold the 2,000 and exactly the acknowledged documents or the next 500
/// (never part of a commit), each with its exact stored text, check clean,
/// and take the next `index add` at once, which leaves no file of the killed
/// one behind. `CLI_CRASH_TRIALS` sets the number of trials (30), `SEED` the
/// kill moments.
@Suite struct AddCrashTrialTests {
  let baseCount = 2000
  let addedCount = 5000
  let commitEvery = 500

  let sentences = [
    "益阳市生态环境局对赫山区某养殖场开展现场检查，发现废水直排入河。",
    "督察组要求沅江市立即整改黑臭水体问题，并于月底前报送整改情况。",
    "群众来信反映桃江县某石材厂粉尘污染严重，夜间噪声扰民。",
    "安化县关停了三家违规采砂企业，恢复河道生态。",
    "南县污水处理厂提标改造工程已经完成，出水水质稳定达标。",
    "大通湖区加强湖泊水环境治理，总磷浓度明显下降。",
  ]

  /// The title and body of document `number` of a delivery.
  func text(_ prefix: String, _ number: Int) -> (title: String, body: String) {
    var body = ""
    for k in 0..<8 { body += sentences[(number * 7 + k * (number % 5 + 1)) % sentences.count] }
    return ("第\(number)号督察通报（\(prefix)）", body + "编号\(prefix)\(number)。")
  }

  func jsonLines(_ prefix: String, _ count: Int) -> String {
    (0..<count).map { number in
      let (title, body) = text(prefix, number)
      return #"{"id":"\#(prefix)\#(number)","type":"briefing","title":"\#(title)","body":"\#(body)"}"#
    }.joined(separator: "\n") + "\n"
  }

  /// The documents an index must hold after `added` documents of the delivery: id → (title, body).
  func expected(added: Int) -> [String: [String]] {
    var documents: [String: [String]] = [:]
    for number in 0..<baseCount { let t = text("b", number); documents["b\(number)"] = [t.title, t.body] }
    for number in 0..<added { let t = text("n", number); documents["n\(number)"] = [t.title, t.body] }
    return documents
  }

  func documents(in index: String) throws -> [String: [String]] {
    var found: [String: [String]] = [:]
    try IndexReader.open(path: index).forEachDocument { found[$0.id] = [$0.title, $0.body] }
    return found
  }

  /// Runs `search` with `arguments` in `directory`, SIGKILLs it after `killAfter` µs unless it ended first;
  /// returns its stderr and whether it ended by itself.
  func runKilled(_ arguments: [String], in directory: URL, killAfter: Int) throws -> (stderr: String, finished: Bool) {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    usleep(useconds_t(killAfter))
    let finished = !process.isRunning
    if !finished { kill(process.processIdentifier, SIGKILL) }
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), finished)
  }

  /// How many documents of the delivery the command acknowledged: the line of its last "committed through" line.
  func acknowledged(_ stderr: String) -> Int {
    stderr.split(separator: "\n").compactMap { line -> Int? in
      guard line.hasPrefix("committed through new.jsonl:"),
            let number = line.dropFirst("committed through new.jsonl:".count).split(separator: " ").first
      else { return nil }
      return Int(number)
    }.max() ?? 0
  }

  @Test func killedIndexAddKeepsEveryAcknowledgedCommitAndNoPartOfAnother() throws {
    let trials = Int(ProcessInfo.processInfo.environment["CLI_CRASH_TRIALS"] ?? "") ?? 30
    let seed = UInt64(ProcessInfo.processInfo.environment["SEED"] ?? "") ?? 1_130
    print("AddCrashTrialTests seed \(seed) (reproduce with SEED=\(seed)), \(trials) trials")
    var generator = SplitMix(seed: seed)
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("base.jsonl", jsonLines("b", baseCount))
    try workspace.write("new.jsonl", jsonLines("n", addedCount))
    try workspace.write("one.jsonl", #"{"id":"after","title":"崩溃之后","body":"下一批照常写入。"}"# + "\n")
    let built = try CLI.run(["index", "build", "base.jsonl", "--index", "base"], in: workspace.url)
    try #require(built.status == 0, "\(built.stderr)")
    let manager = FileManager.default
    let base = workspace.url.appendingPathComponent("base")
    let add = ["index", "add", "new.jsonl", "--commit-every", "\(commitEvery)"]

    // An uninterrupted run: ten acknowledged commits, every document in, and its length in time.
    let calibration = workspace.url.appendingPathComponent("calibrate")
    try manager.copyItem(at: base, to: calibration)
    let start = Date()
    let timed = try CLI.run(add + ["--index", "calibrate"], in: workspace.url)
    let runMicroseconds = max(100_000, Int(Date().timeIntervalSince(start) * 1e6))
    #expect(timed.status == 0, "\(timed.stderr)")
    #expect(acknowledged(timed.stderr) == addedCount, "\(timed.stderr)")
    #expect(try documents(in: calibration.path) == expected(added: addedCount))

    var outcomes: [Int: Int] = [:]
    for trial in 0..<trials {
      let name = "trial\(trial)"
      let index = workspace.url.appendingPathComponent(name)
      try manager.copyItem(at: base, to: index)
      defer { try? manager.removeItem(at: index) }
      let killAfter = Int(generator.next() % UInt64(runMicroseconds))
      let (stderr, finished) = try runKilled(add + ["--index", name], in: workspace.url, killAfter: killAfter)
      let acked = acknowledged(stderr)
      outcomes[acked, default: 0] += 1
      let found = try documents(in: index.path)
      let next = min(addedCount, acked + commitEvery)
      let matches = found == expected(added: acked) || found == expected(added: next)
      #expect(matches, """
        trial \(trial) (seed \(seed), killed after \(killAfter) µs, finished \(finished)): \
        \(found.count) documents, acknowledged \(acked) of the delivery
        """)
      let check = try CLI.run(["index", "check", "--index", name], in: workspace.url)
      #expect(check.status == 0, "trial \(trial): \(check.stdout) \(check.stderr)")

      // The next batch gets the lock at once and collects the killed one's files.
      let again = try CLI.run(["index", "add", "one.jsonl", "--index", name], in: workspace.url)
      #expect(again.status == 0, "trial \(trial): \(again.stderr)")
      let stats = try IndexReader.open(path: index.path).stats()
      #expect(stats.documents == found.count + 1, "trial \(trial)")
      let names = try manager.contentsOfDirectory(atPath: index.path).filter { $0 != "write.lock" }
      let onDisk = try names.reduce(0) { total, file in
        total + ((try manager.attributesOfItem(atPath: index.path + "/" + file)[.size] as? Int) ?? 0)
      }
      #expect(onDisk == stats.totalBytes, "trial \(trial): files the commit does not list: \(names.sorted())")
    }
    print("AddCrashTrialTests: documents acknowledged at the kill → trials: \(outcomes.sorted { $0.key < $1.key })")
  }
}

/// A small seeded generator (SplitMix64) for the kill moments.
struct SplitMix {
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
