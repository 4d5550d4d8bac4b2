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

  /// Working arrays of the DP, reused across the runs of one text.
  private struct Scratch {
    var owner: [Int] = []
    var icuEnd: [Int] = []
    /// Best score of a segmentation of the first i units.
    var best: [Int] = []
    /// Where the last piece of that segmentation starts, and its kind.
    var from: [Int] = []
    var how: [UInt8] = []
    var pieces: [(start: Int, end: Int, fragment: Bool)] = []

    /// Sizes the arrays for a run of `length` units and clears them.
    mutating func reset(_ length: Int) {
      if best.count < length + 1 {
        let size = max(length + 1, best.count * 2, 64)
        owner = [Int](repeating: 0, count: size)
        icuEnd = [Int](repeating: -1, count: size)
        best = [Int](repeating: Int.min, count: size)
        from = [Int](repeating: 0, count: size)
        how = [UInt8](repeating: Step.none, count: size)
      } else {
        icuEnd.withUnsafeMutableBufferPointer { icuEnd in
          best.withUnsafeMutableBufferPointer { best in
            how.withUnsafeMutableBufferPointer { how in
              for index in 0...length {
                icuEnd[index] = -1
                best[index] = Int.min
                how[index] = Step.none
              }
            }
          }
        }
      }
      pieces.removeAll(keepingCapacity: true)
    }
  }

  /// Re-segments the ideographic runs of `segments` (in text order).
  func merge(_ segments: [Segment], units: [UInt16]) -> [Segment] {
    var output: [Segment] = []
    output.reserveCapacity(segments.count)
    var scratch = Scratch()
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
          mergeRun(run, buffer, &scratch, into: &output)
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

  /// How a DP position was reached (stored in `Scratch.how`).
  private enum Step {
    static let none: UInt8 = 0
    static let icuWord: UInt8 = 1
    static let lexiconWord: UInt8 = 2
    static let fragment: UInt8 = 3
  }

  private func mergeRun(_ run: ArraySlice<Segment>, _ units: UnsafeBufferPointer<UInt16>,
                        _ scratch: inout Scratch, into output: inout [Segment]) {
    guard let first = run.first, let last = run.last else { return }
    let base = first.start
    let length = last.end - base
    // owner[i]: index (in `run`) of the ICU word holding unit base + i;
    // icuEnd[i]: end of the ICU word starting at i, or -1.
    scratch.reset(length)
    for segmentIndex in run.indices {
      let segment = run[segmentIndex]
      scratch.icuEnd[segment.start - base] = segment.end - base
      for unit in segment.start..<segment.end { scratch.owner[unit - base] = segmentIndex }
    }
    let trie = self.trie
    scratch.icuEnd.withUnsafeBufferPointer { icuEnd in
      scratch.best.withUnsafeMutableBufferPointer { best in
        scratch.from.withUnsafeMutableBufferPointer { from in
          scratch.how.withUnsafeMutableBufferPointer { how in
            best[0] = 0
            for position in 0..<length where best[position] != Int.min {
              let score = best[position]
              if icuEnd[position] > 0 {
                let end = icuEnd[position]
                let gain = (end - position) * (end - position)
                if score + gain > best[end] {
                  best[end] = score + gain
                  from[end] = position
                  how[end] = Step.icuWord
                }
              }
              trie.forEachMatch(in: units, from: base + position, limit: base + length) { matchEnd in
                let end = matchEnd - base
                let span = end - position
                guard span >= 2 else { return }
                let gain = span * span + 1
                if score + gain > best[end] {
                  best[end] = score + gain
                  from[end] = position
                  how[end] = Step.lexiconWord
                }
              }
              let width = (0xD800..<0xDC00).contains(units[base + position]) && position + 1 < length ? 2 : 1
              if score + 1 > best[position + width] {
                best[position + width] = score + 1
                from[position + width] = position
                how[position + width] = Step.fragment
              }
            }
          }
        }
      }
    }
    // Walk back, then emit in order, joining fragments of the same ICU word.
    var position = length
    while position > 0 {
      let start = scratch.from[position]
      guard scratch.how[position] != Step.none, start < position else { break }  // unreachable
      scratch.pieces.append((start, position, scratch.how[position] == Step.fragment))
      position = start
    }
    let owner = scratch.owner
    let pieces = scratch.pieces
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
