/// Reads one line of a synonym file into members and their columns.
///
/// The grammar, per line:
///
///     line    = blank | comment | group [comment]
///     group   = members | members "=>" members
///     members = member { separator member }
///     separator = "," | "，" | "、"
///     comment = "#" ...   (at the start, or after whitespace)
///
/// `＝＞` (full width, as a Chinese input method types it) is read as `=>`
/// and `＃` as `#`. A `#` glued to the previous character is part of a
/// member, so `1#锅炉` stays a word. Members are trimmed of whitespace,
/// including the ideographic space U+3000. Normalization is not done here:
/// the parser keeps members as written, with the column each starts at, so
/// the caller can report a member that normalizes to nothing.
struct SynonymLineParser {
  /// A member as written and the 1-based character column it starts at.
  struct Member: Equatable {
    var text: String
    var column: Int
  }

  /// A group as written.
  struct ParsedGroup: Equatable {
    var kind: SynonymGroup.Kind
    /// All members of an equivalence group, or the left side of a one-way group.
    var members: [Member]
    /// The right side of a one-way group.
    var targets: [Member]
    /// The column of `=>`, or 0 for an equivalence group.
    var arrowColumn: Int
  }

  let source: String
  let maximumLineBytes: Int
  let maximumGroupMembers: Int

  /// Parses one line; `nil` for a blank or comment-only line.
  ///
  /// - Parameter number: the 1-based line number, for errors.
  /// - Throws: `SynonymError` naming the line and column of the first problem.
  func parse(_ line: Substring, number: Int) throws -> ParsedGroup? {
    let characters = Array(line)
    try checkLength(line, characters: characters, number: number)
    try checkControlCharacters(characters, number: number)

    // The scalar of each single-scalar character, for fast comparisons.
    let codes = characters.map(Self.code)
    let end = commentStart(characters, codes)
    if characters[0..<end].allSatisfy(\.isSynonymSpace) { return nil }

    let arrows = arrowPositions(codes[0..<end])
    if arrows.count > 1 {
      throw error(number, arrows[1] + 1, "a group has at most one '=>'; found a second one")
    }
    if let arrow = arrows.first {
      let left = try members(characters, codes, 0..<arrow, number: number,
                             emptySide: "expected at least one member before '=>'", emptySideColumn: arrow + 1)
      let right = try members(characters, codes, (arrow + 2)..<end, number: number,
                              emptySide: "expected at least one member after '=>'", emptySideColumn: arrow + 1)
      try checkCount(left + right, number: number)
      return ParsedGroup(kind: .oneWay, members: left, targets: right, arrowColumn: arrow + 1)
    }
    let all = try members(characters, codes, 0..<end, number: number,
                          emptySide: "expected a member", emptySideColumn: 1)
    try checkCount(all, number: number)
    if all.count < 2 {
      throw error(number, all[0].column,
                  "a group needs at least two members separated by ',' '，' or '、' "
                    + "(or 'a => b' for a one-way group); found only '\(all[0].text)'")
    }
    return ParsedGroup(kind: .equivalence, members: all, targets: [], arrowColumn: 0)
  }

  // MARK: - Line checks

  private func checkLength(_ line: Substring, characters: [Character], number: Int) throws {
    let bytes = line.utf8.count
    guard bytes > maximumLineBytes else { return }
    // Point at the character that crosses the limit.
    var total = 0
    var column = 1
    for (index, character) in characters.enumerated() {
      total += character.utf8.count
      if total > maximumLineBytes {
        column = index + 1
        break
      }
    }
    throw error(number, column,
                "line is \(bytes) bytes long; a line may have at most \(maximumLineBytes) bytes "
                  + "(split the group into several lines)")
  }

  private func checkControlCharacters(_ characters: [Character], number: Int) throws {
    for (index, character) in characters.enumerated() {
      // General category Cc is exactly U+0000–U+001F and U+007F–U+009F.
      for scalar in character.unicodeScalars
      where (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        throw error(number, index + 1, "unexpected control character U+\(padded)")
      }
    }
  }

  private func checkCount(_ all: [Member], number: Int) throws {
    guard all.count > maximumGroupMembers else { return }
    throw error(number, all[maximumGroupMembers].column,
                "a group may have at most \(maximumGroupMembers) members; this one has \(all.count) "
                  + "(split it into several groups)")
  }

  // MARK: - Scanning

  /// The index where a comment starts, or the line's length.
  private func commentStart(_ characters: [Character], _ codes: [UInt32]) -> Int {
    for (index, code) in codes.enumerated() where code == 0x23 || code == 0xFF03 {  // # ＃
      if index == 0 || characters[index - 1].isSynonymSpace { return index }
    }
    return characters.count
  }

  /// The indices of every `=>` (or `＝＞`) in the content.
  private func arrowPositions(_ codes: ArraySlice<UInt32>) -> [Int] {
    var positions: [Int] = []
    var index = codes.startIndex
    while index + 1 < codes.endIndex {
      let pair = (codes[index], codes[index + 1])
      if pair == (0x3D, 0x3E) || pair == (0xFF1D, 0xFF1E) {  // => ＝＞
        positions.append(index)
        index += 2
      } else {
        index += 1
      }
    }
    return positions
  }

  /// `,` `，` `、`
  private static func isSeparator(_ code: UInt32) -> Bool {
    code == 0x2C || code == 0xFF0C || code == 0x3001
  }

  /// `=` `＝`
  private static func isEquals(_ code: UInt32) -> Bool {
    code == 0x3D || code == 0xFF1D
  }

  /// The scalar value of a one-scalar character; 0 for a cluster of several.
  private static func code(_ character: Character) -> UInt32 {
    let scalars = character.unicodeScalars
    guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
      return 0
    }
    return first.value
  }

  /// The members of one side of a group, each trimmed, with its column.
  ///
  /// - Parameters:
  ///   - range: the characters of this side; what follows it (a separator is
  ///     never last) is an arrow, a comment or the end of the line.
  ///   - emptySide: the message when the whole side is blank.
  private func members(_ characters: [Character], _ codes: [UInt32], _ range: Range<Int>, number: Int,
                       emptySide: String, emptySideColumn: Int) throws -> [Member] {
    // Segments between separators, as index ranges.
    var segments: [(start: Int, end: Int)] = []
    var start = range.lowerBound
    for index in range where Self.isSeparator(codes[index]) {
      segments.append((start, index))
      start = index + 1
    }
    segments.append((start, range.upperBound))

    if segments.count == 1, characters[range].allSatisfy(\.isSynonymSpace) {
      throw error(number, emptySideColumn, emptySide)
    }
    var result: [Member] = []
    for (position, segment) in segments.enumerated() {
      let slice = characters[segment.start..<segment.end]
      guard let first = slice.firstIndex(where: { !$0.isSynonymSpace }),
            let last = slice.lastIndex(where: { !$0.isSynonymSpace })
      else {
        // The column where the member should have been: the next separator,
        // the arrow, the comment or the end of the line.
        let column = segment.end + 1
        let message: String
        if position > 0 {
          message = "empty member: expected a word or phrase after '\(characters[segment.start - 1])'"
        } else {
          message = "empty member: expected a word or phrase before '\(characters[segment.end])'"
        }
        throw error(number, column, message)
      }
      if let equals = codes[first...last].firstIndex(where: Self.isEquals) {
        throw error(number, equals + 1, "unexpected '=' in a member; a one-way group is written 'a => b'")
      }
      result.append(Member(text: String(slice[first...last]), column: first + 1))
    }
    return result
  }

  private func error(_ line: Int, _ column: Int, _ message: String) -> SynonymError {
    SynonymError(source: source, line: line, column: column, message: message)
  }
}

extension Character {
  /// `isWhitespace`, answered without a Unicode property lookup for the
  /// characters a synonym file is made of (ASCII and CJK ideographs).
  var isSynonymSpace: Bool {
    guard let scalar = unicodeScalars.first else { return false }
    switch scalar.value {
    case 0x20, 0x09...0x0D: return true
    case 0x21...0x7E, 0x3400...0x9FFF: return false
    default: return isWhitespace
    }
  }
}
