// The child process of the IndexStore crash trials.
//
// Usage: IndexCrashWorker INDEX_DIR BATCHES
// For batch k = 1...BATCHES it adds ten documents `b<k>-<i>`, replaces
// `b<k-1>-0`, deletes `b<k-2>-1`, commits, and prints "ACK k" (flushed). The
// test computes the same batches (CrashTrialTests.expectedDocuments) and,
// after killing this process with SIGKILL at a random moment, checks that
// the index holds exactly the documents of the last acknowledged commit or of
// the next one.
//
// With CRASH_AT=STEP:N in the environment (debug builds), the process ends
// with `_exit(137)` the N-th time a commit reaches STEP (a `CommitStep` raw
// value, such as `renamed`), which a test then checks as above, knowing which
// of the two commits it must find. A run that ends normally prints
// "STEPS step=count ..." last: how often it reached each step.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndexStore
import Ingest
import TextAnalysis

let sentences = [
  "益阳市生态环境局对赫山区某养殖场开展现场检查，发现废水直排入河。",
  "督察组要求沅江市立即整改黑臭水体问题，并于月底前报送整改情况。",
  "群众来信反映桃江县某石材厂粉尘污染严重，夜间噪声扰民。",
  "安化县关停了三家违规采砂企业，恢复河道生态。",
  "南县污水处理厂提标改造工程已经完成，出水水质稳定达标。",
  "大通湖区加强湖泊水环境治理，总磷浓度明显下降。",
]

func printError(_ message: String) {
  let bytes = Array((message + "\n").utf8)
  _ = write(2, bytes, bytes.count)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let batches = Int(arguments[2]) else {
  printError("usage: IndexCrashWorker INDEX_DIR BATCHES")
  exit(2)
}

func document(batch: Int, index: Int, version: Int) -> Document {
  let body = sentences[(batch * 31 + index * 7 + version) % sentences.count] + "批次\(batch)版本\(version)"
  return Document(id: "b\(batch)-\(index)", type: "briefing", title: "第\(batch)批督察通报", date: Day(year: 2021, month: 1 + batch % 12, day: 1 + index),
                  region: "赫山区", unit: "单位\(index)", category: "水", body: body,
                  extra: [ExtraField(name: "batch", json: "\(batch)")])
}

#if DEBUG
if let crashAt = getenv("CRASH_AT").map({ String(cString: $0) }) {
  let parts = crashAt.split(separator: ":")
  guard parts.count == 2, let step = CommitStep(rawValue: String(parts[0])), let occurrence = Int(parts[1]) else {
    printError("IndexCrashWorker: CRASH_AT must be STEP:N, STEP one of " + CommitStep.allCases.map(\.rawValue).joined(separator: ", "))
    exit(2)
  }
  FailPoints.crash(at: step, occurrence: occurrence)
}
#endif

do {
  var options = IndexWriterOptions()
  options.mergePolicy = MergePolicy(mergeFactor: 3, minimumSegmentDocuments: 10)
  let writer = try IndexWriter(path: arguments[1], analyzer: Analyzer(), options: options)
  for k in 1...batches {
    for i in 0..<10 { try writer.add(document(batch: k, index: i, version: 0)) }
    if k > 1 { try writer.add(document(batch: k - 1, index: 0, version: k)) }
    if k > 2 { try writer.delete(id: "b\(k - 2)-1") }
    try writer.commit()
    let line = Array("ACK \(k)\n".utf8)
    _ = write(1, line, line.count)
  }
  writer.close()
  #if DEBUG
  let reached = FailPoints.stepsReached
  let steps = "STEPS " + CommitStep.allCases.map { "\($0.rawValue)=\(reached[$0, default: 0])" }.joined(separator: " ") + "\n"
  _ = write(1, Array(steps.utf8), steps.utf8.count)
  #endif
} catch {
  printError("IndexCrashWorker: \(error)")
  exit(1)
}
