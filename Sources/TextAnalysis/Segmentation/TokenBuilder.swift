/// Turns segments of normalized text into tokens: length capping and the
/// bigram recall stream.
struct TokenBuilder {
  let text: NormalizedText

  /// Calls `body` with the normalized span of each piece of `segment`: the
  /// whole segment, or consecutive pieces of at most
  /// `Analyzer.maxTokenBytes` UTF-8 bytes cut at character boundaries.
  func forEachPiece(_ segment: Segment, _ body: (Range<Int>) -> Void) {
    let units = text.units
    // Fast path: 21 UTF-16 units are at most 63 bytes.
    if segment.end - segment.start <= Analyzer.maxTokenBytes / 3 {
      body(segment.start..<segment.end)
      return
    }
    var pieceStart = segment.start
    var bytes = 0
    var index = segment.start
    while index < segment.end {
      let unit = units[index]
      let width = (0xD800..<0xDC00).contains(unit) && index + 1 < segment.end ? 2 : 1
      let size = width == 2 ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
      if bytes + size > Analyzer.maxTokenBytes {
        body(pieceStart..<index)
        pieceStart = index
        bytes = 0
      }
      bytes += size
      index += width
    }
    if pieceStart < segment.end { body(pieceStart..<segment.end) }
  }

  /// The recall stream of ICU's segments (before lexicon merging): each
  /// maximal run of adjacent ideographic segments becomes overlapping
  /// character bigrams (a one-character run becomes that character); other
  /// words are kept whole (capped like words). Positions are consecutive;
  /// nothing is removed. Calls `emit` with each token's normalized span,
  /// position and kind, in order.
  func bigrams(_ segments: [Segment], _ emit: (Range<Int>, Int, TokenKind) -> Void) {
    var position = 0
    var index = 0
    var starts: [Int] = []
    func emitBigram(_ range: Range<Int>) {
      emit(range, position, .bigram)
      position += 1
    }
    while index < segments.count {
      let segment = segments[index]
      guard segment.kind == .ideographic else {
        forEachPiece(segment) { range in
          emit(range, position, segment.kind)
          position += 1
        }
        index += 1
        continue
      }
      var runEnd = segment.end
      index += 1
      while index < segments.count && segments[index].kind == .ideographic && segments[index].start == runEnd {
        runEnd = segments[index].end
        index += 1
      }
      let runStart = segment.start
      var hasSurrogates = false
      for unitIndex in runStart..<runEnd where (0xD800..<0xE000).contains(text.units[unitIndex]) {
        hasSurrogates = true
        break
      }
      if !hasSurrogates {
        // One unit per character: the bigrams are [i, i + 2).
        if runEnd - runStart == 1 {
          emitBigram(runStart..<runEnd)
        } else {
          for start in runStart..<(runEnd - 1) { emitBigram(start..<(start + 2)) }
        }
        continue
      }
      starts.removeAll(keepingCapacity: true)
      var unitIndex = runStart
      while unitIndex < runEnd {
        starts.append(unitIndex)
        let isLead = (0xD800..<0xDC00).contains(text.units[unitIndex]) && unitIndex + 1 < runEnd
        unitIndex += isLead ? 2 : 1
      }
      starts.append(runEnd)
      if starts.count == 2 {
        emitBigram(starts[0]..<starts[1])
      } else {
        for offset in 0..<(starts.count - 2) { emitBigram(starts[offset]..<starts[offset + 2]) }
      }
    }
  }
}
