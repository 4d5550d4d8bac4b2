import Foundation
import Ingest
import Testing

@Suite struct CSVReaderTests {
  @Test func disclosureTableColumnsMapToFields() throws {
    let folder = try TemporaryFolder()
    let csv = """
      受理编号,交办日期,交办问题基本情况,行政区域,被举报单位,污染类型,调查核实情况,是否属实,处理和整改情况,备注\r
      D430902202009150012,2020-09-15,"资阳区长春镇村民反映，金源纸厂晚上偷排黑水，河水发臭。",资阳区,益阳市金源造纸有限公司,水,"经现场核查，COD 135mg/L，超标。",属实,"责令停产整改，罚款 20 万元。",无\r
      X430902202010080011,2020-10-08,"又有人反映金源造纸污水直排，
      气味难闻。",资阳区,金源纸厂,水,经核查基本属实。,基本属实,已完成整改。,\r

      """
    let path = try folder.write("cases.csv", csv)
    let result = try readAll([path])
    #expect(result.rejected.isEmpty)
    #expect(result.documents.count == 2)
    let first = try #require(result.document("D430902202009150012"))
    #expect(first.type == "petition")
    #expect(first.title == "资阳区长春镇村民反映")
    #expect(first.date == Day(year: 2020, month: 9, day: 15))
    #expect(first.region == "资阳区")
    #expect(first.unit == "益阳市金源造纸有限公司")
    #expect(first.category == "水")
    #expect(first.body.hasPrefix("资阳区长春镇村民反映，金源纸厂晚上偷排黑水，河水发臭。\n\n【调查核实情况】\n经现场核查，COD 135mg/L，超标。"))
    #expect(first.body.contains("【是否属实】\n属实"))
    #expect(first.extra.contains(ExtraField(name: "是否属实", json: "\"属实\"")))
    #expect(first.extra.contains(ExtraField(name: "备注", json: "\"无\"")))
    let second = try #require(result.document("X430902202010080011"))
    #expect(second.body.hasPrefix("又有人反映金源造纸污水直排，\n气味难闻。"))
    #expect(result.locations.map(\.line) == [2, 3])
  }

  @Test func quotedFieldsWithNewlinesKeepPhysicalLineNumbers() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.csv", "id,body\n1,\"两行\n内容\"\n2,\"他说\"\"臭\"\"\"\n3,普通\n")
    let result = try readAll([path])
    #expect(result.documents.map(\.body) == ["两行\n内容", "他说\"臭\"", "普通"])
    #expect(result.locations.map(\.line) == [2, 4, 5])
  }

  /// Excel's "CSV (Macintosh)" ends lines with CR alone: read as line
  /// breaks (with a warning), offsets and line numbers the file's; a
  /// header with no rows says so instead of reading nothing in silence.
  @Test func classicMacLineEndsAndHeaderOnlyFiles() throws {
    let folder = try TemporaryFolder()
    let mac = try folder.write("mac.csv", "受理编号,标题,内容\rR-1,猪场臭味,养猪场臭味扰民\rR-2,码头扬尘,\"砂石码头\r扬尘\"\r")
    let result = try readAll([mac])
    #expect(result.documents.map(\.id) == ["R-1", "R-2"])
    #expect(result.documents.last?.body == "砂石码头\n扬尘")
    #expect(result.locations.map(\.line) == [2, 3])
    #expect(result.locations.map(\.byteOffset) == [27, 66])
    #expect(result.warnings.map(\.message) == ["lines end in CR alone (classic Mac): read as line breaks"])
    let tsv = try folder.write("mac.tsv", "id\tbody\rT-1\t夜间噪声\r")
    #expect(try readAll([tsv]).documents.map(\.body) == ["夜间噪声"])

    let header = try folder.write("header.csv", "受理编号,标题,内容\r\n")
    let empty = try readAll([header])
    #expect(empty.documents.isEmpty && empty.counts.recordsRead == 0)
    #expect(empty.warnings.map(\.message) == ["a header row only: the file holds no records"])
    let rejectedOnly = try readAll([try folder.write("bad.csv", "id,body\n1\n")])
    #expect(rejectedOnly.warnings.isEmpty && rejectedOnly.rejected.count == 1, "a rejected row is a record")
  }

  /// A case table's 类型 column in Chinese is stored as the schema's value,
  /// and a table in Traditional characters (a Big5 export) has its headers
  /// understood; unknown type values are kept as written.
  @Test func chineseTypeNamesAndTraditionalHeaders() throws {
    let folder = try TemporaryFolder()
    let csv = "受理编号,类型,内容\nA-1,信访件,夜间噪声扰民\nA-2,整改方案,完成整改\nA-3,工作简报,督察进驻\nA-4,其他,备案\n"
    let result = try readAll([try folder.write("types.csv", csv)])
    #expect(result.documents.map(\.type) == ["petition", "rectification", "briefing", "其他"])
    let jsonl = #"{"id":"J-1","type":"群众举报","body":"臭味"}"# + "\n" + #"{"id":"J-2","type":" Rectification ","body":"整改"}"#
    #expect(try readAll([try folder.write("types.jsonl", jsonl + "\n")]).documents.map(\.type) == ["petition", "rectification"])

    let traditional = "受理編號,標題,內容,日期,行政區域,類型\nB-1,碼頭揚塵,砂石碼頭揚塵,2021年5月6日,南縣,信訪件\n"
    let big5 = try folder.write("big5.csv", "")
    try Data(try #require(traditional.data(using: String.Encoding(rawValue: 0x8000_0A03)))).write(to: URL(fileURLWithPath: big5))
    var options = IngestOptions()
    options.encoding = "big5"
    let read = try readAll([big5], options: options)
    #expect(read.rejected.isEmpty, "\(read.rejected)")
    let document = try #require(read.document("B-1"))
    #expect(document.title == "碼頭揚塵" && document.body == "砂石碼頭揚塵" && document.region == "南縣")
    #expect(document.type == "petition" && document.date == Day(year: 2021, month: 5, day: 6))
  }

  @Test func raggedRowsAndUnterminatedQuotesAreRejectedAndReadingContinues() throws {
    let folder = try TemporaryFolder()
    let text = "id,body,region\n1,粉尘,南县\n2,少一列\n3,\"引号没有关闭,南县\n4,噪声,南县\n5,废水,沅江市\n"
    let path = try folder.write("a.csv", text)
    let result = try readAll([path])
    #expect(result.rejected.map(\.message) == ["row has 2 fields, the header has 3", "quote opened at line 4 never closed"])
    #expect(result.rejected.map(\.location.line) == [3, 4])
    #expect(result.documents.map(\.id) == ["1", "4", "5"])
    #expect(result.counts.isBalanced)
  }

  @Test func tsvWithEnglishHeadersAndDuplicateColumns() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.tsv", "id\ttype\ttitle\tdate\tnote\tnote\nR1\trectification\t整改方案\t2021-05-06\t甲\t乙\n")
    let result = try readAll([path])
    let document = try #require(result.document("R1"))
    #expect(document.type == "rectification")
    #expect(document.extra == [ExtraField(name: "note", json: "\"甲\""), ExtraField(name: "note_2", json: "\"乙\"")])
    #expect(result.warnings.map(\.message) == [#"duplicate column name "note" renamed to "note_2""#])
  }

  @Test func missingHeaderRejectsTheFile() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.csv", "D1,反映排污,赫山区\n")
    let result = try readAll([path])
    #expect(result.counts.rejectedFiles == 1)
    #expect(result.documents.isEmpty)
  }
}
