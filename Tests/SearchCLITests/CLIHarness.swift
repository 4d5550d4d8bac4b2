import Foundation
import Testing

/// Runs the built `search` executable as a separate process, as scripts do.
struct CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Standard output parsed as one JSON object.
    func json() throws -> [String: Any] {
      let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
      guard let dictionary = object as? [String: Any] else { throw CLIHarnessError("stdout is not a JSON object: \(stdout)") }
      return dictionary
    }
  }

  /// The `search` binary next to the test bundle (`.build/<config>/search`).
  static let executable: URL = {
    var directory = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("search")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    // Fallback: the package's own debug build folder.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/search")
  }()

  /// Runs `search ARGUMENTS` in `directory`, with `input` on stdin.
  static func run(_ arguments: [String], in directory: URL, input: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a large output cannot block.
    let group = DispatchGroup()
    nonisolated(unsafe) var errorData = Data()
    group.enter()
    DispatchQueue.global().async {
      errorData = errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                  stderr: String(decoding: errorData, as: UTF8.self))
  }
}

struct CLIHarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A fresh directory under the system temporary folder, removed by `remove()`.
struct Workspace {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("search-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func write(_ path: String, _ text: String) throws {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }

  func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path) }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Six petitions and briefings in the register of the inspection office.
enum SampleDocuments {
  static let jsonl = """
    {"id":"P-001","type":"petition","title":"赫山区某养猪场臭味扰民","date":"2020-09-15","region":"赫山区","unit":"益阳市赫山区兴旺生猪养殖场","category":"大气","body":"群众反映：赫山区龙光桥镇兴旺生猪养殖场臭味很大，夏天晚上气味难闻，影响周边居民休息。养殖废水直排附近沟渠。"}
    {"id":"P-002","type":"petition","title":"龙光桥镇猪场异味问题","date":"2020-11-02","region":"赫山区","unit":"益阳市赫山区兴旺生猪养殖场","category":"大气","body":"来信人称兴旺猪场异味严重，粪污未经处理，附近鱼塘出现死鱼。"}
    {"id":"P-003","type":"petition","title":"金源造纸厂偷排废水","date":"2021-03-20","region":"资阳区","unit":"益阳金源造纸有限公司","category":"水","body":"举报益阳金源造纸有限公司夜间偷排废水，志溪河出现黑臭水体，COD超标。"}
    {"id":"R-001","type":"rectification","title":"关于金源造纸废水问题的整改情况报告","date":"2021-06-30","region":"资阳区","unit":"益阳金源造纸有限公司","category":"水","body":"针对受理编号D430900202103200012反映的问题，责任单位已完成整改，新建污水处理设施，出水化学需氧量稳定达标。"}
    {"id":"B-001","type":"briefing","title":"益阳市环境保护督察工作简报第1期","date":"2020-09-15","region":"益阳市","unit":"益阳市环境保护督察工作领导小组办公室","category":"综合","body":"省第四生态环境保护督察组进驻益阳，召开督察工作动员会，部署信访件办理和交办问题整改。"}
    {"id":"P-004","type":"petition","title":"南县砂石码头扬尘噪声","date":"2022-04-08","region":"南县","unit":"南县茅草街砂石码头","category":"噪声","body":"南县茅草街镇砂石码头装卸作业扬尘大，夜间噪音扰民。"}

    """
}
