/// Re-segments runs of Han words with the domain lexicon.
///
/// ICU's dictionary does not know 益阳市, 黑臭水体 or 信访件: it returns
/// fragments (益/阳/市) and sometimes cuts across a domain word (交|办的,
/// 保护|区内). Within each run of adjacent ideographic ICU words, this picks
/// the segmentation with the highest score, where a piece scores
/// - a lexicon word of length L ≥ 2: L² + 1,
/// - an ICU word of length L: L²,
/// - one character of an ICU word that is cut by a chosen lexicon word: 1.
///
/// Squares favour long words (maximum matching); the +1 makes a lexicon word
/// beat ICU's words when both cover the same characters equally well
/// (交办+的 = 6 beats 交+办的 = 5), but a lexicon word that would cut two
/// longer ICU words loses (湖南+县城 = 8 beats 湖+南县+城 = 7). Ties keep ICU's
/// words. The characters left over from a cut ICU word stay together as one
/// word (办的 cut by 交办 leaves 的). Runs in which no lexicon word occurs are
/// left exactly as ICU cut them. Lengths are in UTF-16 units.
struct LexiconMerger: Sendable {
  let trie: LexiconTrie

  /// Re-segments the ideographic runs of `segments` (in text order).
  func merge(_ segments: [Segment], units: [UInt16]) -> [Segment] {
    var output: [Segment] = []
    output.reserveCapacity(segments.count)
    units.withUnsafeBufferPointer { buffer in
      var index = 0
      while index < segments.count {
        guard segments[index].kind == .ideographic else {
          output.append(segments[index])
          index += 1
          continue
        }
        var runEnd = index + 1
        while runEnd < segments.count && segments[runEnd].kind == .ideographic
                && segments[runEnd].start == segments[runEnd - 1].end {
          runEnd += 1
        }
        let run = segments[index..<runEnd]
        if containsLexiconWord(run, buffer) {
          mergeRun(run, buffer, into: &output)
        } else {
          output.append(contentsOf: run)
        }
        index = runEnd
      }
    }
    return output
  }

  private func containsLexiconWord(_ run: ArraySlice<Segment>, _ units: UnsafeBufferPointer<UInt16>) -> Bool {
    guard let first = run.first, let last = run.last else { return false }
    let limit = last.end
    for position in first.start..<limit where trie.startsWord(units[position]) {
      var found = false
      trie.forEachMatch(in: units, from: position, limit: limit) { end in
        if end - position >= 2 { found = true }
      }
      if found { return true }
    }
    return false
  }

  /// How a DP position was reached.
  private enum Step {
    case none
    case icuWord(from: Int)
    case lexiconWord(from: Int)
    case fragment(from: Int)
  }

  private func mergeRun(_ run: ArraySlice<Segment>, _ units: UnsafeBufferPointer<UInt16>,
                        into output: inout [Segment]) {
    guard let first = run.first, let last = run.last else { return }
    let base = first.start
    let length = last.end - base
    // owner[i]: index (in `run`) of the ICU word holding unit base + i.
    var owner = [Int](repeating: 0, count: length)
    var icuEnd = [Int](repeating: -1, count: length)  // ICU word starting at i ends at
    for segmentIndex in run.indices {
      let segment = run[segmentIndex]
      icuEnd[segment.start - base] = segment.end - base
      for unit in segment.start..<segment.end { owner[unit - base] = segmentIndex }
    }
    var best = [Int](repeating: Int.min, count: length + 1)
    var step = [Step](repeating: .none, count: length + 1)
    best[0] = 0
    for position in 0..<length where best[position] != Int.min {
      let score = best[position]
      func relax(_ end: Int, _ gain: Int, _ how: Step) {
        if score + gain > best[end] {
          best[end] = score + gain
          step[end] = how
        }
      }
      if icuEnd[position] > 0 {
        let span = icuEnd[position] - position
        relax(icuEnd[position], span * span, .icuWord(from: position))
      }
      trie.forEachMatch(in: units, from: base + position, limit: base + length) { end in
        let span = end - base - position
        if span >= 2 { relax(end - base, span * span + 1, .lexiconWord(from: position)) }
      }
      let width = (0xD800..<0xDC00).contains(units[base + position]) && position + 1 < length ? 2 : 1
      relax(position + width, 1, .fragment(from: position))
    }
    // Walk back, then emit in order, joining fragments of the same ICU word.
    var pieces: [(start: Int, end: Int, fragment: Bool)] = []
    var position = length
    while position > 0 {
      switch step[position] {
      case .icuWord(let from), .lexiconWord(let from):
        pieces.append((from, position, false))
        position = from
      case .fragment(let from):
        pieces.append((from, position, true))
        position = from
      case .none:
        position = 0  // unreachable: every position is reachable by fragments
      }
    }
    var previousFragment: (start: Int, end: Int)? = nil
    for piece in pieces.reversed() {
      if piece.fragment {
        if let open = previousFragment, owner[open.start] == owner[piece.start] {
          previousFragment = (open.start, piece.end)
          continue
        }
        if let open = previousFragment {
          output.append(Segment(start: base + open.start, end: base + open.end, kind: .ideographic))
        }
        previousFragment = (piece.start, piece.end)
      } else {
        if let open = previousFragment {
          output.append(Segment(start: base + open.start, end: base + open.end, kind: .ideographic))
          previousFragment = nil
        }
        output.append(Segment(start: base + piece.start, end: base + piece.end, kind: .ideographic))
      }
    }
    if let open = previousFragment {
      output.append(Segment(start: base + open.start, end: base + open.end, kind: .ideographic))
    }
  }
}
