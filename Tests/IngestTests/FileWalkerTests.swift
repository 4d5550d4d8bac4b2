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
    #expect(result.issues.map(\.message) == ["listed in .ingestignore, not a document", "listed in .ingestignore, not a document"])
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
