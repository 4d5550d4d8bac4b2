import TextAnalysis

/// Finds many names in text in one pass: leftmost, longest, non-overlapping.
///
/// Names are compared scalar by scalar after `NameMatcher.fold` (full-width
/// ASCII to half width, ASCII letters to lower case, Traditional characters
/// to Simplified), a cheap character-level pass that needs no ICU. Candidate names are indexed by their first scalar,
/// longest first, so a scan costs one dictionary probe per scalar of the text
/// plus a comparison for each name starting with that scalar.
struct NameMatcher: Sendable {
  /// A name found in text: what it stands for and where (scalar offsets).
  struct Match: Hashable, Sendable {
    var payload: Int
    var start: Int
    var length: Int
  }

  private var byFirstScalar: [UInt32: [(scalars: [UInt32], payload: Int)]] = [:]

  /// Each name with the number it stands for (a unit's or a region's index).
  init(_ names: [(name: String, payload: Int)]) {
    for (name, payload) in names {
      let scalars = Self.folded(name)
      guard let first = scalars.first else { continue }
      byFirstScalar[first, default: []].append((scalars, payload))
    }
    for key in byFirstScalar.keys {
      byFirstScalar[key]?.sort { $0.scalars.count > $1.scalars.count }
    }
  }

  var isEmpty: Bool { byFirstScalar.isEmpty }

  /// The names in `text`, in order of appearance.
  func matches(in text: String) -> [Match] {
    matches(inFolded: Self.folded(text))
  }

  /// The names in text already passed through `folded`.
  func matches(inFolded text: [UInt32]) -> [Match] {
    var result: [Match] = []
    var i = 0
    let count = text.count
    while i < count {
      if let candidates = byFirstScalar[text[i]] {
        var matched = 0
        for candidate in candidates where candidate.scalars.count <= count - i {
          var j = 1
          let length = candidate.scalars.count
          while j < length && text[i + j] == candidate.scalars[j] { j += 1 }
          if j == length {
            result.append(Match(payload: candidate.payload, start: i, length: length))
            matched = length
            break
          }
        }
        if matched > 0 {
          i += matched
          continue
        }
      }
      i += 1
    }
    return result
  }

  /// The exact-match payload of a whole string, if it is one of the names.
  func payload(ofWhole text: String) -> Int? {
    let scalars = Self.folded(text)
    guard let first = scalars.first, let candidates = byFirstScalar[first] else { return nil }
    return candidates.first { $0.scalars == scalars }?.payload
  }

  /// Scalars with full-width ASCII folded to half width, ASCII letters
  /// lowered and Traditional characters simplified (反彈 → 反弹, 紙廠 → 纸厂,
  /// character by character, as the analyzer's table does).
  static func folded(_ text: String) -> [UInt32] {
    var result: [UInt32] = []
    result.reserveCapacity(text.utf8.count / 2)
    let table = CharacterTable.shared
    for scalar in text.unicodeScalars { result.append(fold(scalar.value, table)) }
    return result
  }

  @inline(__always)
  static func fold(_ value: UInt32, _ table: CharacterTable = .shared) -> UInt32 {
    var v = value
    if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 { v = 0x20 }
    if v >= 0x41 && v <= 0x5A { v += 0x20 }
    return v >= 0x3400 ? table.simplify(v) : v
  }
}
