/// Which words a query word also matches: the domain synonyms of a synonym file.
///
/// Citizens, clerks and inspectors name the same thing differently (噪音 and
/// 噪声, 偷排 and 直排, COD and 化学需氧量). A `SynonymMap` is read from a plain
/// text file, one group per line (the format is in `docs/SYNONYMS.md` and at
/// the top of `corpus/synonyms.txt`), and answers, for a word or phrase in
/// lookup form, which other words it expands to. Query-time expansion uses
/// it; the index never depends on it, so editing the file needs no re-index.
///
/// Members are keyed by lookup form: each member as written, passed through
/// the `normalize` closure given at load time (the query analyzer's
/// normalizer: NFKC, case folding, Traditional to Simplified), so `COD`,
/// `ＣＯＤ` and `cod` are one key. Expansions come back as written, for the
/// caller to analyze like query text. Expansion is not transitive: a word
/// expands only to the members of the groups it belongs to.
///
/// - Complexity: `expansions(of:)` is one dictionary lookup, O(1) in the size
///   of the file.
public struct SynonymMap: Sendable, Hashable {
  /// A line longer than this many UTF-8 bytes is an error.
  public static let maximumLineBytes = 4096
  /// A group with more members than this (both sides together) is an error.
  public static let maximumGroupMembers = 64
  /// A file larger than this many bytes is refused by `load(path:normalize:)`.
  public static let maximumFileBytes = 16 << 20

  /// No synonyms: every word expands to nothing.
  public static let empty = SynonymMap(groups: [], warnings: [], table: [:], checksum: fnv1a64Hex(""))

  /// The groups of the file, in file order, members as written.
  public let groups: [SynonymGroup]
  /// Members and groups that normalization made useless and that were
  /// therefore ignored, each with its line and column: a member that
  /// normalizes to nothing (only stop words, say), a group whose members all
  /// normalize to one word. They depend on the analyzer, not on the file's
  /// syntax, so they do not stop loading; a caller may print them.
  public let warnings: [SynonymError]
  /// A stable checksum of the file's text (FNV-1a, 64 bits, 16 hex digits),
  /// for reports and for telling which file a result was expanded with.
  public let checksum: String
  /// Lookup form to the members it expands to (as written), in file order.
  private let table: [String: [String]]

  private init(groups: [SynonymGroup], warnings: [SynonymError], table: [String: [String]],
               checksum: String) {
    self.groups = groups
    self.warnings = warnings
    self.table = table
    self.checksum = checksum
  }

  /// Parses the contents of a synonym file.
  ///
  /// A byte order mark at the start is skipped. Lines end with `\n`, `\r\n`
  /// or `\r`.
  ///
  /// - Parameters:
  ///   - text: the whole file.
  ///   - source: the name errors give for the text, usually its path.
  ///   - normalize: maps a member to its lookup form; pass the normalizer the
  ///     query analyzer applies to query words.
  /// - Throws: `SynonymError` naming `source`, the line and the column of the
  ///   first malformed line: an empty member, an empty side of `=>`, two
  ///   `=>`, a group of one member, a control character, a line over
  ///   `maximumLineBytes`, a group over `maximumGroupMembers`. What the
  ///   normalizer makes of members is not an error: see `warnings`.
  public init(text: String, source: String,
              normalize: @Sendable (String) -> String = { $0.lowercased() }) throws {
    let parser = SynonymLineParser(source: source, maximumLineBytes: Self.maximumLineBytes,
                                   maximumGroupMembers: Self.maximumGroupMembers)
    var body = Substring(text)
    if body.first == "\u{FEFF}" { body = body.dropFirst() }

    var builder = SynonymTableBuilder()
    var groups: [SynonymGroup] = []
    var warnings: [SynonymError] = []
    var number = 0
    for line in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      number += 1
      guard let parsed = try parser.parse(line, number: number) else { continue }
      func warn(_ column: Int, _ message: String) {
        warnings.append(SynonymError(source: source, line: number, column: column, message: message))
      }
      let members = Self.lookupForms(parsed.members, normalize, warn: warn)
      let targets = Self.lookupForms(parsed.targets, normalize, warn: warn)
      switch parsed.kind {
      case .equivalence:
        if Set(members.map(\.form)).count < 2 {
          warn(parsed.members[0].column,
               "group ignored: its members are fewer than two different words after normalization")
        } else {
          builder.addEquivalence(members.map { ($0.form, $0.written) })
        }
      case .oneWay:
        if members.isEmpty || targets.allSatisfy({ target in members.contains { $0.form == target.form } }) {
          warn(parsed.arrowColumn,
               "group ignored: after normalization one side of '=>' is empty or the right side adds nothing")
        } else {
          builder.addOneWay(from: members.map { ($0.form, $0.written) },
                            to: targets.map { ($0.form, $0.written) })
        }
      }
      groups.append(SynonymGroup(kind: parsed.kind, members: parsed.members.map(\.text),
                                 targets: parsed.targets.map(\.text), line: number))
    }
    self.init(groups: groups, warnings: warnings, table: builder.table, checksum: Self.fnv1a64Hex(text))
  }

  /// The number of groups (non-blank, non-comment lines) in the file.
  public var groupCount: Int { groups.count }

  /// Whether the map has no groups at all.
  public var isEmpty: Bool { groups.isEmpty }

  /// The other members a word or phrase expands to, in file order, without
  /// itself; `[]` if it belongs to no group.
  ///
  /// The term must be in lookup form (normalized as at load time). When it is
  /// in several groups, the expansions are their union, each once, in the
  /// order of the file. A member written with punctuation or spaces
  /// (`NH3-N`, `mg/L`) is also found by its letters and digits alone
  /// (`nh3n`, `mgl`): the form a caller gets by joining the word tokens of a
  /// query.
  ///
  /// Expansions are members as written in the file (`NH3-N`, not its lookup
  /// form), so the caller analyzes them like query text and gets the same
  /// terms and token boundaries the index holds. Members with one lookup form
  /// (`NH3-N` and `NH₃-N`) count once, under their first spelling.
  ///
  /// - Complexity: O(1) (one dictionary lookup).
  public func expansions(of term: String) -> [String] {
    table[term] ?? []
  }

  // MARK: - Building

  /// A parsed member in lookup form, with where it was written.
  private struct LookupForm {
    var form: String
    var written: String
    var column: Int
  }

  /// The members in lookup form, without those that normalize to nothing.
  private static func lookupForms(_ members: [SynonymLineParser.Member], _ normalize: (String) -> String,
                                  warn: (Int, String) -> Void) -> [LookupForm] {
    members.compactMap { member in
      let form = normalize(member.text).trimmingWhitespace()
      if form.isEmpty {
        warn(member.column, "member '\(member.text)' ignored: it is empty after normalization")
        return nil
      }
      return LookupForm(form: form, written: member.text, column: member.column)
    }
  }

  /// FNV-1a (64 bits) of the UTF-8 bytes, as 16 lowercase hex digits.
  static func fnv1a64Hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

extension String {
  /// The string without leading and trailing whitespace (including U+3000).
  fileprivate func trimmingWhitespace() -> String {
    guard let first = firstIndex(where: { !$0.isSynonymSpace }),
          let last = lastIndex(where: { !$0.isSynonymSpace })
    else { return "" }
    return String(self[first...last])
  }
}
