import Foundation
import Testing

/// RELIABILITY.md R5: two batches started on one index at the same moment.
/// Exactly one runs; the other exits 1 within a second, naming the process
/// that holds the lock (`LOCK_ROUNDS` rounds, 20 by default). A round where
/// the machine started the second only after the first had finished (both
/// exit 0, one after the other) proves nothing and is counted apart; at
/// least half the rounds must race.
@Suite struct WriterLockRaceTests {
  @Test func twoBatchesStartedTogetherOneRunsTheOtherNamesIt() throws {
    let rounds = Int(ProcessInfo.processInfo.environment["LOCK_ROUNDS"] ?? "") ?? 20
    let workspace = try Workspace()
    defer { workspace.remove() }
    try workspace.write("base.jsonl", SampleDocuments.jsonl)
    let delivery = (0..<600).map { number in
      #"{"id":"L-\#(number)","title":"第\#(number)号信访件","body":"群众反映龙光桥镇养猪场臭味扰民，夜间噪声影响休息，要求依法查处。"}"#
    }.joined(separator: "\n") + "\n"
    try workspace.write("delivery.jsonl", delivery)
    let built = try CLI.run(["index", "build", "base.jsonl"], in: workspace.url)
    try #require(built.status == 0, "\(built.stderr)")

    var raced = 0
    for round in 0..<rounds {
      let processes = (0..<2).map { _ in Process() }
      var errors: [Pipe] = []
      let ended = EndTimes()
      let started = Date()
      for (k, process) in processes.enumerated() {
        process.terminationHandler = { _ in ended.set(k, Date()) }
        process.executableURL = CLI.executable
        process.arguments = ["index", "add", "delivery.jsonl"]
        process.currentDirectoryURL = workspace.url
        let pipe = Pipe()
        errors.append(pipe)
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
      }
      for process in processes { try process.run() }
      var stderr = ["", ""]
      for (k, process) in processes.enumerated() {
        stderr[k] = String(decoding: errors[k].fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
      }
      let statuses = processes.map(\.terminationStatus)
      if statuses == [0, 0] {
        #expect(!stderr.joined().contains("locked"), "round \(round): \(stderr)")
        continue
      }
      raced += 1
      #expect(statuses.sorted() == [0, 1], "round \(round): exit statuses \(statuses): \(stderr)")
      guard let winner = statuses.firstIndex(of: 0), let loser = statuses.firstIndex(of: 1) else { continue }
      #expect(stderr[loser].contains("locked by pid \(processes[winner].processIdentifier)"),
              "round \(round): \(stderr[loser])")
      let waited = ended.get(loser).map { $0.timeIntervalSince(started) } ?? 0
      #expect(waited < 1, "round \(round): the refused batch took \(waited) s")
    }
    #expect(raced * 2 >= rounds, "only \(raced) of \(rounds) rounds started both batches before one finished")
    let reader = try CLI.run(["index", "stats", "--json"], in: workspace.url)
    #expect(reader.status == 0)
    #expect(try reader.json()["documents"] as? Int == 606)
  }
}

/// When each process of a round ended (set on Foundation's termination thread).
final class EndTimes: @unchecked Sendable {
  private let lock = NSLock()
  private var times: [Int: Date] = [:]
  func set(_ k: Int, _ date: Date) { lock.withLock { times[k] = date } }
  func get(_ k: Int) -> Date? { lock.withLock { times[k] } }
}
