/// Cuts normalized text into words with ICU's word BreakIterator (locale zh).
///
/// ICU's dictionary segmentation of Han text costs more than linear time in
/// the length of an unbroken Han run, so the text is handed to ICU in bounded
/// windows. A window ends at whitespace or at a punctuation mark that ICU
/// never joins words across (。、！？()[]{}"<> and CJK brackets/quotes); only
/// when a window of `windowLength` units has no such character (a very long
/// run without punctuation) is it cut at that length, between two Han
/// characters when possible. Spaces and punctuation are not words.
struct WordSegmenter: Sendable {
  /// The largest window handed to ICU at once, in UTF-16 units.
  static let windowLength = 512

  /// Appends the words of `units` to `segments`.
  func segment(_ units: [UInt16], into segments: inout [Segment]) {
    guard !units.isEmpty else { return }
    let completed: Void? = WordBreakIteratorPool.shared.withIterator { iterator in
      units.withUnsafeBufferPointer { buffer in
        var start = 0
        while start < buffer.count {
          let end = windowEnd(buffer, from: start)
          let window = UnsafeBufferPointer(rebasing: buffer[start..<end])
          iterator.forEachSegment(window) { wordStart, wordEnd, status in
            guard let kind = Segment.kind(ruleStatus: status) else { return }
            Self.appendSplittingUnit(Segment(start: start + wordStart, end: start + wordEnd, kind: kind),
                                     buffer, to: &segments)
          }
          start = end
        }
      }
    }
    if completed == nil { segmentWithoutICU(units, into: &segments) }
  }

  /// Appends a word, split in two when it is a number followed by a unit.
  ///
  /// ICU keeps "0.5mg" or "12km" as one word, so a search for "mg" would not
  /// find "0.5mg/L". A word that starts with an ASCII digit and ends with
  /// ASCII or Greek lower-case letters (after case folding) is cut where the
  /// letters begin: "0.5" (number) and "mg" (letter), "75" and "μg". Codes that mix further (so2, pm2.5, nh3, d4309…) stay
  /// whole because they start with a letter or have digits after letters.
  static func appendSplittingUnit(_ word: Segment, _ units: UnsafeBufferPointer<UInt16>,
                                  to segments: inout [Segment]) {
    let isDigit = { (unit: UInt16) in (0x30...0x39).contains(unit) }
    let isLetter = { (unit: UInt16) in (0x61...0x7A).contains(unit) || (0x3B1...0x3C9).contains(unit) }
    guard word.kind != .ideographic, word.end - word.start >= 2, isDigit(units[word.start]),
          isLetter(units[word.end - 1]) else {
      segments.append(word)
      return
    }
    var cut = word.end
    while cut > word.start && isLetter(units[cut - 1]) { cut -= 1 }
    guard cut > word.start, isDigit(units[cut - 1]) else {
      segments.append(word)
      return
    }
    segments.append(Segment(start: word.start, end: cut, kind: .number))
    segments.append(Segment(start: cut, end: word.end, kind: .letter))
  }

  /// Where the window starting at `start` ends.
  private func windowEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
    let limit = start + Self.windowLength
    if limit >= units.count { return units.count }
    var index = limit
    let floor = start + Self.windowLength / 4
    while index > floor {
      if Self.isSafeCut(units[index - 1]) { return index }
      index -= 1
    }
    // No punctuation: cut between two Han characters, else anywhere that
    // does not split a surrogate pair.
    index = limit
    while index > floor {
      if Self.isHan(units[index - 1]) && Self.isHan(units[index]) { return index }
      index -= 1
    }
    return (0xDC00..<0xE000).contains(units[limit]) ? limit - 1 : limit
  }

  /// Whether ICU always breaks after this character (whitespace, or
  /// punctuation that is not one of ICU's MidLetter/MidNum characters).
  static func isSafeCut(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x09...0x0D, 0x20, 0x21, 0x22, 0x28, 0x29, 0x3C, 0x3E, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D: return true
    case 0x3001, 0x3002, 0x3008...0x3011, 0x3014...0x301F, 0x201C, 0x201D: return true
    default: return false
    }
  }

  @inline(__always)
  static func isHan(_ unit: UInt16) -> Bool { (0x3400..<0xA000).contains(unit) || (0xF900..<0xFB00).contains(unit) }

  /// Fallback when ICU has no word rules: Han characters one by one, other
  /// letters and digits in runs.
  private func segmentWithoutICU(_ units: [UInt16], into segments: inout [Segment]) {
    var index = 0
    while index < units.count {
      let unit = units[index]
      if Self.isHan(unit) {
        segments.append(Segment(start: index, end: index + 1, kind: .ideographic))
        index += 1
      } else if (0x30...0x39).contains(unit) || (0x61...0x7A).contains(unit) {
        var end = index
        while end < units.count && ((0x30...0x39).contains(units[end]) || (0x61...0x7A).contains(units[end])) { end += 1 }
        segments.append(Segment(start: index, end: end, kind: (0x30...0x39).contains(unit) ? .number : .letter))
        index = end
      } else {
        index += 1
      }
    }
  }
}
