internal import CICU

/// Raw ICU word breaking (locale zh), as a C indexer would run it: the floor
/// the Analyzer is measured against.
final class RawICUSegmenter {
  private let iterator: OpaquePointer
  private var utf16: [UInt16] = []

  init?() {
    var status: cicu_status = CICU_ZERO_ERROR
    guard let iterator = cicu_ubrk_openWord("zh", &status), cicu_failure(status) == 0 else { return nil }
    self.iterator = iterator
  }

  deinit { cicu_ubrk_close(iterator) }

  /// UTF-8 → UTF-16 with u_strFromUTF8, ubrk_setText, then every boundary and
  /// its rule status; returns the number of words (status ≥ 100).
  func countWordsUTF16(_ text: String) -> Int {
    var copy = text
    return copy.withUTF8 { bytes -> Int in
      if utf16.count < bytes.count + 1 { utf16 = [UInt16](repeating: 0, count: bytes.count + 1) }
      var status: cicu_status = CICU_ZERO_ERROR
      let length = bytes.withMemoryRebound(to: CChar.self) { source in
        utf16.withUnsafeMutableBufferPointer {
          cicu_u_strFromUTF8($0.baseAddress, Int32($0.count), source.baseAddress, Int32(source.count), &status)
        }
      }
      guard cicu_failure(status) == 0 else { return 0 }
      return utf16.withUnsafeBufferPointer { buffer in
        cicu_ubrk_setText(iterator, buffer.baseAddress, length, &status)
        return countWords()
      }
    }
  }

  /// utext_openUTF8 over the bytes (no copy) and ubrk_setUText.
  func countWordsUTF8(_ text: String) -> Int {
    var copy = text
    return copy.withUTF8 { bytes -> Int in
      var status: cicu_status = CICU_ZERO_ERROR
      let utext = bytes.withMemoryRebound(to: CChar.self) {
        cicu_utext_openUTF8(nil, $0.baseAddress, Int64($0.count), &status)
      }
      guard let utext, cicu_failure(status) == 0 else { return 0 }
      defer { _ = cicu_utext_close(utext) }
      cicu_ubrk_setUText(iterator, utext, &status)
      return countWords()
    }
  }

  /// Segments of UTF-8 `text` as (start, end, ruleStatus) byte ranges.
  func segments(_ text: String) -> [(start: Int, end: Int, status: Int32)] {
    var copy = text
    return copy.withUTF8 { bytes in
      var result: [(Int, Int, Int32)] = []
      var status: cicu_status = CICU_ZERO_ERROR
      let utext = bytes.withMemoryRebound(to: CChar.self) {
        cicu_utext_openUTF8(nil, $0.baseAddress, Int64($0.count), &status)
      }
      guard let utext, cicu_failure(status) == 0 else { return [] }
      defer { _ = cicu_utext_close(utext) }
      cicu_ubrk_setUText(iterator, utext, &status)
      var start = Int(cicu_ubrk_first(iterator))
      while true {
        let end = cicu_ubrk_next(iterator)
        if end == cicu_ubrk_done() { break }
        result.append((start, Int(end), cicu_ubrk_getRuleStatus(iterator)))
        start = Int(end)
      }
      return result
    }
  }

  private func countWords() -> Int {
    var words = 0
    _ = cicu_ubrk_first(iterator)
    let done = cicu_ubrk_done()
    while cicu_ubrk_next(iterator) != done {
      if cicu_ubrk_getRuleStatus(iterator) >= 100 { words += 1 }
    }
    return words
  }
}
