import Foundation
import Ingest
import Testing

@Suite struct EncodingTests {
  /// `{"id":"G1","title":"资阳区金源纸厂偷排废水","body":"群众反映臭味难闻"}` in GB18030.
  static let gb18030Line: [UInt8] = [
    0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0x47, 0x31, 0x22, 0x2C, 0x22, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x22, 0x3A,
    0x22, 0xD7, 0xCA, 0xD1, 0xF4, 0xC7, 0xF8, 0xBD, 0xF0, 0xD4, 0xB4, 0xD6, 0xBD, 0xB3, 0xA7, 0xCD, 0xB5, 0xC5, 0xC5,
    0xB7, 0xCF, 0xCB, 0xAE, 0x22, 0x2C, 0x22, 0x62, 0x6F, 0x64, 0x79, 0x22, 0x3A, 0x22, 0xC8, 0xBA, 0xD6, 0xDA, 0xB7,
    0xB4, 0xD3, 0xB3, 0xB3, 0xF4, 0xCE, 0xB6, 0xC4, 0xD1, 0xCE, 0xC5, 0x22, 0x7D,
  ]
  /// `{"id":"T1","title":"瓊湖化工廠偷排廢氣","body":"居民反映刺鼻氣味，頭暈噁心"}` in Big5.
  static let big5Line: [UInt8] = [
    0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0x54, 0x31, 0x22, 0x2C, 0x22, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x22, 0x3A,
    0x22, 0xC3, 0xA3, 0xB4, 0xF2, 0xA4, 0xC6, 0xA4, 0x75, 0xBC, 0x74, 0xB0, 0xBD, 0xB1, 0xC6, 0xBC, 0x6F, 0xAE, 0xF0,
    0x22, 0x2C, 0x22, 0x62, 0x6F, 0x64, 0x79, 0x22, 0x3A, 0x22, 0xA9, 0x7E, 0xA5, 0xC1, 0xA4, 0xCF, 0xAC, 0x4D, 0xA8,
    0xEB, 0xBB, 0xF3, 0xAE, 0xF0, 0xA8, 0xFD, 0xA1, 0x41, 0xC0, 0x59, 0xB7, 0x77, 0xE4, 0xFA, 0xA4, 0xDF, 0x22, 0x7D,
  ]

  @Test func gb18030IsDetectedAndDecoded() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("gbk.jsonl", Self.gb18030Line + [0x0D, 0x0A])
    let result = try readAll([path])
    #expect(result.document("G1")?.title == "资阳区金源纸厂偷排废水")
    #expect(result.document("G1")?.body == "群众反映臭味难闻")
    #expect(result.warnings.map(\.message) == ["decoded as GB18030"])
  }

  @Test func big5IsDetectedAndDecoded() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("big5.jsonl", Self.big5Line + [0x0A])
    let result = try readAll([path])
    #expect(result.document("T1")?.title == "瓊湖化工廠偷排廢氣")
    #expect(result.document("T1")?.body == "居民反映刺鼻氣味，頭暈噁心")
    #expect(result.warnings.map(\.message) == ["decoded as Big5"])
  }

  @Test func encodingOverrideWins() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("gbk.jsonl", Self.gb18030Line + [0x0A])
    var options = IngestOptions()
    options.encoding = "gbk"
    let result = try readAll([path], options: options)
    #expect(result.document("G1")?.title == "资阳区金源纸厂偷排废水")
    #expect(result.warnings.map(\.message) == ["decoded as GB18030 (--encoding)"])
    options.encoding = "latin-9"
    #expect(throws: DocumentSource.Failure.self) { try readAll([path], options: options) }
  }

  @Test func truncatedGB18030SequenceRejectsOnlyItsRecord() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("t.jsonl", Self.gb18030Line + [0x0A] + Array(#"{"id":"G2","body":""#.utf8) + [0x81, 0x30])
    let result = try readAll([path])
    #expect(result.documents.map(\.id) == ["G1"])
    let offset = Self.gb18030Line.count + 1 + 19
    #expect(result.rejected.map(\.message) == ["truncated GB18030 sequence at byte \(offset) (0x81 0x30)"])
  }

  @Test func utf16WithBOMIsDecoded() throws {
    let folder = try TemporaryFolder()
    let text = "益阳市工作简报\n2022 年 3 月 1 日\n南县开展砂石码头扬尘整治。\n"
    var bytes: [UInt8] = [0xFE, 0xFF]
    for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    try folder.write("notice.txt", bytes)
    let result = try readAll([folder.path])
    let document = try #require(result.documents.first)
    #expect(document.title == "益阳市工作简报")
    #expect(document.date == Day(year: 2022, month: 3, day: 1))
  }

  /// One bad code unit in a UTF-16 file rejects its record, not the file:
  /// a lone surrogate in line 2 of three, an odd last byte after line 3.
  @Test func aDamagedUTF16RecordIsRejectedAndTheRestRead() throws {
    let folder = try TemporaryFolder()
    let lines = [#"{"id":"U-1","body":"码头夜间噪声扰民"}"#, #"{"id":"U-2","body":"养猪场X臭味"}"#, #"{"id":"U-3","body":"河道黑臭"}"#]
    var bytes: [UInt8] = [0xFF, 0xFE]
    for (number, line) in lines.enumerated() {
      for unit in line.utf16 {
        let value = number == 1 && unit == UInt16(UInt8(ascii: "X")) ? 0xD800 : unit  // a lone high surrogate
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
      }
      bytes += [0x0A, 0x00]
    }
    bytes.append(0x41)  // half a code unit
    let path = try folder.write("export.jsonl", bytes)
    let result = try readAll([path])
    #expect(result.documents.map(\.id) == ["U-1", "U-3"])
    #expect(result.rejected.map(\.location.line) == [2, 4], "\(result.rejected)")
    #expect(result.rejected.first?.message.hasPrefix("invalid UTF-8 at byte") == true)
    #expect(result.warnings.contains { $0.message.hasPrefix("2 invalid UTF-16LE code unit(s), the first at byte") })
    #expect(result.counts.isBalanced && result.counts.rejectedFiles == 0)
    var options = IngestOptions()
    options.replaceInvalid = true
    let repaired = try readAll([path], options: options)
    #expect(repaired.documents.map(\.body).contains("养猪场\u{FFFD}臭味"))
  }

  @Test func utf16WithoutBOMIsReadWhenAskedFor() throws {
    let folder = try TemporaryFolder()
    var bytes: [UInt8] = []
    for unit in #"{"id":"U-1","body":"码头夜间噪声扰民"}"#.utf16 + [10] { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let path = try folder.write("export.jsonl", bytes)
    // Detected, its NUL bytes make it look binary (and, named on the command line, it is rejected);
    // with its encoding named, it is text.
    #expect(try readAll([path]).counts.rejectedFiles == 1)
    #expect(try readAll([folder.path]).counts.skippedFiles == 1, "found in a folder, skipped")
    var options = IngestOptions()
    options.encoding = "utf-16le"
    let result = try readAll([path], options: options)
    #expect(result.documents.map(\.body) == ["码头夜间噪声扰民"])
    #expect(result.counts.skippedFiles == 0)
    // Magic bytes still make a file binary.
    let pdf = try folder.write("scan.txt", Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0, count: 64))
    #expect(try readAll([pdf], options: options).issues.first?.message == "binary content (PDF), not a document file")
  }

  @Test func undecodableFileIsRejectedNamingOffsets() throws {
    // A GB18030 line (噪声, invalid as UTF-8) and a line valid in no encoding:
    // text in a legacy encoding with damage, rejected whole with the offsets.
    let folder = try TemporaryFolder()
    let gb18030: [UInt8] = [0xD4, 0xEB, 0xC9, 0xF9]
    let path = try folder.write("junk.jsonl", Array("{\"id\":\"1\",\"body\":\"".utf8) + gb18030 + Array("\"}\n".utf8)
                                  + [0xFF, 0xFF, 0xFF, 0x0A])
    let result = try readAll([path])
    #expect(result.counts.rejectedFiles == 1)
    #expect(result.rejected.first?.message.contains("UTF-8 (first invalid byte at 18)") == true,
            "\(result.rejected.map(\.message))")
  }

  @Test func asciiWithADamagedLineLosesOnlyThatLine() throws {
    // No line of it is text in any encoding but ASCII: the damage is the
    // line's, not the file's (RELIABILITY.md #1).
    let folder = try TemporaryFolder()
    let path = try folder.write("ascii.jsonl", Array("{\"id\":\"1\",\"body\":\"ok\"}\n".utf8)
                                  + Array("{\"id\":\"2\",\"body\":\"bad ".utf8) + [0xFF] + Array("\"}\n".utf8)
                                  + Array("{\"id\":\"3\",\"body\":\"ok\"}\n".utf8))
    let result = try readAll([path])
    #expect(result.documents.map(\.id) == ["1", "3"])
    #expect(result.counts.rejectedFiles == 0)
    #expect(result.rejected.count == 1)
    #expect(result.rejected.first?.location.line == 2)
    #expect(result.rejected.first?.message.contains("invalid UTF-8") == true, "\(result.rejected.map(\.message))")
  }

  @Test func utf8BOMIsStrippedWithANote() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("bom.csv", [0xEF, 0xBB, 0xBF] + Array("受理编号,交办问题基本情况\nD1,噪音扰民\n".utf8))
    let result = try readAll([path])
    #expect(result.document("D1")?.body == "噪音扰民")
    #expect(result.warnings.map(\.message) == ["UTF-8 byte order mark stripped"])
  }

  /// A file named on the command line that cannot be read as documents is
  /// rejected (the batch then exits 2, and --strict commits nothing); found
  /// in a folder, the same file is skipped.
  @Test func namedFilesThatAreNoDocumentsAreRejected() throws {
    let folder = try TemporaryFolder()
    let json = try folder.write("delivery/arr.json", Array(#"[{"id":"A-1","body":"噪声"}]"#.utf8))
    let pdf = try folder.write("delivery/scan.jsonl", Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0, count: 64))
    let named = try readAll([json, pdf])
    #expect(named.counts.rejectedFiles == 2 && named.counts.skippedFiles == 0)
    #expect(named.issues.map(\.severity) == [.rejected, .rejected])
    #expect(named.issues.map(\.message) == [
      "unsupported file type (expected .jsonl, .ndjson, .csv, .tsv, .md, .markdown or .txt)",
      "binary content (PDF), not a document file",
    ])
    let walked = try readAll([folder.path + "/delivery"])
    #expect(walked.counts.rejectedFiles == 0 && walked.counts.skippedFiles == 2)
  }

  @Test func binaryAndEmptyFilesAreReportedNotRead() throws {
    let folder = try TemporaryFolder()
    try folder.write("scan.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
    try folder.write("empty.jsonl", [])
    let result = try readAll([folder.path])
    #expect(result.documents.isEmpty)
    #expect(result.issues.map(\.message) == ["empty file", "binary content (PNG), skipped"])
    #expect(result.counts.skippedFiles == 1)
  }
}
