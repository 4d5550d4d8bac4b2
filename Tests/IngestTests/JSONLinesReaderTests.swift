import Foundation
import Ingest
import Testing

@Suite struct JSONLinesReaderTests {
  @Test func aTimeAfterTheDayIsIgnored() throws {
    let folder = try TemporaryFolder()
    let values = ["2020-09-15T10:00", "2020-09-15 10:00", "2020-09-15 10:00:00", "２０２０－０９－１５　１０：００",
                  "2020/9/15 8:05", "2020-09-15 abc"]
    let text = values.enumerated().map { #"{"id":"\#($0.offset)","body":"噪声","date":"\#($0.element)"}"# }
      .joined(separator: "\n") + "\n"
    let path = try folder.write("dates.jsonl", text)
    let result = try readAll([path])
    let day = Day(year: 2020, month: 9, day: 15)
    #expect(result.documents.map(\.date) == [day, day, day, day, day, nil])
    #expect(result.warnings.count == 1, "\(result.warnings.map(\.message))")
  }

  @Test func decodedDaysAreValidatedLikeParsedOnes() throws {
    let decoder = JSONDecoder()
    let day = try decoder.decode(Day.self, from: Data(#"{"year":2020,"month":2,"day":29}"#.utf8))
    #expect(day == Day(year: 2020, month: 2, day: 29))
    #expect(try decoder.decode(Day.self, from: try JSONEncoder().encode(day)) == day)
    for json in [#"{"year":2021,"month":2,"day":29}"#, #"{"year":10000000,"month":1,"day":1}"#,
                 #"{"year":9223372036854775807,"month":1,"day":1}"#, #"{"year":0,"month":12,"day":31}"#] {
      #expect(throws: DecodingError.self, "\(json)") { try decoder.decode(Day.self, from: Data(json.utf8)) }
    }
    // Every Int32 is a day that converts back.
    for days in [Int32.min, -1, 0, 18_520, Int32.max] {
      #expect(Day(daysSinceEpoch: days).daysSinceEpoch == days)
    }
  }

  @Test func schemaFieldsAreMappedAndOtherFieldsKeptVerbatim() throws {
    let folder = try TemporaryFolder()
    let line1 = #"{"id":"D430903202009150012","type":"petition","title":"兴旺猪场粪污直排","date":"2020年9月15日","region":"赫山区","unit":"赫山区兴旺生猪养殖场","category":"水","body":"村民反映猪场臭味熏人，COD 86mg/L。","tags": ["养殖", 1],"score":1.50}"#
    let line2 = #"{"id":42,"title":"金源纸厂废水","date":"2021/3/7","body":"黑水直排资江"}"#
    let path = try folder.write("petitions.jsonl", line1 + "\n" + line2 + "\n")
    let result = try readAll([path])
    #expect(result.counts == IngestCounts(files: 1, recordsRead: 2, documents: 2))
    let first = try #require(result.document("D430903202009150012"))
    #expect(first.type == "petition")
    #expect(first.region == "赫山区")
    #expect(first.unit == "赫山区兴旺生猪养殖场")
    #expect(first.category == "水")
    #expect(first.date == Day(year: 2020, month: 9, day: 15))
    #expect(first.body.contains("COD 86mg/L"))
    #expect(first.extra == [ExtraField(name: "tags", json: #"["养殖", 1]"#), ExtraField(name: "score", json: "1.50")])
    let second = try #require(result.document("42"))
    #expect(second.date == Day(year: 2021, month: 3, day: 7))
    #expect(result.locations[1] == SourceLocation(file: path, line: 2, byteOffset: line1.utf8.count + 1))
    #expect(result.locations[1].description == "\(path):2 (byte \(line1.utf8.count + 1))")
  }

  @Test func invalidUTF8IsRejectedAtItsByteOffsetAndTheRestIsRead() throws {
    let folder = try TemporaryFolder()
    let good = Array(#"{"id":"1","body":"臭味"}"#.utf8) + [0x0A]
    let bad = Array(#"{"id":"2","body":"ab"#.utf8) + [0xFF] + Array(#"cd"}"#.utf8) + [0x0A]
    let path = try folder.write("a.jsonl", good + bad + good.map { $0 == UInt8(ascii: "1") ? UInt8(ascii: "3") : $0 })
    let result = try readAll([path])
    #expect(result.documents.map(\.id) == ["1", "3"])
    let issue = try #require(result.rejected.first)
    let offset = good.count + 20
    #expect(issue.location == SourceLocation(file: path, line: 2, byteOffset: offset))
    #expect(issue.message == "invalid UTF-8 at byte \(offset) (0xFF)")
    #expect(result.counts.isBalanced)
  }

  @Test func syntaxErrorsNameTheColumn() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.jsonl", "{\"id\":\"1\",\"body\":\"x\",}\n{\"id\":\"2\",\"body\":\"扬尘\"}\n")
    let result = try readAll([path])
    #expect(result.documents.map(\.id) == ["2"])
    #expect(result.rejected.map(\.message) == ["col 22: unexpected '}', expected a string key"])
    #expect(result.rejected.first?.location.byteOffset == 21)
  }

  @Test func oversizeLineIsRejectedWithItsSizeWithoutStoppingTheFile() throws {
    let folder = try TemporaryFolder()
    let huge = #"{"id":"big","body":""# + String(repeating: "噪声", count: 500_000) + #""}"#
    let path = try folder.write("big.jsonl", huge + "\n" + #"{"id":"after","body":"ok"}"# + "\n")
    var options = IngestOptions()
    options.maxRecordBytes = 64 << 10
    let result = try readAll([path], options: options)
    #expect(result.documents.map(\.id) == ["after"])
    #expect(result.rejected.map(\.message) == ["record of \(huge.utf8.count) bytes exceeds the limit of 65536 bytes"])
    #expect(result.rejected.first?.location.line == 1)
  }

  @Test func loneSurrogateBecomesReplacementCharacterWithWarning() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.jsonl", #"{"id":"s","body":"噪\ud800声 \ud83d\ude00"}"# + "\n")
    let result = try readAll([path])
    #expect(result.document("s")?.body == "噪\u{FFFD}声 😀")
    #expect(result.warnings.map(\.message) == ["col 22: lone surrogate escape replaced by U+FFFD"])
  }

  @Test func duplicateIdsAcrossFilesWarnWithBothPlaces() throws {
    let folder = try TemporaryFolder()
    let a = try folder.write("a.jsonl", #"{"id":"X1","body":"第一次"}"# + "\n")
    try folder.write("b.jsonl", "\n" + #"{"id":"X1","body":"更正后"}"# + "\n")
    let result = try readAll([folder.path])
    #expect(result.documents.map(\.body) == ["第一次", "更正后"])
    #expect(result.warnings.map(\.message) == ["duplicate id \"X1\" (also at \(a):1); the later record replaces the earlier"])
    #expect(result.counts == IngestCounts(files: 2, recordsRead: 3, documents: 2, skipped: 1))
  }

  @Test func limitsBelowOneCountAsOne() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.jsonl", "{\"id\":\"1\",\"body\":\"噪声\"}\n{\"id\":\"2\",\"body\":\"臭味\"}\n")
    var options = IngestOptions()
    options.maxConsecutiveErrors = 0
    options.maxErrorsPerFile = -5
    options.maxRecordBytes = .min
    #expect(options.maxConsecutiveErrors == 1 && options.maxErrorsPerFile == 1 && options.maxRecordBytes == 1)
    options.maxRecordBytes = 1 << 20
    // A valid file is read whole: no budget is spent before a record is rejected.
    let result = try readAll([path], options: options)
    #expect(result.documents.map(\.id) == ["1", "2"])
    #expect(result.counts.rejectedFiles == 0)
  }

  @Test func errorBudgetStopsAFloodOfBadRecords() throws {
    let folder = try TemporaryFolder()
    var text = ""
    for i in 0..<30 { text += i % 2 == 0 ? "{\"title\":\"没有编号\"}\n" : "{\"id\":\"\(i)\",\"body\":\"x\"}\n" }
    let path = try folder.write("a.jsonl", text)
    var options = IngestOptions()
    options.maxErrorsPerFile = 5
    let result = try readAll([path], options: options)
    #expect(result.counts.rejected == 5)
    #expect(result.counts.rejectedFiles == 1)
    #expect(result.counts.isBalanced)
    #expect(result.rejected.last?.message.hasPrefix("stopped after 5 rejected records") == true)
  }

  @Test func emptyDocumentsAreRejectedUnlessAllowed() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.jsonl", #"{"id":"7","body":"  "}"# + "\n")
    #expect(try readAll([path]).rejected.map(\.message) == [#"empty content (no title and an empty body), id "7""#])
    var options = IngestOptions()
    options.allowEmpty = true
    #expect(try readAll([path], options: options).documents.map(\.id) == ["7"])
  }

  @Test func recordsAcrossReadChunksKeepExactOffsets() throws {
    let folder = try TemporaryFolder()
    var text = ""
    var offsets: [Int] = []
    for i in 0..<40_000 {
      offsets.append(text.utf8.count)
      let line = #"{"id":"P\#(i)","body":"\#(String(repeating: "扬尘", count: 1 + i % 37))"}"#
      text += line + (i % 3 == 0 ? "\r\n" : "\n")
    }
    let path = try folder.write("many.jsonl", text)
    let result = try readAll([path])
    #expect(result.counts == IngestCounts(files: 1, recordsRead: 40_000, documents: 40_000))
    #expect(result.locations.map(\.byteOffset).elementsEqual(offsets), "offsets differ")
    #expect(result.locations.last?.line == 40_000)
    #expect(result.document("P39999")?.body == String(repeating: "扬尘", count: 1 + 39_999 % 37))
  }

  @Test func invalidUTF8CanBeReplacedInsteadOfRejected() throws {
    let folder = try TemporaryFolder()
    let line = Array(#"{"id":"r","body":"ab"#.utf8) + [0xFF] + Array(#"cd"}"#.utf8) + [0x0A]
    let path = try folder.write("a.jsonl", line)
    var options = IngestOptions()
    options.replaceInvalid = true
    let result = try readAll([path], options: options)
    #expect(result.document("r")?.body == "ab\u{FFFD}cd")
    #expect(result.warnings.map(\.message) == ["invalid UTF-8 at byte 20 (0xFF) replaced by U+FFFD"])
    #expect(result.counts == IngestCounts(files: 1, recordsRead: 1, documents: 1))
  }

  @Test func missingIdsCanComeFromTheLocation() throws {
    let folder = try TemporaryFolder()
    try folder.write("petitions/a.jsonl", #"{"id":"1","body":"x"}"# + "\n" + #"{"title":"没有编号","body":"噪声扰民"}"# + "\n")
    var options = IngestOptions()
    #expect(try readAll([folder.path], options: options).rejected.map(\.message) == [#"missing "id""#])
    options.idFromLocation = true
    let result = try readAll([folder.path], options: options)
    #expect(result.documents.map(\.id) == ["1", "petitions/a.jsonl:2"])
    #expect(result.warnings.map(\.message) == [#"missing "id"; using "petitions/a.jsonl:2""#])
  }
}
