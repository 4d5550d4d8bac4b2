import Foundation
import Ingest
import Testing

@Suite struct FileWalkerTests {
  @Test func foldersAreWalkedInSortedOrderSkippingHiddenAndIgnoredFiles() throws {
    let folder = try TemporaryFolder()
    try folder.write("b/2.jsonl", #"{"id":"b2","body":"x"}"# + "\n")
    try folder.write("a.jsonl", #"{"id":"a","body":"x"}"# + "\n")
    try folder.write("b/1.jsonl", #"{"id":"b1","body":"x"}"# + "\n")
    try folder.write(".hidden.jsonl", #"{"id":"h","body":"x"}"# + "\n")
    try folder.write("README.md", "# 说明\n")
    try folder.write(".ingestignore", "README.md\n*.bak\n")
    try folder.write("old.bak", "x")
    let result = try readAll([folder.path])
    #expect(result.documents.map(\.id) == ["a", "b1", "b2"])
    #expect(result.issues.map(\.message) == ["hidden (its name starts with a dot), not read",
                                             "listed in .ingestignore, not a document", "listed in .ingestignore, not a document"])
    #expect(result.issues.first?.location.file.hasSuffix("/.hidden.jsonl") == true)
    #expect(result.counts.skippedFiles == 3)
  }

  @Test func entriesBeyondThePathLengthLimitAreRejectedNotLost() throws {
    let folder = try TemporaryFolder()
    try folder.write("a.jsonl", #"{"id":"a","body":"x"}"# + "\n")
    // Folders nested until their path is longer than PATH_MAX (4,096 bytes),
    // made one level at a time relative to the last (which works as root
    // too, unlike a folder without permissions); the walker's paths cannot
    // reach the deepest ones.
    let name = String(repeating: "深", count: 60)  // 180 bytes
    var directory = open(folder.path, O_RDONLY | O_DIRECTORY)
    try #require(directory >= 0)
    for _ in 0..<30 {
      guard mkdirat(directory, name, 0o755) == 0 else { break }
      let next = openat(directory, name, O_RDONLY | O_DIRECTORY)
      close(directory)
      directory = next
      guard directory >= 0 else { break }
    }
    let file = openat(directory, "deep.jsonl", O_WRONLY | O_CREAT, 0o644)
    let line = Array(#"{"id":"deep","body":"x"}"#.utf8) + [10]
    _ = line.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
    close(file)
    close(directory)
    defer { Self.removeNested(in: folder.path, name: name, file: "deep.jsonl") }

    let result = try readAll([folder.path])
    #expect(result.documents.map(\.id) == ["a"])
    #expect(result.counts.rejectedFiles == 1)
    #expect(result.rejected.count == 1 && result.rejected.first?.message.hasPrefix("cannot ") == true,
            "\(result.rejected.map(\.message))")
  }

  /// Removes the nested folders `name/name/…` under `root` and the file at
  /// the bottom, by descriptors (their full paths are too long to name).
  private static func removeNested(in root: String, name: String, file: String) {
    var descriptors = [open(root, O_RDONLY | O_DIRECTORY)]
    while let last = descriptors.last, last >= 0 {
      let next = openat(last, name, O_RDONLY | O_DIRECTORY)
      guard next >= 0 else { break }
      descriptors.append(next)
    }
    guard let bottom = descriptors.last, bottom >= 0 else { return }
    unlinkat(bottom, file, 0)
    for index in stride(from: descriptors.count - 1, to: 0, by: -1) {
      close(descriptors[index])
      unlinkat(descriptors[index - 1], name, AT_REMOVEDIR)
    }
    close(descriptors[0])
  }

  @Test func missingTopLevelPathThrows() throws {
    #expect(throws: DocumentSource.Failure.self) { try readAll(["/nonexistent/ingest/path"]) }
  }

  @Test func symlinksAreNotFollowedByDefaultAndLoopsAreCut() throws {
    let folder = try TemporaryFolder()
    try folder.write("data/a.jsonl", #"{"id":"a","body":"x"}"# + "\n")
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/data/link.jsonl", withDestinationPath: folder.path + "/data/a.jsonl")
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/data/loop", withDestinationPath: "..")
    let plain = try readAll([folder.path])
    #expect(plain.documents.map(\.id) == ["a"])
    #expect(plain.issues.filter { $0.severity == .skipped }.count == 2)
    var options = IngestOptions()
    options.followSymlinks = true
    let followed = try readAll([folder.path], options: options)
    // The link to a.jsonl is the same physical file: read once, with a warning; the loop is cut.
    #expect(followed.documents.map(\.id) == ["a"])
    #expect(followed.issues.contains { $0.message.hasPrefix("same file as") })
    #expect(followed.issues.contains { $0.message == "symbolic link loop, not followed" })
  }

  @Test func theSameFileGivenTwiceIsReadOnce() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.jsonl", #"{"id":"a","body":"x"}"# + "\n")
    let result = try readAll([path, folder.path + "/./a.jsonl"])
    #expect(result.documents.map(\.id) == ["a"])
    #expect(result.warnings.map(\.message) == ["same file as \(path), read once"])
  }

  @Test func nonUTF8FileNamesAreShownEscapedAndGiveStableIds() throws {
    let folder = try TemporaryFolder()
    // "国.txt" in GBK: B9 FA.
    var name = Array(folder.path.utf8) + Array("/".utf8) + [0xB9, 0xFA] + Array(".txt".utf8)
    name.append(0)
    let fd = name.withUnsafeBufferPointer { p in
      p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
    }
    #expect(fd >= 0)
    _ = "赫山区简报\n内容".withCString { write(fd, $0, strlen($0)) }
    close(fd)
    let result = try readAll([folder.path])
    #expect(result.documents.map(\.id) == ["\\xB9\\xFA.txt"])
    #expect(result.locations.first?.file == folder.path + "/\\xB9\\xFA.txt")
  }
}
