internal import CICU

/// One ICU word break iterator (locale `zh`) over UTF-16 text.
///
/// Opening an ICU break iterator loads its rules and dictionaries and is
/// expensive; cloning an open one is cheap (Lucene's ICUTokenizer keeps
/// prototypes for the same reason). `WordBreakIteratorPool.shared` hands out
/// clones of one prototype and takes them back, so any number of threads can
/// segment at once and no iterator is ever shared between two of them.
final class WordBreakIterator {
  private let handle: OpaquePointer
  /// Words of pieces this iterator segmented before (see `SegmentationCache`);
  /// used only by the iterator's current holder.
  let cache = SegmentationCache()

  private init(handle: OpaquePointer) { self.handle = handle }

  deinit { cicu_ubrk_close(handle) }

  /// Opens a fresh iterator (the prototype); nil when ICU has no word rules.
  static func open() -> WordBreakIterator? {
    var status: cicu_status = CICU_ZERO_ERROR
    guard let handle = cicu_ubrk_openWord("zh", &status), cicu_failure(status) == 0 else { return nil }
    return WordBreakIterator(handle: handle)
  }

  /// A clone of this iterator, with no text.
  func clone() -> WordBreakIterator? {
    var status: cicu_status = CICU_ZERO_ERROR
    guard let copy = cicu_ubrk_clone(handle, &status), cicu_failure(status) == 0 else { return nil }
    return WordBreakIterator(handle: copy)
  }

  /// Calls `body(start, end, ruleStatus)` for each segment of `units`.
  ///
  /// Offsets are UTF-16 indexes into `units`. The rule status is ICU's word
  /// status: below 100 (`UBRK_WORD_NONE_LIMIT`) for spaces and punctuation,
  /// 100–199 numbers, 200–299 letters, 300–399 kana, 400–499 ideographs.
  func forEachSegment(_ units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int32) -> Void) {
    guard let base = units.baseAddress, units.count > 0 else { return }
    var status: cicu_status = CICU_ZERO_ERROR
    cicu_ubrk_setText(handle, base, Int32(units.count), &status)
    guard cicu_failure(status) == 0 else { return }
    walk(body)
  }

  /// Calls `body(start, end, ruleStatus)` for each segment of UTF-8 `bytes`
  /// through a UTF-8 UText (offsets are byte offsets); used by benchmarks to
  /// measure raw ICU.
  func forEachSegment(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int32) -> Void) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    var status: cicu_status = CICU_ZERO_ERROR
    let text = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
      cicu_utext_openUTF8(nil, $0, Int64(bytes.count), &status)
    }
    guard let text, cicu_failure(status) == 0 else { return }
    defer { _ = cicu_utext_close(text) }
    cicu_ubrk_setUText(handle, text, &status)
    guard cicu_failure(status) == 0 else { return }
    walk(body)
  }
}

extension WordBreakIterator {
  /// Reports every segment of the text last set, in order.
  private func walk(_ body: (Int, Int, Int32) -> Void) {
    var start = Int(cicu_ubrk_first(handle))
    let done = cicu_ubrk_done()
    while true {
      let end = cicu_ubrk_next(handle)
      if end == done { break }
      body(start, Int(end), cicu_ubrk_getRuleStatus(handle))
      start = Int(end)
    }
  }
}

extension WordBreakIterator: @unchecked Sendable {}
