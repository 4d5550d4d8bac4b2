#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexStore
import Ingest
import Testing
import TextAnalysis

/// A child process indexing batches is killed with SIGKILL at random moments;
/// the index must hold exactly the last acknowledged commit or the next one.
///
/// The child is the `IndexCrashWorker` executable of this package. It is
/// looked up next to the test bundle (the directory of /proc/self/exe, which
/// is the build products directory `swift test` uses), then under
/// `.build/debug/` relative to this source file. `swift test` builds it with
/// the other targets; run `swift build --product IndexCrashWorker` if it is
/// missing. `CRASH_TRIALS=200` runs more trials (default 30).
@Suite struct CrashTrialTests {
  static let batches = 8

  /// Mirrors IndexCrashWorker's `document(batch:index:version:)` exactly.
  static let sentences = [
    "益阳市生态环境局对赫山区某养殖场开展现场检查，发现废水直排入河。",
    "督察组要求沅江市立即整改黑臭水体问题，并于月底前报送整改情况。",
    "群众来信反映桃江县某石材厂粉尘污染严重，夜间噪声扰民。",
    "安化县关停了三家违规采砂企业，恢复河道生态。",
    "南县污水处理厂提标改造工程已经完成，出水水质稳定达标。",
    "大通湖区加强湖泊水环境治理，总磷浓度明显下降。",
  ]

  static func document(batch: Int, index: Int, version: Int) -> Document {
    let body = sentences[(batch * 31 + index * 7 + version) % sentences.count] + "批次\(batch)版本\(version)"
    return Document(id: "b\(batch)-\(index)", type: "briefing", title: "第\(batch)批督察通报",
                    date: Day(year: 2021, month: 1 + batch % 12, day: 1 + index), region: "赫山区", unit: "单位\(index)",
                    category: "水", body: body, extra: [ExtraField(name: "batch", json: "\(batch)")])
  }

  /// The documents after `k` committed batches.
  static func expectedDocuments(after k: Int) -> [String: Document] {
    var documents: [String: Document] = [:]
    guard k >= 1 else { return documents }
    for batch in 1...k {
      for i in 0..<10 { documents["b\(batch)-\(i)"] = document(batch: batch, index: i, version: 0) }
      if batch > 1 { documents["b\(batch - 1)-0"] = document(batch: batch - 1, index: 0, version: batch) }
      if batch > 2 { documents["b\(batch - 2)-1"] = nil }
    }
    return documents
  }

  static func workerPath() -> String? {
    var candidates: [String] = []
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 {
      let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      var directory = exe.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      if directory.last?.hasSuffix(".xctest") == true { directory = directory.dropLast() }  // bundle layout
      candidates.append(directory.joined(separator: "/") + "/IndexCrashWorker")
    }
    let source = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    candidates.append(source + "/.build/debug/IndexCrashWorker")
    return candidates.first { access($0, X_OK) == 0 }
  }

  /// Starts the worker; returns its pid and the read end of its stdout.
  static func spawn(_ worker: String, _ index: String, environment: [String] = []) -> (pid_t, Int32)? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    let arguments = [worker, index, String(batches)]
    var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var inherited: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if !text.hasPrefix("CRASH_AT=") { inherited.append(text) }
      entry += 1
    }
    var cEnvironment: [UnsafeMutablePointer<CChar>?] = (inherited + environment).map { strdup($0) } + [nil]
    defer { for pointer in cEnvironment { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, worker, &actions, nil, &cArguments, &cEnvironment)
    close(fds[1])
    guard status == 0 else {
      close(fds[0])
      return nil
    }
    return (pid, fds[0])
  }

  static func readAll(_ fd: Int32) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = read(fd, &buffer, buffer.count)
      if n <= 0 { break }
      bytes += buffer[0..<n]
    }
    close(fd)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func killedWritersLoseNothingCommittedAndLeaveNoHalfCommit() throws {
    guard let worker = CrashTrialTests.workerPath() else {
      Issue.record("IndexCrashWorker not found; run `swift build --product IndexCrashWorker`")
      return
    }
    let trials = environmentInt("CRASH_TRIALS", 30)
    let seed = testSeed(4242)
    print("CrashTrialTests seed \(seed) (reproduce with SEED=\(seed)), \(trials) trials, worker \(worker)")
    var rng = SeededGenerator(seed: seed)
    // Calibrate: how long does an uninterrupted run take (the second of two runs, caches warm)?
    var runMicroseconds = 1000
    for round in 0..<2 {
      let calibration = makeTemporaryDirectory("crash-calibrate")
      defer { removeTree(calibration) }
      var start = timespec()
      clock_gettime(CLOCK_MONOTONIC, &start)
      if let (pid, fd) = CrashTrialTests.spawn(worker, calibration + "/index") {
        let output = CrashTrialTests.readAll(fd)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(output.contains("ACK \(CrashTrialTests.batches)"), "worker output: \(output)")
      }
      var end = timespec()
      clock_gettime(CLOCK_MONOTONIC, &end)
      if round == 1 { runMicroseconds = max(1000, (end.tv_sec - start.tv_sec) * 1_000_000 + (end.tv_nsec - start.tv_nsec) / 1000) }
    }

    var outcomes: [Int: Int] = [:]
    for trial in 0..<trials {
      let directory = makeTemporaryDirectory("crash")
      defer { removeTree(directory) }
      let index = directory + "/index"
      guard let (pid, fd) = CrashTrialTests.spawn(worker, index) else {
        Issue.record("could not start \(worker)")
        return
      }
      usleep(useconds_t(Int.random(in: 0..<runMicroseconds, using: &rng)))
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      let acked = CrashTrialTests.readAll(fd).split(separator: "\n").compactMap { line -> Int? in
        line.hasPrefix("ACK ") ? Int(line.dropFirst(4)) : nil
      }.max() ?? 0
      outcomes[acked, default: 0] += 1
      guard let reader = try? IndexReader.open(path: index) else {
        #expect(acked == 0, "trial \(trial): no readable commit after \(acked) acknowledged (seed \(seed))")
        continue
      }
      let report = IndexChecker.check(path: index)
      #expect(report.isClean, "trial \(trial) seed \(seed): \(report)")
      var found: [String: Document] = [:]
      try reader.forEachDocument { found[$0.id] = $0 }
      let matchesAcked = found == CrashTrialTests.expectedDocuments(after: acked)
      let matchesNext = found == CrashTrialTests.expectedDocuments(after: acked + 1)
      #expect(matchesAcked || matchesNext,
              "trial \(trial) seed \(seed): \(found.count) documents, acked \(acked), generation \(reader.generation)")
      // A new writer can take over the crashed one's index and commit.
      let writer = try IndexWriter(path: index, analyzer: Analyzer())
      try writer.add(Document(id: "after-crash", body: "崩溃后继续写入。"))
      try writer.commit()
      writer.close()
      #expect(IndexChecker.check(path: index).isClean)
    }
    print("CrashTrialTests: acknowledged batches at kill → trials: \(outcomes.sorted { $0.key < $1.key })")
  }

  #if DEBUG
  /// RELIABILITY.md R1's deterministic variant: the worker ends itself with
  /// `_exit(137)` at each named step of a commit in turn (CRASH_AT=STEP:N),
  /// ten times per step (`CRASH_REPETITIONS`), each time at another of the
  /// step's occurrences in the run. A crash before the manifest's rename
  /// must leave exactly the last acknowledged commit; at the rename or after,
  /// exactly the commit it was writing. Either way the index checks clean,
  /// and the next writer takes the lock, commits, and leaves no file of the
  /// crashed one behind.
  @Test func crashesAtEveryCommitStepLeaveTheCommitBeforeOrAfterTheRename() throws {
    guard let worker = CrashTrialTests.workerPath() else {
      Issue.record("IndexCrashWorker not found; run `swift build --product IndexCrashWorker`")
      return
    }
    // How often an uninterrupted run reaches each step.
    let full = makeTemporaryDirectory("crash-steps")
    defer { removeTree(full) }
    guard let (fullPID, fullFD) = CrashTrialTests.spawn(worker, full + "/index") else {
      Issue.record("could not start \(worker)")
      return
    }
    let fullOutput = CrashTrialTests.readAll(fullFD)
    var fullStatus: Int32 = 0
    waitpid(fullPID, &fullStatus, 0)
    var occurrences: [CommitStep: Int] = [:]
    for line in fullOutput.split(separator: "\n") where line.hasPrefix("STEPS ") {
      for field in line.dropFirst(6).split(separator: " ") {
        let parts = field.split(separator: "=")
        if parts.count == 2, let step = CommitStep(rawValue: String(parts[0])), let count = Int(parts[1]) {
          occurrences[step] = count
        }
      }
    }
    let repetitions = environmentInt("CRASH_REPETITIONS", 10)
    var runs = 0
    for step in CommitStep.allCases {
      let count = occurrences[step] ?? 0
      #expect(count > 0, "an uninterrupted run never reached \(step.rawValue): \(fullOutput)")
      guard count > 0 else { continue }
      for repetition in 0..<repetitions {
        let occurrence = 1 + repetition % count
        let trial = "CRASH_AT=\(step.rawValue):\(occurrence)"
        let directory = makeTemporaryDirectory("crash-at")
        defer { removeTree(directory) }
        let index = directory + "/index"
        guard let (pid, fd) = CrashTrialTests.spawn(worker, index, environment: [trial]) else {
          Issue.record("could not start \(worker)")
          return
        }
        let output = CrashTrialTests.readAll(fd)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        runs += 1
        let exited = status & 0x7f == 0
        #expect(exited && (status >> 8) & 0xff == 137, "\(trial): the worker did not crash (status \(status)): \(output)")
        let acked = output.split(separator: "\n").compactMap { line -> Int? in
          line.hasPrefix("ACK ") ? Int(line.dropFirst(4)) : nil
        }.max() ?? 0
        let expected = step.publishes ? acked + 1 : acked
        guard let reader = try? IndexReader.open(path: index) else {
          #expect(expected == 0, "\(trial): no readable commit, expected commit \(expected)")
          continue
        }
        #expect(reader.generation == expected, "\(trial): generation \(reader.generation), expected \(expected)")
        var found: [String: Document] = [:]
        try reader.forEachDocument { found[$0.id] = $0 }
        let matches = found == CrashTrialTests.expectedDocuments(after: expected)
        #expect(matches, "\(trial): \(found.count) documents, not those of commit \(expected)")
        let report = IndexChecker.check(path: index)
        #expect(report.isClean, "\(trial): \(report)")

        // The next writer takes over, commits, and collects the crashed one's files.
        let writer = try IndexWriter(path: index, analyzer: Analyzer())
        try writer.add(Document(id: "after-crash", body: "崩溃后继续写入。"))
        let info = try writer.commit()
        writer.close()
        #expect(info.generation == expected + 1 && info.documentCount == found.count + 1, "\(trial): \(info)")
        let stats = try IndexReader.open(path: index).stats()
        let onDisk = listDirectory(index).filter { $0 != "write.lock" }.reduce(0) { total, name in
          var info = stat()
          return total + (stat(index + "/" + name, &info) == 0 ? Int(info.st_size) : 0)
        }
        #expect(onDisk == stats.totalBytes,
                "\(trial): files left that the commit does not list: \(listDirectory(index).sorted())")
      }
    }
    print("CrashTrialTests: \(runs) crashes at named steps, occurrences per uninterrupted run \(occurrences.sorted { $0.key.rawValue < $1.key.rawValue })")
  }
  #endif
}
