import CICU

/// Owns one ICU word break iterator over UTF-8 text.
final class WordBreakIterator {
  private let handle: OpaquePointer

  init?() {
    var status = U_ZERO_ERROR
    guard let h = cicu_ubrk_openWord("zh", &status), cicu_failure(status) == 0 else { return nil }
    handle = h
  }

  deinit { cicu_ubrk_close(handle) }

  /// Calls `body(start, end, ruleStatus)` for each segment of `utf8`, offsets in bytes.
  func forEachSegment(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int32) -> Void) {
    var status = U_ZERO_ERROR
    guard let base = utf8.baseAddress, utf8.count > 0 else { return }
    let text = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
      cicu_utext_openUTF8(nil, $0, Int64(utf8.count), &status)
    }
    guard let text, cicu_failure(status) == 0 else { return }
    defer { _ = cicu_utext_close(text) }
    cicu_ubrk_setUText(handle, text, &status)
    guard cicu_failure(status) == 0 else { return }
    var start = Int(cicu_ubrk_first(handle))
    while true {
      let end = cicu_ubrk_next(handle)
      if end == cicu_ubrk_done() { break }
      body(start, Int(end), cicu_ubrk_getRuleStatus(handle))
      start = Int(end)
    }
  }
}
