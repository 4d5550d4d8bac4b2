import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis
import Insights

/// A unit named by more documents than one search returns: the timeline and
/// the recurring issues say they were cut, rather than lose the rest in silence.
@Suite struct TruncationTests {
  @Test func moreMatchesThanOneSearchReturnsAreSaid() throws {
    let path = try SampleCorpus.temporaryDirectory() + "/index"
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    var options = IndexWriterOptions()
    options.mergePolicy = .never
    let writer = try IndexWriter(path: path, analyzer: Analyzer(), options: options)
    let count = SearchRequest.maxWindow + 1
    for i in 0..<count {
      try writer.add(Document(id: "P\(i)", type: "petition", title: "金源纸厂废水", region: "资阳区",
                              unit: "益阳市金源造纸有限公司", category: "水", body: "金源纸厂排放废水，第\(i)次反映。"))
    }
    try writer.commit()
    writer.close()
    let searcher = Searcher(reader: try IndexReader.open(path: path))
    let units = try UnitRegistry(text: "益阳市金源造纸有限公司 | 金源纸厂 | 资阳区 | 造纸企业\n")

    let timeline = try #require(try UnitTimelineBuilder(units: units).timeline(for: "金源纸厂", in: searcher))
    #expect(timeline.entries.count == SearchRequest.maxWindow)
    #expect(!timeline.isComplete)

    let finder = RecurringComplaintFinder(units: units)
    let scoped = try finder.find(in: searcher, scope: .init(query: try QueryParser().parse("金源纸厂")))
    #expect(scoped.petitionsConsidered == SearchRequest.maxWindow)
    #expect(!scoped.isComplete)
    let whole = try finder.find(in: searcher)
    #expect(whole.petitionsConsidered == count)
    #expect(whole.isComplete)

    // Exactly as many as one search returns: complete.
    let deleting = try IndexWriter(path: path, analyzer: Analyzer(), options: options)
    try deleting.delete(id: "P0")
    try deleting.commit()
    deleting.close()
    let exact = Searcher(reader: try IndexReader.open(path: path))
    #expect(try #require(try UnitTimelineBuilder(units: units).timeline(for: "金源纸厂", in: exact)).isComplete)
    #expect(try finder.find(in: exact, scope: .init(query: try QueryParser().parse("金源纸厂"))).isComplete)
  }
}
