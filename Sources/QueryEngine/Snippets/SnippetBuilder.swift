import TextAnalysis

/// Picks the best window of a body for a hit and marks the matched words.
///
/// The body is analyzed again with the index's analyzer, so matches are found
/// on normalized terms while the highlights point at the original characters
/// (full-width and Traditional text included). The window (about
/// `windowCharacters` long) is the one holding the most distinct query terms,
/// then the most matches; it starts at sentence punctuation when one is near.
struct SnippetBuilder {
  var analyzer: Analyzer
  var windowCharacters = 100

  func snippet(of body: String, for terms: HighlightTerms) -> Snippet? {
    guard !body.isEmpty else { return nil }
    let utf8 = Array(body.utf8)
    // Fast path: most bodies are already in normal form (Simplified,
    // half-width), so the query terms occur byte for byte; they place the
    // window and only the window is analyzed. Otherwise analyze it all.
    let direct = directMatches(in: utf8, terms: terms)
    let matches = direct.isEmpty ? self.matches(in: body, terms: terms) : direct
    // Character start offsets, to measure windows in characters.
    var starts: [Int] = []
    starts.reserveCapacity(utf8.count / 2)
    var offset = 0
    for scalar in body.unicodeScalars {
      starts.append(offset)
      offset += UTF8.width(scalar)
    }
    let characterCount = starts.count
    func characterIndex(ofByte byte: Int) -> Int {
      var low = 0
      var high = characterCount
      while low < high {
        let mid = (low + high) / 2
        if starts[mid] < byte { low = mid + 1 } else { high = mid }
      }
      return low
    }
    func byteOffset(ofCharacter index: Int) -> Int { index >= characterCount ? utf8.count : starts[index] }

    var firstCharacter = 0
    if let best = bestWindow(matches, characterIndex: characterIndex) {
      // Start a little before the first match, at sentence punctuation if near.
      let anchor = characterIndex(ofByte: best.lowerBound)
      var start = max(0, anchor - 20)
      let scalars = Array(body.unicodeScalars)
      var probe = anchor - 1
      while probe >= max(0, anchor - 40) {
        if Self.sentenceEnds.contains(scalars[probe]) {
          start = probe + 1
          break
        }
        probe -= 1
      }
      firstCharacter = start
    }
    var lastCharacter = min(characterCount, firstCharacter + windowCharacters)
    if lastCharacter < characterCount {
      // End at sentence punctuation within the last fifth of the window.
      let scalars = Array(body.unicodeScalars)
      var probe = lastCharacter - 1
      while probe > firstCharacter + windowCharacters * 4 / 5 {
        if Self.sentenceEnds.contains(scalars[probe]) {
          lastCharacter = probe + 1
          break
        }
        probe -= 1
      }
    }
    let range = byteOffset(ofCharacter: firstCharacter)..<byteOffset(ofCharacter: lastCharacter)
    var text = String(decoding: utf8[range], as: UTF8.self)
    let highlights: [Range<Int>]
    if direct.isEmpty {
      highlights = matches.compactMap { match -> Range<Int>? in
        let lower = max(match.lowerBound, range.lowerBound)
        let upper = min(match.upperBound, range.upperBound)
        return lower < upper ? (lower - range.lowerBound)..<(upper - range.lowerBound) : nil
      }
    } else {
      highlights = self.matches(in: text, terms: terms)
    }
    // Keep snippets on one line.
    text = String(text.map { $0.isNewline ? " " : $0 })
    return Snippet(text: text, sourceRange: range, highlights: highlights, isTruncatedAtStart: range.lowerBound > 0,
                   isTruncatedAtEnd: range.upperBound < utf8.count)
  }

  /// Byte ranges where a query word, or a Chinese phrase, occurs verbatim.
  func directMatches(in utf8: [UInt8], terms: HighlightTerms) -> [Range<Int>] {
    var needles: [[UInt8]] = terms.words.map { Array($0.utf8) }
    for phrase in terms.phrases {
      // A bigram sequence 黑臭 臭水 水体 spells 黑臭水体.
      guard let first = phrase.first, phrase.allSatisfy({ $0.unicodeScalars.count <= 2 }) else { continue }
      var surface = first
      for gram in phrase.dropFirst() {
        guard gram.unicodeScalars.count == 2, let last = gram.unicodeScalars.last else { surface = ""; break }
        surface.unicodeScalars.append(last)
      }
      if !surface.isEmpty { needles.append(Array(surface.utf8)) }
    }
    var ranges: [Range<Int>] = []
    for needle in needles where !needle.isEmpty && needle.count <= utf8.count {
      let first = needle[0]
      var index = 0
      let last = utf8.count - needle.count
      while index <= last {
        if utf8[index] == first, utf8[index..<(index + needle.count)].elementsEqual(needle) {
          ranges.append(index..<(index + needle.count))
          index += needle.count
        } else {
          index += 1
        }
      }
    }
    return ranges.sorted { $0.lowerBound < $1.lowerBound }
  }

  static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "；", "\n", "!", "?", ";"]

  /// Byte ranges of matched words and phrases in the body, merged and sorted.
  func matches(in body: String, terms: HighlightTerms) -> [Range<Int>] {
    let analysis = analyzer.analyze(body)
    var ranges: [Range<Int>] = []
    for token in analysis.words where terms.words.contains(token.text) {
      ranges.append(token.utf8Range)
    }
    if !terms.phrases.isEmpty {
      let grams = analysis.bigrams
      var firstIndex: [String: [Int]] = [:]
      for (index, gram) in grams.enumerated() { firstIndex[gram.text, default: []].append(index) }
      for phrase in terms.phrases where !phrase.isEmpty {
        for start in firstIndex[phrase[0]] ?? [] where start + phrase.count <= grams.count {
          var matched = true
          for offset in 1..<max(1, phrase.count) {
            let gram = grams[start + offset]
            if gram.text != phrase[offset] || gram.position != grams[start].position + offset {
              matched = false
              break
            }
          }
          if matched {
            ranges.append(grams[start].utf8Range.lowerBound..<grams[start + phrase.count - 1].utf8Range.upperBound)
          }
        }
      }
    }
    ranges.sort { $0.lowerBound < $1.lowerBound }
    var merged: [Range<Int>] = []
    for range in ranges {
      if let last = merged.last, range.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    return merged
  }

  /// The match range starting the window with the most matches.
  private func bestWindow(_ matches: [Range<Int>], characterIndex: (Int) -> Int) -> Range<Int>? {
    guard !matches.isEmpty else { return nil }
    var best = matches[0]
    var bestCount = 0
    var end = 0
    let positions = matches.map { characterIndex($0.lowerBound) }
    for start in matches.indices {
      if end < start { end = start }
      while end < matches.count, positions[end] - positions[start] < windowCharacters * 3 / 4 { end += 1 }
      if end - start > bestCount {
        bestCount = end - start
        best = matches[start]
      }
    }
    return best
  }
}
