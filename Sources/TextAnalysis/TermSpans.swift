/// Both token streams of one text as spans of its normalized UTF-16 form.
///
/// What `Analyzer.termSpans` returns for the index writer: the same tokens
/// as `Analysis`, but without a `String` (or an original byte range) per
/// token, so that terms can be hashed and compared as packed integers.
package struct TermSpans: Sendable {
  /// The normalized text (NFKC_Casefold, Simplified Chinese) as UTF-16.
  package var units: [UInt16] = []
  /// The word stream (stop words removed, their positions left as gaps).
  package var words: [TermSpan] = []
  /// The bigram recall stream.
  package var bigrams: [TermSpan] = []

  package init() {}
}

/// One token: `units[start..<end]` of its `TermSpans`, at `position`.
package struct TermSpan: Sendable, Equatable {
  package var start: UInt32
  package var end: UInt32
  package var position: UInt32

  package init(start: UInt32, end: UInt32, position: UInt32) {
    self.start = start
    self.end = end
    self.position = position
  }
}
