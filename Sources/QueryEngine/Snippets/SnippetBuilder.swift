#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TextAnalysis

/// Picks the best window of a body for a hit and marks the matched words.
///
/// Matches are the query's normalized terms found in the body: verbatim when
/// the body is already in normal form, otherwise in the analyzer's
/// normalized form of the body, mapped back so that highlights point at the
/// original characters (full-width and Traditional text included). The window (about
/// `windowCharacters` long) is the one holding the most distinct query words
/// (in any case or script; a synonym counts as the word it stands for), then
/// the most matches (counted over its first three quarters);
/// it starts up to 20 characters before its first match, or just after
/// sentence punctuation within 40, and ends at sentence punctuation in its
/// last fifth when there is one; it widens to hold whole any match it would
/// cut. Newlines become spaces.
struct SnippetBuilder: Sendable {
  var analyzer: Analyzer
  var windowCharacters = 100
  /// The strings to look for (`needles(_:)`), as UTF-8 and UTF-16, worked
  /// out once per search rather than once per hit.
  private let needleBytes: [[UInt8]]
  private let needleUnits: [[UInt16]]
  /// Whether a needle holds a letter or digit outside the Han block, which
  /// case folding and full-width forms can change in a body.
  private let needlesHaveNonHan: Bool
  /// The needles' characters: a Traditional character of a body matters only
  /// when its Simplified form is one of them.
  private let needleCharacters: Set<UInt32>
  /// Each needle's query word, numbered (a synonym has its word's number),
  /// so that a snippet counts distinct words without comparing strings.
  private let needleWords: [Int]

  init(analyzer: Analyzer, terms: HighlightTerms) {
    self.analyzer = analyzer
    let needles = Self.needles(terms)
    needleBytes = needles.map { Array($0.utf8) }
    needleUnits = needles.map { Array($0.utf16) }
    needlesHaveNonHan = needles.contains { $0.unicodeScalars.contains { !(0x4E00...0x9FFF).contains($0.value) } }
    needleCharacters = Set(needles.flatMap { $0.unicodeScalars.map(\.value) })
    // The query's words in the normal form the needles are in.
    let normalized = Analyzer.normalizedText
    let typed = Set(terms.typed.map(normalized))
    var sameAs: [String: String] = [:]
    for (synonym, word) in terms.sameAs { sameAs[normalized(synonym)] = normalized(word) }
    var numbers: [String: Int] = [:]
    needleWords = needles.map { needle in
      let word = typed.contains(needle) ? needle : sameAs[needle] ?? needle
      if let number = numbers[word] { return number }
      numbers[word] = numbers.count
      return numbers.count - 1
    }
  }

  /// The snippet of a body given as its UTF-8 bytes (as stored: a hit's
  /// body need not become a `String`). Bytes that are not valid UTF-8 never
  /// match and are replaced in the snippet's text.
  func snippet(ofUTF8 utf8: [UInt8]) -> Snippet? {
    guard !utf8.isEmpty else { return nil }
    // Fast path: most bodies are already in normal form (Simplified,
    // half-width, lower case), so the query terms occur byte for byte.
    // Otherwise search the normalized form and map the hits back to the
    // original bytes: all of them, as a body holding cod may hold ＣＯＤ too.
    let found = Self.needsNormalization(utf8, hanOnly: !needlesHaveNonHan, characters: needleCharacters)
      ? normalizedMatches(inUTF8: utf8) ?? directMatches(in: utf8) : directMatches(in: utf8)
    let matches = found.highlights
    // Windows are measured in characters; walk the UTF-8 bytes instead of
    // building arrays of the whole body's characters.
    let count = utf8.count
    func isStart(_ byte: Int) -> Bool { utf8[byte] & 0xC0 != 0x80 }
    func nextStart(_ byte: Int) -> Int {
      var next = byte + 1
      while next < count, !isStart(next) { next += 1 }
      return next
    }
    func previousStart(_ byte: Int) -> Int {
      var previous = byte - 1
      while previous > 0, !isStart(previous) { previous -= 1 }
      return previous
    }
    func endsSentence(_ byte: Int) -> Bool {
      // Every sentence end is ASCII or a three-byte character.
      let lead = utf8[byte]
      if lead < 0x80 { return Self.endsSentence(UInt32(lead)) }
      guard lead & 0xF0 == 0xE0, byte + 2 < count else { return false }
      let value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[byte + 1] & 0x3F) << 6 | UInt32(utf8[byte + 2] & 0x3F)
      return Self.endsSentence(value)
    }
    var first = 0
    if let best = bestWindow(found.each, words: found.words, in: utf8) {
      // Start a little before the first match, at sentence punctuation if near.
      var anchor = best.lowerBound
      if anchor < count, !isStart(anchor) { anchor = nextStart(anchor) }
      var start = anchor
      var probe = anchor
      for back in 1...40 {
        guard probe > 0 else { break }
        probe = previousStart(probe)
        if back <= 20 { start = probe }
        if endsSentence(probe) {
          start = nextStart(probe)
          break
        }
      }
      first = start
    }
    // A highlight is never cut in two: the window widens to hold it whole.
    for match in matches where match.lowerBound < first && first < match.upperBound { first = match.lowerBound }
    var last = first
    var taken = 0
    while taken < windowCharacters, last < count {
      last = nextStart(last)
      taken += 1
    }
    if last < count {
      // End at sentence punctuation within the last fifth of the window.
      var probe = last
      for _ in 0..<(windowCharacters - 1 - windowCharacters * 4 / 5) {
        probe = previousStart(probe)
        if endsSentence(probe) {
          last = nextStart(probe)
          break
        }
      }
    }
    for match in matches where match.lowerBound < last && last < match.upperBound { last = match.upperBound }
    let range = first..<last
    var text = String(decoding: utf8[range], as: UTF8.self)
    var highlights = matches.compactMap { match -> Range<Int>? in
      let lower = max(match.lowerBound, range.lowerBound)
      let upper = min(match.upperBound, range.upperBound)
      return lower < upper ? (lower - range.lowerBound)..<(upper - range.lowerBound) : nil
    }
    // Keep snippets on one line.
    if Self.mayHoldNewline(utf8[range]) { (text, highlights) = Self.spacingNewlines(utf8[range], highlights) }
    return Snippet(text: text, sourceRange: range, highlights: highlights, isTruncatedAtStart: range.lowerBound > 0,
                   isTruncatedAtEnd: range.upperBound < count)
  }

  /// Whether UTF-8 bytes hold a character that `Character.isNewline`
  /// accepts (U+000A–U+000D, U+0085, U+2028, U+2029).
  static func mayHoldNewline(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.indices.contains { newlineLength(bytes, at: $0) > 0 }
  }

  /// The bytes of the newline character starting at `i` (CR LF is one
  /// character), or 0 if none starts there.
  @inline(__always)
  static func newlineLength(_ bytes: ArraySlice<UInt8>, at i: Int) -> Int {
    let byte = bytes[i]
    let end = bytes.endIndex
    if byte >= 0x0A && byte <= 0x0D { return byte == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A ? 2 : 1 }
    if byte == 0xC2, i + 1 < end, bytes[i + 1] == 0x85 { return 2 }
    if byte == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return 3 }
    return 0
  }

  /// The text of UTF-8 `bytes` with every character that
  /// `Character.isNewline` accepts replaced by one space, and `highlights`
  /// (byte ranges of `bytes`, ascending) moved to match.
  ///
  /// Works on bytes: each newline scalar is a character of its own
  /// (grapheme rules break around controls and separators), except CR LF,
  /// which is one. A newline of several bytes shortens the text, so later
  /// highlights move left.
  static func spacingNewlines(_ bytes: ArraySlice<UInt8>, _ highlights: [Range<Int>]) -> (String, [Range<Int>]) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var shifts: [(from: Int, by: Int)] = []  // offsets at and after `from` move left `by`
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let length = newlineLength(bytes, at: i)
      if length > 0 {
        output.append(0x20)
        i += length
        if length > 1 { shifts.append((i - bytes.startIndex, i - bytes.startIndex - output.count)) }
      } else {
        output.append(bytes[i])
        i += 1
      }
    }
    guard !shifts.isEmpty else { return (String(decoding: output, as: UTF8.self), highlights) }
    func moved(_ offset: Int) -> Int {
      var by = 0
      for shift in shifts {
        if shift.from > offset { break }
        by = shift.by
      }
      return offset - by
    }
    return (String(decoding: output, as: UTF8.self), highlights.map { moved($0.lowerBound)..<moved($0.upperBound) })
  }

  /// Byte ranges where a query word, or a Chinese phrase, occurs verbatim,
  /// merged and sorted, each with the number of its query word.
  func directMatches(in utf8: [UInt8]) -> Matches {
    var found: [(Range<Int>, Int)] = []
    for (index, needle) in needleBytes.enumerated() {
      for range in Self.byteOccurrences(of: needle, in: utf8) { found.append((range, needleWords[index])) }
    }
    return Self.merged(found)
  }

  /// `occurrences(of:in:)` for UTF-8: candidates are found with `memchr`
  /// on the needle's last byte (a continuation byte for Chinese, far more
  /// selective than a lead byte), then compared with `memcmp`.
  static func byteOccurrences(of needle: [UInt8], in text: [UInt8]) -> [Range<Int>] {
    guard let lastByte = needle.last, needle.count <= text.count else { return [] }
    let isWord = needle.allSatisfy { $0 < 0x80 }
    let tail = needle.count - 1
    var ranges: [Range<Int>] = []
    text.withUnsafeBytes { haystack in
      needle.withUnsafeBytes { pattern in
        guard let start = haystack.baseAddress, let patternStart = pattern.baseAddress else { return }
        var index = 0  // the first start still possible
        while index + needle.count <= text.count {
          guard let hit = memchr(start + index + tail, Int32(lastByte), text.count - index - tail) else { return }
          let at = start.distance(to: UnsafeRawPointer(hit)) - tail
          let end = at + needle.count
          if memcmp(start + at, patternStart, needle.count) == 0,
             !isWord || standsAlone(needle, before: at == 0 ? nil : text[at - 1], after: end == text.count ? nil : text[end]) {
            ranges.append(at..<end)
            index = end
          } else {
            index = at + 1
          }
        }
      }
    }
    return ranges
  }

  /// Whether an ASCII needle found between `before` and `after` (nil at
  /// the text's ends) is a word there, as the analyzer cuts words: not
  /// inside a longer Latin or number word (`cod` in `codex`, `10` in `pm10`),
  /// but a number before its unit and the unit after it are two words
  /// (`86` and `mg` in `86mg`).
  static func standsAlone<Unit: FixedWidthInteger>(_ needle: [Unit], before: Unit?, after: Unit?) -> Bool {
    func byte(_ unit: Unit) -> UInt8? { unit < 0x80 ? UInt8(unit) : nil }
    func isDigit(_ unit: Unit?) -> Bool { unit.flatMap(byte).map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    func isAlphanumeric(_ unit: Unit?) -> Bool { unit.flatMap(byte).map(isASCIIAlphanumeric) ?? false }
    func isLetter(_ unit: Unit?) -> Bool { isAlphanumeric(unit) && !isDigit(unit) }
    let startsWord = !isAlphanumeric(before) || (isDigit(before) && isLetter(needle.first))
    let endsWord = !isAlphanumeric(after) || (isDigit(needle.last) && isLetter(after))
    return startsWord && endsWord
  }

  /// Where `needle` occurs in `text`, without overlaps. A needle of ASCII
  /// only (a Latin word, a number) must stand alone (`standsAlone`): `cod`
  /// is not found inside `codex`; Chinese words may sit inside longer words.
  static func occurrences<Unit: FixedWidthInteger>(of needle: [Unit], in text: [Unit]) -> [Range<Int>] {
    guard let first = needle.first, needle.count <= text.count else { return [] }
    let isWord = needle.allSatisfy { $0 < 0x80 }
    var ranges: [Range<Int>] = []
    var index = 0
    let last = text.count - needle.count
    while index <= last {
      let end = index + needle.count
      if text[index] == first, text[index..<end].elementsEqual(needle),
         !isWord || standsAlone(needle, before: index == 0 ? nil : text[index - 1], after: end == text.count ? nil : text[end]) {
        ranges.append(index..<end)
        index = end
      } else {
        index += 1
      }
    }
    return ranges
  }

  static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  /// The ranges sorted, overlapping or touching ones joined, for the
  /// highlights; and every match with its word number in
  /// order for choosing the window (two words side by side, 噪声扬尘, are one
  /// highlight but two words).
  static func merged(_ found: [(Range<Int>, Int)]) -> Matches {
    let sorted = found.sorted { $0.0.lowerBound < $1.0.lowerBound }
    var ranges: [Range<Int>] = []
    for (range, _) in sorted {
      if let last = ranges.last, range.lowerBound <= last.upperBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        ranges.append(range)
      }
    }
    return Matches(highlights: ranges, each: sorted.map(\.0), words: sorted.map(\.1))
  }

  /// The matches of a body: merged for highlighting, and one by one with
  /// their query words' numbers.
  struct Matches {
    var highlights: [Range<Int>]
    var each: [Range<Int>]
    var words: [Int]
  }

  /// Whether analysis could find a match that a verbatim search cannot:
  /// the text has characters that normalization changes (full-width forms,
  /// capitals, Traditional characters). With `hanOnly` (every needle is Han
  /// characters), only characters that normalization turns into Han can
  /// matter; a Traditional character matters only when its Simplified form
  /// is one of `characters` (the needles'). Invalid UTF-8
  /// sequences are passed over.
  static func needsNormalization(_ utf8: [UInt8], hanOnly: Bool, characters: Set<UInt32>) -> Bool {
    let table = CharacterTable.shared
    var iterator = utf8.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if isTraditional(scalar.value) {
          // The normalizer's own Traditional → Simplified table.
          if characters.contains(table.simplify(scalar.value)) { return true }
          continue
        }
        if hanOnly {
          // Han needles: only a character normalization turns into Han can
          // matter (radicals, kanbun, enclosed and compatibility ideographs);
          // Latin, digits, Roman numerals and the like cannot.
          switch scalar.value {
          case 0x2E80...0x2FDF, 0x3190...0x319F, 0x3200...0x33FF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
          default: continue
          }
        }
        if changesUnderNormalization(scalar) { return true }
      case .emptyInput: return false
      case .error: continue
      }
    }
  }

  @inline(__always)
  private static func changesUnderNormalization(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A }
    // CJK Unified Ideographs are letters that NFKC case folding leaves
    // alone (a test checks the whole block): skip the property look-ups.
    if scalar.value >= 0x4E00 && scalar.value <= 0x9FFF { return false }
    // Punctuation and spaces (full-width commas, ideographic space) are
    // never part of a term, whatever normalization does to them.
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
         .letterNumber, .otherNumber:
      return scalar.properties.changesWhenNFKCCaseFolded
    default:
      return false
    }
  }

  /// Code points the analyzer maps from Traditional to Simplified, one bit
  /// each (a look-up per character of a body: a Set hashed each one).
  static let traditional: [UInt64] = {
    var pairs: [UInt32] = []
    TraditionalSimplifiedTable.forEachPair { traditional, _ in pairs.append(traditional) }
    var bits = [UInt64](repeating: 0, count: Int((pairs.max() ?? 0) >> 6) + 1)
    for value in pairs { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) }
    return bits
  }()

  @inline(__always)
  static func isTraditional(_ value: UInt32) -> Bool {
    let word = Int(value >> 6)
    return word < traditional.count && traditional[word] & (1 << UInt64(value & 63)) != 0
  }

  /// Whether a code point ends a sentence: 。！？； and their ASCII forms, or
  /// a line feed (a switch: a `Set` hashed every character probed).
  @inline(__always)
  static func endsSentence(_ value: UInt32) -> Bool {
    switch value {
    case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x0A, 0x21, 0x3F, 0x3B: return true
    default: return false
    }
  }

  /// Byte ranges where the query's terms occur in the normalized body, mapped
  /// back to the original bytes (Traditional and full-width text); nil for a
  /// body that is not valid UTF-8.
  func normalizedMatches(inUTF8 utf8: [UInt8]) -> Matches? {
    let body = String(decoding: utf8, as: UTF8.self)
    // Replaced invalid bytes would move the offsets: nil (match the bytes as they are).
    guard body.utf8.count == utf8.count else { return nil }
    let form = analyzer.normalizedForm(of: body)
    var found: [(Range<Int>, Int)] = []
    for (index, needle) in needleUnits.enumerated() {
      for range in Self.occurrences(of: needle, in: form.utf16) {
        if let original = form.originalUTF8Range(of: range) { found.append((original, needleWords[index])) }
      }
    }
    return Self.merged(found)
  }

  /// The strings to look for: each word, and each phrase's parts: its runs
  /// of Chinese spelled out from their overlapping bigrams (黑臭 臭水 水体 →
  /// 黑臭水体) and its Latin and number words (`"PM2.5"`, the 65 of
  /// `"65分贝"`), which the bigram stream keeps whole.
  static func needles(_ terms: HighlightTerms) -> [String] {
    var needles = Array(terms.words)
    for phrase in terms.phrases {
      var run = String.UnicodeScalarView()
      for gram in phrase {
        let scalars = Array(gram.unicodeScalars)
        guard scalars.allSatisfy(\.properties.isIdeographic) else {
          if !run.isEmpty { needles.append(String(run)) }
          run = String.UnicodeScalarView()
          needles.append(gram)
          continue
        }
        if scalars.count == 2, let last = run.last, scalars[0] == last {
          run.append(scalars[1])
        } else {
          if !run.isEmpty { needles.append(String(run)) }
          run = gram.unicodeScalars
        }
      }
      if !run.isEmpty { needles.append(String(run)) }
    }
    return needles
  }

  /// The match range starting the window (three quarters of
  /// `windowCharacters`, so the snippet has room around it) that holds the
  /// most distinct query words (a match's text in normal form, a synonym
  /// counted as the word it stands for), then the most matches; the earliest such.
  private func bestWindow(_ matches: [Range<Int>], words kinds: [Int], in utf8: [UInt8]) -> Range<Int>? {
    guard !matches.isEmpty else { return nil }
    // Each match's character index: character starts before its first byte.
    var positions: [Int] = []
    positions.reserveCapacity(matches.count)
    var characters = 0
    var byte = 0
    for match in matches {
      let end = min(match.lowerBound, utf8.count)
      while byte < end {
        if utf8[byte] & 0xC0 != 0x80 { characters += 1 }
        byte += 1
      }
      positions.append(characters)
    }
    let wordCount = (kinds.max() ?? -1) + 1
    var inWindow = [Int](repeating: 0, count: wordCount)
    var distinct = 0
    var best = matches[0]
    var bestScore = (distinct: 0, count: 0)
    var end = 0
    for start in matches.indices {
      if end < start { end = start }
      while end < matches.count, positions[end] - positions[start] < windowCharacters * 3 / 4 {
        if inWindow[kinds[end]] == 0 { distinct += 1 }
        inWindow[kinds[end]] += 1
        end += 1
      }
      let score = (distinct: distinct, count: end - start)
      if score.distinct > bestScore.distinct || (score.distinct == bestScore.distinct && score.count > bestScore.count) {
        bestScore = score
        best = matches[start]
      }
      // The window moves past this match.
      if end > start {
        inWindow[kinds[start]] -= 1
        if inWindow[kinds[start]] == 0 { distinct -= 1 }
      }
    }
    return best
  }
}
