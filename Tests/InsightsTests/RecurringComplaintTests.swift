import Foundation
import IndexStore
import Ingest
import QueryEngine
import Testing
import Insights

@Suite struct RecurringComplaintTests {
  static func groups(minimumSize: Int = 2) throws -> RecurringComplaints {
    var options = RecurringOptions()
    options.minimumSize = minimumSize
    let finder = RecurringComplaintFinder(units: try SampleCorpus.units(), regions: try SampleCorpus.regions(),
                                          options: options)
    return try finder.find(in: try SampleCorpus.searcher())
  }

  @Test func everyKnownIssueIsFoundWhole() throws {
    let truth = try SampleCorpus.truth()
    let found = try Self.groups()
    for known in truth.recurring_complaints {
      let group = found.groups.first { $0.memberIDs.contains(known.petitions[0]) }
      let members = Set(group?.memberIDs ?? [])
      #expect(Set(known.petitions).isSubset(of: members), "\(known.unit): missing \(Set(known.petitions).subtracting(members))")
      #expect(group?.unit == known.unit)
      #expect(group?.category == known.category)
    }
  }

  /// A petition written in Traditional characters is read as Simplified:
  /// its follow-up cue (問題反彈) and its unit's Traditional name join it to
  /// the petition about the same farm six days before.
  @Test func traditionalPetitionsAreReadAsSimplified() throws {
    let found = try Self.groups()
    let group = try #require(found.groups.first { $0.memberIDs.contains("T2022042005") })
    #expect(group.memberIDs.contains("X430903202204140011"), "\(group.memberIDs)")
    #expect(group.unit == "赫山区兴旺生猪养殖场")
  }

  @Test func distinctIssuesAreNotMerged() throws {
    let truth = try SampleCorpus.truth()
    let found = try Self.groups()
    var issueOf: [String: Int] = [:]
    for (index, known) in truth.recurring_complaints.enumerated() {
      for id in known.petitions { issueOf[id] = index }
    }
    for group in found.groups {
      let issues = Set(group.memberIDs.compactMap { issueOf[$0] })
      #expect(issues.count <= 1, "group of \(group.unit ?? group.place) merges issues \(issues)")
    }
  }

  @Test func pairwiseQualityAgainstKnownGroups() throws {
    let truth = try SampleCorpus.truth()
    let found = try Self.groups()
    let quality = GroupingQuality(predicted: found.groups.map(\.memberIDs),
                                  truth: truth.recurring_complaints.map(\.petitions))
    print("recurring grouping: pairwise precision \(quality.precision), recall \(quality.recall)",
          "(\(quality.correctPairs) of \(quality.predictedPairs) predicted pairs, \(quality.truePairs) true pairs)")
    var issueOf: [String: Int] = [:]
    for (index, known) in truth.recurring_complaints.enumerated() { for id in known.petitions { issueOf[id] = index } }
    for group in found.groups where Set(group.memberIDs.map { issueOf[$0] ?? -1 }).count > 1 {
      print("group mixing known issues:", group.unit ?? group.place, group.members.map { "\($0.id)@\(issueOf[$0.id] ?? -1)" })
    }
    #expect(quality.recall >= 0.95)
    #expect(quality.precision >= 0.85)
  }

  @Test func complaintsThatCameBackAreFlagged() throws {
    let truth = try SampleCorpus.truth()
    let found = try Self.groups()
    for known in truth.recurring_complaints {
      let group = try #require(found.groups.first { $0.memberIDs.contains(known.petitions[0]) })
      if known.petitions_after.isEmpty {
        #expect(!group.petitionsAfterFix.contains { known.petitions.contains($0) && !known.petitions_after.contains($0) }
                || group.fixReport?.id != known.rectification)
      } else {
        #expect(group.cameBack, "\(known.unit) should be flagged")
        #expect(group.fixReport?.id == known.rectification, "\(known.unit): fix \(String(describing: group.fixReport))")
        #expect(Set(group.petitionsAfterFix).isSuperset(of: known.petitions_after))
      }
    }
  }

  @Test func groupsAreRankedBySizeThenRecencyAndDescribed() throws {
    let found = try Self.groups(minimumSize: 3)
    #expect(!found.groups.isEmpty)
    #expect(found.groups.allSatisfy { $0.size >= 3 })
    for (a, b) in zip(found.groups, found.groups.dropFirst()) {
      #expect(a.size > b.size || (a.size == b.size && (a.last ?? Day(daysSinceEpoch: 0)) >= (b.last ?? Day(daysSinceEpoch: 0))))
    }
    let first = found.groups[0]
    #expect(first.months.reduce(0) { $0 + $1.count } == first.size)
    #expect(first.first != nil && first.first! <= first.last!)
    #expect(found.petitionsConsidered >= 300)
  }

  @Test func scopeFiltersByRegionDateAndQuery() throws {
    let finder = RecurringComplaintFinder(units: try SampleCorpus.units(), regions: try SampleCorpus.regions())
    let searcher = try SampleCorpus.searcher()
    let heshan = try finder.find(in: searcher, scope: .init(region: "赫山区"))
    #expect(!heshan.groups.isEmpty)
    #expect(heshan.groups.allSatisfy { $0.region == "赫山区" })
    let city = try finder.find(in: searcher, scope: .init(region: "益阳市"))
    #expect(city.petitionsConsidered > heshan.petitionsConsidered)
    let dated = try finder.find(in: searcher, scope: .init(from: Day(iso: "2021-01-01"), to: Day(iso: "2021-12-31")))
    #expect(dated.groups.allSatisfy { $0.first!.year == 2021 && $0.last!.year == 2021 })
    let pigs = try finder.find(in: searcher, scope: .init(query: try QueryParser().parse("兴旺猪场")))
    #expect(pigs.groups.contains { $0.unit == "赫山区兴旺生猪养殖场" })
    #expect(pigs.petitionsConsidered < city.petitionsConsidered)
  }

  @Test func minHashFindsNearDuplicatesAndSeparatesUnrelatedText() {
    let hasher = MinHasher()
    let a = hasher.signature(of: "金源那个纸厂长期乱排废水，排到下游鱼塘，水面漂着白沫。")
    let b = hasher.signature(of: "金源那个纸厂长期乱排废水，排到下游鱼塘，水面漂着白沫！！")
    let c = hasher.signature(of: "某KTV噪音扰民，唱歌声音到凌晨两点。")
    #expect(hasher.similarity(a, b) >= 0.8)
    #expect(hasher.similarity(a, c) <= 0.2)
    #expect(hasher.candidatePairs([a, b, c]).contains(MinHasher.Pair(0, 1)))
    #expect(!hasher.candidatePairs([a, b, c]).contains(MinHasher.Pair(0, 2)))
  }

  @Test func minHashSettingsOutOfRangeAreClamped() {
    let text = "金源那个纸厂长期乱排废水，排到下游鱼塘。"
    let huge = MinHasher(shingleLength: .max, bands: .max, rows: .max)
    #expect(huge.shingleLength == 64 && huge.bands == 1_024 && huge.rows == 64 && huge.hashCount == 65_536)
    var hasher = MinHasher()
    hasher.rows = -1
    hasher.shingleLength = -1
    hasher.bands = 0
    #expect(hasher.rows == 1 && hasher.shingleLength == 1 && hasher.bands == 1)
    let signature = hasher.signature(of: text)
    #expect(signature.count == 1)
    #expect(hasher.similarity(signature, hasher.signature(of: text)) == 1)
    // A text with no shingle is similar to nothing, itself included.
    let empty = MinHasher().signature(of: "，。！")
    #expect(MinHasher().similarity(empty, empty) == 0)
  }

  @Test func candidatePairsIgnoreSignaturesWithoutAPartition() {
    let hasher = MinHasher()
    let a = hasher.signature(of: "金源那个纸厂长期乱排废水，排到下游鱼塘，水面漂着白沫。")
    let b = hasher.signature(of: "金源那个纸厂长期乱排废水，排到下游鱼塘，水面漂着白沫！！")
    #expect(hasher.candidatePairs([a, b, a], partitions: [0, 0]) == [MinHasher.Pair(0, 1)])
    #expect(hasher.candidatePairs([a, b], partitions: []).isEmpty)
    #expect(hasher.candidatePairs([a, b], partitions: [0, 1]).isEmpty)
  }

  @Test func caseNumbersAreFoundInReports() {
    let text = "交办信访件（受理编号：D430902201801190011、X430902201812190011）反映：ZG-2018 不是编号，ABCD430902201801190011 也不是。T2020031202"
    #expect(CaseNumbers.find(in: text) == ["D430902201801190011", "X430902201812190011", "T2020031202"])
  }
}

@Suite struct StoredDocumentBatchTests {
  /// The block-at-a-time reader the grouping scan uses returns what `document(_:)` returns.
  @Test func batchDecodingMatchesSingleDocuments() throws {
    let reader = try SampleCorpus.reader()
    for segment in reader.segments {
      let every = Array(0..<segment.maxDoc)
      let sparse = every.filter { $0 % 3 != 1 }
      for docs in [every, sparse, [segment.maxDoc - 1], []] {
        var seen: [UInt32] = []
        try segment.documents(docs) { doc, document in
          seen.append(doc)
          #expect(document == (try? segment.document(doc)))
        }
        #expect(seen == docs)
      }
    }
  }
}
