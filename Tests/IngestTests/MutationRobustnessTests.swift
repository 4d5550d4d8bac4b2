import Foundation
import Ingest
import Testing

/// Seeded random damage to good records: reading never traps and every line is accounted for.
///
/// Set `SEED=n` to reproduce a run; the seed is printed.
@Suite struct MutationRobustnessTests {
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
  }

  static let samples = [
    #"{"id":"D430903202009150012","title":"兴旺猪场粪污直排","date":"2020-09-15","body":"臭味熏人，COD 86mg/L","tags":[1,{"a":null}]}"#,
    #"{"id":7,"type":"briefing","title":"工作简报","body":"督察组进驻\n第二段 \u4e2d \ud83d\ude00","x":-1.5e3}"#,
    #"{"id":"X1","body":"ＰＭ２．５ 浓度 75微克/立方米","unit":"洞庭码头","score":true}"#,
  ]

  static func mutate(_ line: [UInt8], _ rng: inout Generator) -> [UInt8] {
    var bytes = line
    for _ in 0..<Int.random(in: 0...3, using: &rng) {
      guard !bytes.isEmpty else { break }
      let at = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<6, using: &rng) {
      case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
      case 1: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
      case 2: bytes.remove(at: at)
      case 3: bytes = Array(bytes[..<at])
      case 4: bytes.insert(contentsOf: Array(#"[{"\"#.utf8), at: at)
      default: bytes[at] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "}"), 0xE5, 0x0D][Int.random(in: 0..<5, using: &rng)]
      }
    }
    return bytes
  }

  @Test func damagedJSONLinesAreAllAccountedFor() throws {
    let seed = Self.seed
    print("MutationRobustnessTests seed: \(seed) (SEED=\(seed) to reproduce)")
    var rng = Generator(state: seed)
    var file: [UInt8] = []
    for i in 0..<3000 {
      let line = Array(Self.samples[i % Self.samples.count].utf8).map { $0 == UInt8(ascii: "7") && i % 2 == 0 ? UInt8(ascii: "8") : $0 }
      file += (i % 4 == 0 ? line : Self.mutate(line, &rng)) + [0x0A]
    }
    let folder = try TemporaryFolder()
    let path = try folder.write("damaged.jsonl", file)
    var options = IngestOptions()
    options.maxConsecutiveErrors = 1_000_000
    options.maxErrorsPerFile = 1_000_000
    let result = try readAll([path], options: options)
    let lines = file.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().count
    #expect(result.counts.isBalanced)
    #expect(result.counts.recordsRead == lines)
    #expect(result.counts.documents >= 750)
    #expect(result.rejected.allSatisfy { $0.location.line >= 1 && $0.location.byteOffset < file.count })
  }

  @Test func damagedCSVRowsAreAllAccountedFor() throws {
    let seed = Self.seed
    var rng = Generator(state: seed ^ 0x5A5A)
    var file = Array("受理编号,交办问题基本情况,行政区域\n".utf8)
    for i in 0..<2000 {
      let row = Array("D\(i),\"群众反映，金源纸厂\"\"偷排\"\"废水\",资阳区".utf8)
      file += (i % 3 == 0 ? row : Self.mutate(row, &rng)) + [0x0A]
    }
    let folder = try TemporaryFolder()
    let path = try folder.write("damaged.csv", file)
    var options = IngestOptions()
    options.maxErrorsPerFile = 1_000_000
    let result = try readAll([path], options: options)
    #expect(result.counts.isBalanced)
    #expect(result.counts.documents >= 600)
  }
}
