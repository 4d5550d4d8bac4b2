// Random lines from the characters the grammar cares about: the parser
// either builds a map or throws a SynonymError, and never traps.
import Foundation
import Testing
import QueryEngine

struct SynonymRandomInputTests {
  /// A small deterministic generator (SplitMix64), so a failure reproduces from its seed.
  struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  }

  static let alphabet: [String] = [
    ",", "，", "、", "=", ">", "=>", "＝＞", "＝", "＞", "#", "＃", " ", "\t", "　", "\n", "\r\n", "\r",
    "噪音", "噪声", "吵", "养殖场", "猪场", "COD", "ＣＯＤ", "cod", "NH3-N", "氨氮", "1#", "é", "\u{301}",
    "\u{FEFF}", "\u{200B}", "\u{0}", "\u{7F}", "🐖", "👨‍👩‍👧",
  ]

  @Test func randomTextEitherLoadsOrFailsWithAPosition() {
    let seed = ProcessInfo.processInfo.environment["SEED"].flatMap(UInt64.init) ?? 20_260_915
    var random = SplitMix64(state: seed)
    var loaded = 0
    var failed = 0
    for _ in 0..<2000 {
      var text = ""
      for _ in 0..<(1 + random.below(24)) { text += Self.alphabet[random.below(Self.alphabet.count)] }
      do {
        let map = try SynonymMap(text: text, source: "random")
        loaded += 1
        for group in map.groups {
          for member in group.members {
            let key = member.lowercased()
            #expect(!map.expansions(of: key).contains { $0.lowercased() == key }, "seed \(seed): \(text)")
          }
        }
      } catch let error as SynonymError {
        failed += 1
        let lines = text.dropFirst(text.first == "\u{FEFF}" ? 1 : 0)
          .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        #expect(error.line >= 1 && error.line <= lines.count, "seed \(seed): \(text)")
        if error.line >= 1 && error.line <= lines.count {
          #expect(error.column >= 1 && error.column <= lines[error.line - 1].count + 1, "seed \(seed): \(text)")
        }
      } catch {
        Issue.record("seed \(seed): unexpected error \(error) for \(text)")
      }
    }
    #expect(loaded > 0 && failed > 0, "seed \(seed): both outcomes should occur")
  }
}
