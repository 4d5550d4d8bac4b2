/// Collects the expansions of every lookup form, deduplicated, in file order.
///
/// Each word maps to the words it also matches. A word in several groups
/// gets the union of their members, each once, in the order first seen.
/// A form with punctuation or spaces (`nh3-n`) is also entered under its
/// letters and digits alone (`nh3n`), because a caller that joins the word
/// tokens of a query (`nh3` + `n`) looks it up that way.
struct SynonymTableBuilder {
  private(set) var table: [String: [String]] = [:]
  private var seen: [String: Set<String>] = [:]

  /// Every member matches every other member.
  mutating func addEquivalence(_ members: [String]) {
    for member in members {
      for other in members { add(other, to: member) }
    }
  }

  /// Every left-side member matches every right-side member, not the reverse.
  mutating func addOneWay(from left: [String], to right: [String]) {
    for member in left {
      for target in right { add(target, to: member) }
    }
  }

  private mutating func add(_ expansion: String, to key: String) {
    insert(expansion, under: key)
    let compact = Self.compactForm(key)
    if compact != key, !compact.isEmpty {
      insert(expansion, under: compact)
    }
  }

  private mutating func insert(_ expansion: String, under key: String) {
    guard expansion != key, Self.compactForm(expansion) != key else { return }
    guard seen[key, default: []].insert(expansion).inserted else { return }
    table[key, default: []].append(expansion)
  }

  /// The letters and digits of a form, without punctuation, symbols or spaces.
  static func compactForm(_ form: String) -> String {
    String(form.filter { $0.isLetter || $0.isNumber })
  }
}
