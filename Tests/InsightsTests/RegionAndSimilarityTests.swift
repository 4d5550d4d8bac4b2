import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import TextAnalysis
import Insights

@Suite struct RegionAndSimilarityTests {
  @Test func townsRollUpToCountyAndCity() throws {
    let regions = try SampleCorpus.regions()
    #expect(regions.rollUp("岳家桥镇") == ["岳家桥镇", "赫山区", "益阳市"])
    #expect(regions.expansion(of: "赫山区").contains("龙光桥街道"))
    #expect(!regions.expansion(of: "赫山区").contains("长春镇"))
    #expect(regions.expansion(of: "益阳市").contains("长春镇"))
    #expect(regions.expansion(of: "长沙市") == ["长沙市"])
    #expect(regions.deepestPlace(in: "赫山区岳家桥镇新民村村民反映") == "岳家桥镇")
  }

  @Test func aChildUnderTwoParentsIsRejected() {
    #expect(throws: InsightsError.self) { try RegionHierarchy(text: "甲区 | 一镇\n乙区 | 一镇\n") }
    #expect(throws: InsightsError.self) { try RegionHierarchy(text: "甲区 | 乙区\n乙区 | 甲区\n") }
  }

  @Test func aCountyFilterIncludesItsTowns() throws {
    let directory = try SampleCorpus.temporaryDirectory()
    let writer = try IndexWriter(path: directory + "/index", analyzer: Analyzer())
    let day = Day(iso: "2021-05-01")
    _ = try writer.add(Document(id: "A", type: "petition", title: "养猪场臭味", date: day, region: "岳家桥镇", body: "岳家桥镇养猪场臭味扰民"))
    _ = try writer.add(Document(id: "B", type: "petition", title: "养猪场臭味", date: day, region: "赫山区", body: "赫山区养猪场臭味"))
    _ = try writer.add(Document(id: "C", type: "petition", title: "养猪场臭味", date: day, region: "长春镇", body: "长春镇养猪场臭味"))
    _ = try writer.add(Document(id: "T", type: "petition", title: "養豬場臭味", date: day, region: "赫山區", body: "赫山區養豬場臭味"))
    _ = try writer.commit()
    writer.close()
    var searcher = Searcher(reader: try IndexReader.open(path: directory + "/index"))
    var request = SearchRequest(query: try QueryParser().parse("养猪场"))
    request.filters = [.region("赫山区")]
    // The Traditional spelling 赫山區 is the same region (as facets count it), even without a Workbench.
    #expect(Set(try searcher.search(request).hits.map(\.id)) == ["B", "T"])
    searcher.regionExpansion = try SampleCorpus.regions().searcherExpansion
    #expect(Set(try searcher.search(request).hits.map(\.id)) == ["A", "B", "T"])
    request.filters = [.region("益阳市")]
    #expect(Set(try searcher.search(request).hits.map(\.id)) == ["A", "B", "C", "T"])
    // Through a Workbench, the index's Traditional spelling of a region counts too.
    let workbench = try Workbench(searcher: Searcher(reader: searcher.reader), unitsPath: SampleCorpus.corpus + "/units.txt",
                                  regionsPath: SampleCorpus.corpus + "/regions.txt")
    request.filters = [.region("赫山区")]
    #expect(Set(try workbench.searcher.search(request).hits.map(\.id)) == ["A", "B", "T"])
    request.filters = [.region("赫山區")]
    #expect(Set(try workbench.searcher.search(request).hits.map(\.id)) == ["A", "B", "T"])
  }

  @Test func similarDocumentsShareTheUnitAndProblem() throws {
    let searcher = try SampleCorpus.searcher()
    let finder = SimilarDocumentFinder()
    let result = try #require(try finder.similar(to: "D430902201801190011", in: searcher, limit: 5))
    #expect(!result.hits.contains { $0.id == "D430902201801190011" })
    #expect(result.hits.count == 5)
    #expect(result.terms.count <= 25 && !result.terms.isEmpty)
    let units = try SampleCorpus.units()
    // Ranked by score alone (no coordination over the 25 terms): scores never rise down the list,
    // and the company's own documents fill it.
    #expect(zip(result.hits, result.hits.dropFirst()).allSatisfy { $0.score >= $1.score }, "\(result.hits.map(\.score))")
    let sameUnit = result.hits.filter { units.resolve($0.document.unit)?.name == "益阳市金源造纸有限公司" }
    #expect(sameUnit.count >= 4 && sameUnit.first?.id == result.hits.first?.id,
            "\(result.hits.map { ($0.id, $0.document.unit) })")
    #expect(try finder.similar(to: "no-such-id", in: searcher) == nil)
    // Any limit is taken: at most a page of SearchRequest.maxWindow.
    let everything = try #require(try finder.similar(to: "D430902201801190011", in: searcher, limit: .max))
    #expect(everything.hits.count > 5 && everything.hits.count < SearchRequest.maxWindow)
    #expect(Array(everything.hits.prefix(5).map(\.id)) == result.hits.map(\.id))
  }

  @Test func similarTotalsLeaveOutTheSourceOnlyWhenItIsInTheResultSet() throws {
    let searcher = try SampleCorpus.searcher()
    var finder = SimilarDocumentFinder()
    finder.termCount = -1
    #expect(finder.termCount == 1)
    finder.termCount = .max
    #expect(finder.termCount == 1_024)
    finder = SimilarDocumentFinder()
    let source = "D430902201801190011"  // a petition
    let all = try #require(try finder.similar(to: source, in: searcher, limit: 1))
    // The same OR of phrases, run directly: the source is one of its matches.
    let query = Query.boolean(all.terms.map { .init(.should, .phrase($0.term, field: nil)) })
    var request = SearchRequest(query: query)
    request.exactTotal = true
    let direct = try searcher.search(request)
    #expect(all.search.totalHits == direct.totalHits - 1)
    // Filtered to briefings, the petition is not in the result set: nothing to leave out.
    let briefings = try #require(try finder.similar(to: source, in: searcher, limit: 1, filters: [.type("briefing")]))
    request.filters = [.type("briefing")]
    let directBriefings = try searcher.search(request)
    #expect(directBriefings.totalHits > 1)
    #expect(briefings.search.totalHits == directBriefings.totalHits)
  }

  @Test func trendsCountTheWholeResultSet() throws {
    let searcher = try SampleCorpus.searcher()
    let trends = try TrendReport.compute(query: try QueryParser().parse("噪声"), by: .month, in: searcher)
    #expect(trends.total > 10)
    #expect(trends.buckets.reduce(0) { $0 + $1.count } == trends.total)
    #expect(trends.buckets.map(\.value) == trends.buckets.map(\.value).sorted())
    let byCategory = try TrendReport.compute(query: try QueryParser().parse("噪声"), by: .category, in: searcher)
    #expect(byCategory.buckets.first?.value == "噪声")
    // Briefings have no region: they are a bucket of their own, and the buckets add up to the total.
    let byRegion = try TrendReport.compute(query: try QueryParser().parse("噪声"), by: .region, in: searcher)
    #expect(byRegion.buckets.reduce(0) { $0 + $1.count } == byRegion.total)
    #expect(byRegion.buckets.last?.value == TrendReport.noValue, "\(byRegion.buckets)")
  }

  /// A town counts under its county whichever spelling names its bucket
  /// (here the Traditional one, the more frequent).
  @Test func trendsRollUpATownSpelledTheTraditionalWay() throws {
    let directory = try SampleCorpus.temporaryDirectory()
    let writer = try IndexWriter(path: directory + "/index", analyzer: Analyzer())
    for (id, region) in [("Q1", "泉交河镇"), ("Q2", "泉交河鎮"), ("Q3", "泉交河鎮"), ("H1", "赫山区")] {
      _ = try writer.add(Document(id: id, type: "petition", title: "养猪场臭味", region: region, body: "养猪场臭味扰民"))
    }
    _ = try writer.commit()
    writer.close()
    let searcher = Searcher(reader: try IndexReader.open(path: directory + "/index"))
    let trends = try TrendReport.compute(query: try QueryParser().parse("臭味"), by: .region,
                                         regions: try SampleCorpus.regions(), in: searcher)
    #expect(trends.buckets == [FacetCounts.Bucket(value: "赫山区", count: 4)], "\(trends.buckets)")
  }
}
