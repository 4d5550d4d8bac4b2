/// What `IndexChecker.check` found: each problem names a file and what is wrong.
public struct CheckReport: Sendable, CustomStringConvertible {
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
  }

  public var problems: [Problem] = []
  /// The generation checked (nil when no manifest could be read).
  public var generation: Int?
  public var documentCount = 0
  public var segmentCount = 0
  public var filesChecked = 0
  public var bytesChecked = 0

  public var isClean: Bool { problems.isEmpty }

  mutating func add(_ file: String, _ message: String) { problems.append(Problem(file: file, message: message)) }

  mutating func add(_ error: Error, fallbackFile: String) {
    if case IndexError.corrupted(let file, let reason) = error {
      add(file, reason)
    } else {
      add(fallbackFile, "\(error)")
    }
  }

  public var description: String {
    var lines: [String] = []
    let what = generation.map { "commit \($0)" } ?? "no readable commit"
    lines.append("checked \(what): \(segmentCount) segments, \(documentCount) live documents, "
      + "\(filesChecked) files, \(bytesChecked) bytes")
    if problems.isEmpty {
      lines.append("no problems found")
    } else {
      lines.append("\(problems.count) problem(s):")
      lines += problems.map { "  \($0)" }
    }
    return lines.joined(separator: "\n")
  }
}
