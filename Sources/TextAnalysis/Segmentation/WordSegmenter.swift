/// Cuts normalized text into words with ICU's word BreakIterator (locale zh).
///
/// ICU's dictionary segmentation of Han text costs more than linear time in
/// the length of an unbroken Han run, so the text is handed to ICU in bounded
/// windows. A window ends at whitespace or at a punctuation mark that ICU
/// never joins words across (。、！？()[]{}"<> and CJK brackets/quotes); only
/// when a window of `windowLength` units has no such character (a very long
/// run without punctuation) is it cut at that length, between two Han
/// characters when possible. Spaces and punctuation are not words.
///
/// Within a window, words of pieces ICU segmented before come from the
/// iterator's `SegmentationCache` (when `caching`); ICU sees only the rest.
struct WordSegmenter: Sendable {
  /// The largest window handed to ICU at once, in UTF-16 units.
  static let windowLength = 512

  /// Whether to reuse earlier segmentations of the same pieces (the words are the same either way).
  var caching = true

  /// Appends the words of `units` to `segments`.
  func segment(_ units: [UInt16], into segments: inout [Segment]) {
    guard !units.isEmpty else { return }
    let completed: Void? = WordBreakIteratorPool.shared.withIterator { iterator in
      units.withUnsafeBufferPointer { buffer in
        var pieces: [Piece] = []
        var start = 0
        while start < buffer.count {
          let end = windowEnd(buffer, from: start)
          if caching && iterator.cache.isWorthUsing() && Self.cut(buffer, start..<end, into: &pieces) {
            segmentPieces(pieces, buffer, iterator, into: &segments)
          } else {
            segmentWithICU(buffer, start..<end, iterator, into: &segments)
          }
          start = end
        }
      }
    }
    if completed == nil { segmentWithoutICU(units, into: &segments) }
  }

  /// Appends ICU's words of `range`; returns false (appending nothing) when
  /// ICU joins a word across `borders` (offsets where pieces meet).
  @discardableResult
  private func segmentWithICU(_ buffer: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, _ iterator: WordBreakIterator,
                              borders: ArraySlice<Piece>? = nil, into segments: inout [Segment]) -> Bool {
    let first = segments.count
    var crossed = false
    var border = borders?.startIndex ?? 0
    let window = UnsafeBufferPointer(rebasing: buffer[range])
    iterator.forEachSegment(window) { wordStart, wordEnd, status in
      if let borders {
        while border < borders.endIndex && borders[border].end <= range.lowerBound + wordStart { border += 1 }
        if border < borders.endIndex && borders[border].end < range.lowerBound + wordEnd { crossed = true }
      }
      guard let kind = Segment.kind(ruleStatus: status) else { return }
      Self.appendSplittingUnit(Segment(start: range.lowerBound + wordStart, end: range.lowerBound + wordEnd, kind: kind),
                               buffer, to: &segments)
    }
    if crossed { segments.removeSubrange(first...) }
    return !crossed
  }

  /// A maximal run of Han characters, or of other (known-safe) characters.
  struct Piece {
    var start: Int
    var end: Int
    /// Whether ICU could find a word in it at all (Han, ASCII letters, digits or `_`).
    var hasWords: Bool
  }

  /// Cuts `range` into pieces; false when it holds a character whose
  /// segmentation might depend on its neighbours across a piece border
  /// (kana, combining marks, supplementary characters, …).
  static func cut(_ buffer: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, into pieces: inout [Piece]) -> Bool {
    pieces.removeAll(keepingCapacity: true)
    var index = range.lowerBound
    while index < range.upperBound {
      let start = index
      let han = isCachedHan(buffer[index])
      var hasWords = han
      while index < range.upperBound {
        let unit = buffer[index]
        if isCachedHan(unit) != han { break }
        if !han {
          guard isCachedOther(unit) else { return false }
          if !hasWords && isWordCharacter(unit) { hasWords = true }
        }
        index += 1
      }
      pieces.append(Piece(start: start, end: index, hasWords: hasWords))
    }
    return true
  }

  /// Segments a window piece by piece.
  ///
  /// Every piece is looked up first. When cached pieces cover at least half
  /// of the window, the window is assembled from the cache, with one ICU pass
  /// per stretch of missing pieces; otherwise ICU segments the whole window
  /// at once (one call costs less than many on text that rarely repeats).
  /// Either way the missing pieces' words are cached afterwards.
  private func segmentPieces(_ pieces: [Piece], _ buffer: UnsafeBufferPointer<UInt16>, _ iterator: WordBreakIterator,
                             into segments: inout [Segment]) {
    let cache = iterator.cache
    var hashes = [UInt64](repeating: 0, count: pieces.count)
    var slots = [Int](repeating: -1, count: pieces.count)
    var cachedUnits = 0
    for (p, piece) in pieces.enumerated() where piece.hasWords {
      hashes[p] = SegmentationCache.hash(buffer, piece.start..<piece.end)
      if let slot = cache.find(buffer, piece.start..<piece.end, hash: hashes[p]) {
        slots[p] = slot
        cachedUnits += piece.end - piece.start
      }
    }
    guard let firstPiece = pieces.first, let lastPiece = pieces.last else { return }
    let generation = cache.generation
    if cachedUnits * 2 < lastPiece.end - firstPiece.start {
      let before = segments.count
      if segmentWithICU(buffer, firstPiece.start..<lastPiece.end, iterator, borders: pieces[...], into: &segments) {
        cacheMissing(pieces[...], hashes: hashes, slots: slots, words: segments[before...], buffer, cache)
      } else {
        segmentWithICU(buffer, firstPiece.start..<lastPiece.end, iterator, into: &segments)
      }
      return
    }
    var p = 0
    while p < pieces.count {
      let piece = pieces[p]
      guard piece.hasWords else {
        p += 1
        continue
      }
      if slots[p] >= 0 && cache.generation == generation {
        cache.forEachWord(slots[p]) { word in
          Self.appendSplittingUnit(Segment(start: piece.start + Int(word.start), end: piece.start + Int(word.end),
                                           kind: word.kind), buffer, to: &segments)
        }
        p += 1
        continue
      }
      // A stretch of missing pieces (and pieces without words between them).
      var last = p
      var next = p + 1
      while next < pieces.count && !(pieces[next].hasWords && slots[next] >= 0) {
        if pieces[next].hasWords { last = next }
        next += 1
      }
      let stretch = pieces[p...last]
      let before = segments.count
      if segmentWithICU(buffer, piece.start..<pieces[last].end, iterator, borders: stretch, into: &segments) {
        cacheMissing(stretch, hashes: hashes, slots: slots, words: segments[before...], buffer, cache)
      } else {
        segmentWithICU(buffer, piece.start..<pieces[last].end, iterator, into: &segments)
      }
      p = last + 1
    }
  }

  /// Caches the words (`words`, in order, none across a piece border) of the
  /// pieces among `stretch` that were not cached.
  private func cacheMissing(_ stretch: ArraySlice<Piece>, hashes: [UInt64], slots: [Int], words: ArraySlice<Segment>,
                            _ buffer: UnsafeBufferPointer<UInt16>, _ cache: SegmentationCache) {
    var w = words.startIndex
    for p in stretch.indices where stretch[p].hasWords {
      let piece = stretch[p]
      while w < words.endIndex && words[w].start < piece.start { w += 1 }
      let first = w
      while w < words.endIndex && words[w].start < piece.end { w += 1 }
      if slots[p] < 0 { cache.insert(buffer, piece.start..<piece.end, hash: hashes[p], words: words[first..<w]) }
    }
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

  /// Han characters whose pieces are cached (the BMP's unified and
  /// compatibility ideographs).
  @inline(__always)
  static func isCachedHan(_ unit: UInt16) -> Bool {
    (0x4E00..<0xA000).contains(unit) || (0x3400..<0x4DC0).contains(unit) || (0xF900..<0xFB00).contains(unit)
  }

  /// Other characters allowed in a cached window: ASCII and punctuation that
  /// ICU never joins to a Han character (`·`, `°`, general punctuation, CJK
  /// brackets and marks). Anything else makes ICU see the window whole.
  @inline(__always)
  static func isCachedOther(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x01..<0x80, 0xB0, 0xB7, 0x2010..<0x2028, 0x2030..<0x205F, 0x3000..<0x3005, 0x3008..<0x3012, 0x3014..<0x3020:
      return true
    default:
      return false
    }
  }

  /// ASCII letters, digits and `_`: the characters that can make an ICU word outside Han text.
  @inline(__always)
  static func isWordCharacter(_ unit: UInt16) -> Bool {
    (0x30...0x39).contains(unit) || (0x61...0x7A).contains(unit) || (0x41...0x5A).contains(unit) || unit == 0x5F
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
