import Dispatch
import QueryEngine
import Synchronization
import Testing

/// One searcher serves many threads at once: every thread gets exactly the
/// answers a single thread gets.
@Test func concurrentSearchesGiveTheSameAnswers() throws {
  let (reader, _) = try FixtureCorpus.index()
  let searcher = Searcher(reader: reader)
  let queries = ["臭味", "赫山区 养猪场 臭味", "\"黑臭水体\"", "噪声 OR 噪音", "+金源 -整改", "整改 type:rectification",
                 "ＣＯＤ", "環境保護", "region:南县", "偷排 废水 date:2020..2021"]
  let expected = try queries.map { try searcher.search($0, limit: 10).hits.map(\.id) }
  let mismatches = Atomic<Int>(0)
  // Enough searches that segments build their term indexes (after 256
  // look-ups of a field) while other threads are looking terms up.
  DispatchQueue.concurrentPerform(iterations: 1024) { iteration in
    let index = iteration % queries.count
    let ids = (try? searcher.search(queries[index], limit: 10).hits.map(\.id)) ?? []
    if ids != expected[index] { mismatches.add(1, ordering: .relaxed) }
  }
  #expect(mismatches.load(ordering: .relaxed) == 0)
}
