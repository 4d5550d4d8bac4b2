/// Collects the expansions of every lookup form, deduplicated, in file order.
///
/// Each word maps to the words it also matches. A word in several groups
/// gets the union of their members, each once, in the order first seen.
/// Keys are lookup forms; values are members as first written, so a caller
/// can analyze them like query text. A form with punctuation or spaces
/// (`nh3-n`) is also entered under its letters and digits alone (`nh3n`),
/// because a caller that joins the word tokens of a query (`nh3` + `n`)
/// looks it up that way.
///
/// Forms are interned to integers while the file is read, so the work per
/// pair of members is integer set operations; strings are hashed once per
/// member and once per entry of the final table.
struct SynonymTableBuilder {
  /// A member: its lookup form and how the file writes it.
  typealias Member = (form: String, written: String)

  /// Form to its number.
  private var numbers: [String: Int] = [:]
  /// Number to form.
  private var forms: [String] = []
  /// Number to the first spelling of a member with this form; `nil` for a
  /// form that is only a letters-and-digits alias.
  private var spellings: [String?] = []
  /// Number to the number of its letters-and-digits alias, when it differs.
  private var aliases: [Int?] = []
  /// Number to the numbers it expands to, in order of insertion.
  private var expansions: [[Int]] = []
  private var seen: [Set<Int>] = []

  /// Every member matches every other member.
  mutating func addEquivalence(_ members: [Member]) {
    let ids = members.map { intern($0) }
    for id in ids {
      for other in ids { add(other, to: id) }
    }
  }

  /// Every left-side member matches every right-side member, not the reverse.
  mutating func addOneWay(from left: [Member], to right: [Member]) {
    let sources = left.map { intern($0) }
    let targets = right.map { intern($0) }
    for source in sources {
      for target in targets { add(target, to: source) }
    }
  }

  /// The finished table: lookup form to the members (as written) it expands to.
  var table: [String: [String]] {
    var result: [String: [String]] = [:]
    result.reserveCapacity(forms.count)
    for (id, list) in expansions.enumerated() where !list.isEmpty {
      result[forms[id]] = list.map { spellings[$0] ?? forms[$0] }
    }
    return result
  }

  // MARK: - Internals

  private mutating func intern(_ member: Member) -> Int {
    let id = intern(form: member.form)
    if spellings[id] == nil { spellings[id] = member.written }
    return id
  }

  private mutating func intern(form: String) -> Int {
    if let id = numbers[form] { return id }
    let id = forms.count
    numbers[form] = id
    forms.append(form)
    spellings.append(nil)
    aliases.append(nil)
    expansions.append([])
    seen.append([])
    let compact = Self.compactForm(form)
    if compact != form, !compact.isEmpty {
      aliases[id] = intern(form: compact)
    }
    return id
  }

  private mutating func add(_ expansion: Int, to key: Int) {
    insert(expansion, under: key)
    if let alias = aliases[key] { insert(expansion, under: alias) }
  }

  private mutating func insert(_ expansion: Int, under key: Int) {
    // A word never expands to itself, nor to a spelling of itself.
    guard expansion != key, aliases[expansion] != key else { return }
    guard seen[key].insert(expansion).inserted else { return }
    expansions[key].append(expansion)
  }

  /// The letters and digits of a form, without punctuation, symbols or spaces.
  static func compactForm(_ form: String) -> String {
    var scalars = String.UnicodeScalarView()
    var changed = false
    for scalar in form.unicodeScalars {
      let keep: Bool
      switch scalar.value {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3400...0x9FFF: keep = true
      case 0x00...0x7F: keep = false
      default:
        let properties = scalar.properties
        keep = properties.isAlphabetic || properties.numericType != nil
          || properties.generalCategory == .nonspacingMark
      }
      if keep { scalars.append(scalar) } else { changed = true }
    }
    return changed ? String(scalars) : form
  }
}
