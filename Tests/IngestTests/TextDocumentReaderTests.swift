import Foundation
import Ingest
import Testing

@Suite struct TextDocumentReaderTests {
  @Test func markdownTitleDateAndIdComeFromTheText() throws {
    let folder = try TemporaryFolder()
    try folder.write("briefings/第3期.md", "\n# 益阳市督察工作简报\n\n第 3 期\n\n2020 年 9 月 15 日\n\n## 【导读】\n督察组进驻。\n")
    let result = try readAll([folder.path])
    let document = try #require(result.documents.first)
    #expect(document.id == "briefings/第3期.md")
    #expect(document.type == "briefing")
    #expect(document.title == "益阳市督察工作简报")
    #expect(document.date == Day(year: 2020, month: 9, day: 15))
    #expect(document.body.hasPrefix("# 益阳市督察工作简报"))
  }

  /// A plain-text briefing whose later line starts with `#` but is no
  /// Markdown heading (no space after it) keeps its first line as title.
  @Test func aHashWithoutASpaceIsNoHeading() throws {
    let folder = try TemporaryFolder()
    try folder.write("briefings/第1期.txt", "益阳市生态环境保护督察工作简报（第 1 期）\n\n2018 年 1 月 14 日\n\n---\n\n#【导读】\n\n★ 督察组进驻益阳\n#3 号文件\n")
    try folder.write("briefings/第2期.md", "简报\n\n###### 第六级标题\n")
    let documents = try readAll([folder.path]).documents.sorted { $0.id < $1.id }
    #expect(documents.map(\.title) == ["益阳市生态环境保护督察工作简报（第 1 期）", "第六级标题"])
  }

  @Test func frontMatterSetsFieldsAndKeepsTheRestAsExtra() throws {
    let folder = try TemporaryFolder()
    try folder.write("petitions/a.md", "---\nid: ZG-2021-001\ntype: rectification\ntitle: \"金源纸厂整改方案\"\ndate: 2021/4/2\nregion: 资阳区\nissuer: 资阳区人民政府\n---\n\n正文：已完成整改。\n")
    let result = try readAll([folder.path])
    let document = try #require(result.document("ZG-2021-001"))
    #expect(document.type == "rectification")
    #expect(document.title == "金源纸厂整改方案")
    #expect(document.date == Day(year: 2021, month: 4, day: 2))
    #expect(document.region == "资阳区")
    #expect(document.body == "正文：已完成整改。")
    #expect(document.extra == [ExtraField(name: "issuer", json: "\"资阳区人民政府\"")])
  }

  @Test func brokenFrontMatterIsReadAsPlainTextWithAWarning() throws {
    let folder = try TemporaryFolder()
    try folder.write("petitions/b.txt", "---\ntitle: 没有结束\n\n沅江市草尾镇居民反映\r污水厂臭味\r")
    let result = try readAll([folder.path])
    let document = try #require(result.documents.first)
    #expect(document.type == "petition")
    #expect(document.title == "---")
    #expect(document.body.contains("沅江市草尾镇居民反映\n污水厂臭味"))
    #expect(result.warnings.map(\.message) == ["front matter opened at line 1 is never closed by ---; read as plain text"])
  }

  @Test func textFileOverTheLimitIsRejectedWithItsSize() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("long.txt", String(repeating: "臭", count: 30_000))
    var options = IngestOptions()
    options.maxRecordBytes = 50_000
    let result = try readAll([path], options: options)
    #expect(result.rejected.map(\.message) == ["text file of 90000 bytes exceeds the limit of 50000 bytes"])
    #expect(result.counts.isBalanced)
  }
}
