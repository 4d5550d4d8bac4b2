// The shipped corpus/synonyms.txt, and loading synonym files from disk.
import Foundation
import Testing
import QueryEngine
import TextAnalysis

/// The repository root, found from this file's path (Tests/QueryEngineTests/Synonyms/…).
private let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

private let shippedFile = repositoryRoot.appendingPathComponent("corpus/synonyms.txt").path

/// A fresh temporary directory, removed by the caller.
private func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("synonym-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

struct SynonymFileTests {
  // MARK: - The shipped file

  @Test func shippedFileLoadsWithAtLeast150Groups() throws {
    let map = try SynonymMap.load(path: shippedFile, normalize: testNormalize)
    #expect(map.groupCount >= 150)
    #expect(map.warnings == [])
    let plain = try SynonymMap.load(path: shippedFile)
    #expect(plain.groupCount == map.groupCount)
    #expect(plain.checksum == map.checksum)
  }

  /// Loaded with the analyzer, full-width and Traditional members serve
  /// half-width and Simplified queries; loaded with the default (case
  /// folding only), they serve nothing.
  @Test func membersAreComparedAsTheAnalyzerNormalizesQueries() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("synonyms.txt").path
    try Data("ＣＯＤ, 化学需氧量\n噪聲, 吵鬧\n".utf8).write(to: URL(fileURLWithPath: path))
    let analyzed = try SynonymMap.load(path: path, analyzer: Analyzer())
    #expect(analyzed.expansions(of: "cod").contains("化学需氧量"), "\(analyzed.expansions(of: "cod"))")
    #expect(analyzed.expansions(of: "噪声").contains("吵鬧"), "\(analyzed.expansions(of: "噪声"))")
    let plain = try SynonymMap.load(path: path)
    #expect(plain.expansions(of: "cod").isEmpty)
  }

  /// The examples of issue #8: every member of each list finds every other.
  static let issueExamples: [[String]] = [
    ["噪音", "噪声", "吵"],
    ["臭味", "异味", "恶臭", "气味难闻"],
    ["偷排", "直排", "乱排", "私排"],
    ["灰尘", "扬尘", "粉尘"],
    ["黑水", "污水", "废水"],
    ["养猪场", "生猪养殖场", "猪场"],
    ["渣土车", "运输车辆"],
    ["COD", "化学需氧量"],
    ["NH3-N", "氨氮"],
    ["SO2", "二氧化硫"],
    ["PM2.5", "细颗粒物"],
    ["VOCs", "挥发性有机物"],
  ]

  @Test(arguments: issueExamples)
  func issueExampleIsInTheShippedFile(_ words: [String]) throws {
    let map = try SynonymMap.load(path: shippedFile, normalize: testNormalize)
    for word in words {
      let expansions = map.expansions(of: testNormalize(word)).map(testNormalize)
      for other in words where other != word {
        #expect(expansions.contains(testNormalize(other)), "\(word) should expand to \(other)")
      }
    }
  }

  @Test func shippedFileHasOneWayGroups() throws {
    let map = try SynonymMap.load(path: shippedFile, normalize: testNormalize)
    #expect(map.expansions(of: "养殖场").contains("猪场"))
    #expect(!map.expansions(of: "猪场").contains("养殖场"))
    #expect(map.expansions(of: "重金属").contains("镉"))
    #expect(!map.expansions(of: "镉").contains("重金属"))
    #expect(map.expansions(of: "ｃｏｄ") == [])  // lookup form only
    #expect(map.expansions(of: "化学需氧量").contains("COD"))
    #expect(map.expansions(of: "nh3n").contains("氨氮"))
  }

  // MARK: - Loading from disk

  @Test func loadReadsAFileWithByteOrderMarkAndCRLF() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("synonyms.txt").path
    let text = "\u{FEFF}# 测试\r\n噪音, 噪声\r\n养殖场 => 猪场\r\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let map = try SynonymMap.load(path: path)
    #expect(map.groupCount == 2)
    #expect(map.expansions(of: "噪音") == ["噪声"])
    let parsed = try SynonymMap(text: text, source: "other name")
    #expect(map == parsed)
  }

  @Test func loadReportsTheLineOfAMalformedGroupWithThePath() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("synonyms.txt").path
    try Data("噪音, 噪声\n# 注释\n养殖场 => \n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: SynonymError(source: path, line: 3, column: 5,
                                 message: "expected at least one member after '=>'")) {
      _ = try SynonymMap.load(path: path)
    }
  }

  @Test func loadReportsInvalidUTF8WithLineColumnAndByteOffset() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("gbk.txt").path
    // Line 2 is "噪音, " in UTF-8 followed by 噪声 in GBK (D4 EB C9 F9).
    var bytes = Array("扬尘, 粉尘\n噪音, ".utf8)
    let offset = bytes.count
    bytes += [0xD4, 0xEB, 0xC9, 0xF9, 0x0A]
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(throws: SynonymError(source: path, line: 2, column: 5,
                                 message: "invalid UTF-8 at byte offset \(offset); save the file as UTF-8")) {
      _ = try SynonymMap.load(path: path)
    }
  }

  @Test func loadReportsAMissingFileOrADirectory() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("none.txt").path
    #expect {
      _ = try SynonymMap.load(path: missing)
    } throws: { error in
      (error as? SynonymError).map { $0.source == missing && $0.line == 0 && $0.message.contains("no such file") }
        ?? false
    }
    #expect {
      _ = try SynonymMap.load(path: directory.path)
    } throws: { error in
      (error as? SynonymError).map { $0.line == 0 && $0.message.contains("directory") } ?? false
    }
  }
}
