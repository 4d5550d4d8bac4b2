/// What `IndexChecker.check` found: each problem names a file and what is wrong.
public struct CheckReport: Sendable, CustomStringConvertible {
  /// One thing found wrong: the file it is in and what is wrong with it.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The file's name in the index directory (e.g. `s3.postings`, `manifest-7`), a segment's name when it
    /// cannot be opened for another reason, or the index path itself when it is not a readable index.
    public var file: String
    /// What is wrong, in words (e.g. a checksum mismatch, or a count that disagrees with the manifest).
    public var message: String
    public var description: String { "\(file): \(message)" }
  }

  /// Every problem found, in the order found; empty when the index is sound. The content checks of one segment
  /// list at most 50 of them; problems of whole files are never cut.
  public var problems: [Problem] = []
  /// The generation checked: that of the newest `manifest-G`, even when it is damaged (nil when the directory
  /// holds no manifest or cannot be listed).
  public var generation: Int?
  /// Live documents of the segments that could be opened (a segment with a damaged file counts 0).
  public var documentCount = 0
  /// Segments the manifest lists (0 when it could not be read).
  public var segmentCount = 0
  /// Files whose frame and CRC-32 checked out: the manifest, segment files and deletion files.
  public var filesChecked = 0
  /// Bytes of the segment files whose frame and CRC-32 checked out (manifest and deletion files not counted).
  public var bytesChecked = 0

  /// Whether no problem was found.
  public var isClean: Bool { problems.isEmpty }

  mutating func add(_ file: String, _ message: String) { problems.append(Problem(file: file, message: message)) }

  mutating func add(_ error: Error, fallbackFile: String) {
    if case IndexError.corrupted(let file, let reason) = error {
      add(file, reason)
    } else if case IndexError.notFound(let missing) = error, let generation {
      // A file of a commit that is there, not an index that is not.
      add(String(missing.split(separator: "/").last ?? Substring(missing)),
          "missing: manifest-\(generation) names it, but it is not in the directory")
    } else {
      add(fallbackFile, "\(error)")
    }
  }

  /// A summary line (commit, segments, live documents, files, bytes), then the problems, one indented line each.
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
