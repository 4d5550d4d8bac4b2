import Foundation
import Testing

/// The analyst commands (recurring, unit, similar, trends) run as processes
/// on a copy of the sample corpus, with its unit registry and regions.
@Suite struct WorkflowCommandTests {
  /// A workspace holding a copy of the repository's corpus/ and its index.
  private func corpusWorkspace() throws -> Workspace {
    let workspace = try Workspace()
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    try FileManager.default.copyItem(at: repository.appendingPathComponent("corpus"),
                                     to: workspace.url.appendingPathComponent("corpus"))
    let build = try CLI.run(["index", "build"], in: workspace.url)
    #expect(build.status == 0, "\(build.stderr)")
    return workspace
  }

  @Test func recurringFindsIssuesThatCameBack() throws {
    let workspace = try corpusWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["recurring", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    let groups = try #require(json["groups"] as? [[String: Any]])
    #expect(groups.count >= 20)
    #expect(groups.contains { $0["came_back"] as? Bool == true })
    let sizes = groups.compactMap { $0["size"] as? Int }
    #expect(sizes == sizes.sorted(by: >), "largest issues first")
    #expect(json["complete"] as? Bool == true)
    let text = try CLI.run(["recurring", "--limit", "2"], in: workspace.url)
    #expect(text.status == 0)
    #expect(text.stdout.contains("petitions"))
    // The type in any spelling the type filter accepts, its Chinese name included.
    let chinese = try CLI.run(["recurring", "--json", "--type", "信访件"], in: workspace.url)
    #expect((try chinese.json()["groups"] as? [[String: Any]])?.count == groups.count, "\(chinese.stderr)")
  }

  @Test func unitTimelineResolvesAShortName() throws {
    let workspace = try corpusWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["unit", "金源纸厂", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    #expect(json["unit"] as? String == "益阳市金源造纸有限公司")
    #expect((json["documents"] as? Int ?? 0) >= 5)
    #expect(json["complete"] as? Bool == true)
    // An unknown unit: the same keys, empty; a blank name is a usage error.
    let unknown = try CLI.run(["unit", "不存在的厂", "--json"], in: workspace.url)
    let keys = Set(try unknown.json().keys)
    #expect(keys == Set(json.keys), "\(keys) against \(json.keys)")
    #expect(try CLI.run(["unit", "  "], in: workspace.url).status == 64)
  }

  @Test func similarExcludesTheDocumentItself() throws {
    let workspace = try corpusWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["similar", "D430902201801190011", "--json", "--limit", "5"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    let hits = try #require(try result.json()["hits"] as? [[String: Any]])
    let ids = hits.compactMap { $0["id"] as? String }
    #expect(ids.count == 5)
    #expect(!ids.contains("D430902201801190011"))
    let json = try result.json()
    #expect((json["total"] as? Int ?? 0) >= 5 && json["total_relation"] as? String == "eq", "as search query --json")
    let missing = try CLI.run(["similar", "NO-SUCH-ID"], in: workspace.url)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("NO-SUCH-ID"))
  }

  @Test func trendsCountTheWholeResultSet() throws {
    let workspace = try corpusWorkspace()
    defer { workspace.remove() }
    let result = try CLI.run(["trends", "噪声", "--by", "month", "--json"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    let buckets = try #require(json["buckets"] as? [[String: Any]])
    let total = try #require(json["total"] as? Int)
    #expect(buckets.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == total)
    let byRegion = try CLI.run(["trends", "噪声", "--by", "region", "--json"], in: workspace.url).json()
    let regionBuckets = try #require(byRegion["buckets"] as? [[String: Any]])
    #expect(regionBuckets.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == byRegion["total"] as? Int, "with (none)")
    let chart = try CLI.run(["trends", "噪声", "--by", "region"], in: workspace.url)
    #expect(chart.stdout.contains("█"))
  }
}
