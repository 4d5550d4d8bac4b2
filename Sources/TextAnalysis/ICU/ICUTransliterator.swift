internal import CICU

/// An ICU transliterator, e.g. "Traditional-Simplified".
///
/// A transliterator is not thread-safe; this class is used only while
/// building the one-time character table of `SimplifiedChineseTable`.
final class ICUTransliterator {
  private let handle: OpaquePointer

  /// Opens the transliterator with ICU ID `id`; nil when ICU lacks it.
  init?(id: String) {
    let units = Array(id.utf16)
    var status: cicu_status = CICU_ZERO_ERROR
    guard let handle = cicu_utrans_open(units, Int32(units.count), &status), cicu_failure(status) == 0 else {
      return nil
    }
    self.handle = handle
  }

  deinit { cicu_utrans_close(handle) }

  /// Transliterates `units`; nil on an ICU failure.
  func transliterate(_ units: [UInt16]) -> [UInt16]? {
    var capacity = units.count * 2 + 16
    while true {
      var buffer = units
      buffer.append(contentsOf: repeatElement(0, count: capacity - units.count))
      var length = Int32(units.count)
      var status: cicu_status = CICU_ZERO_ERROR
      buffer.withUnsafeMutableBufferPointer { pointer in
        cicu_utrans_transUChars(handle, pointer.baseAddress, &length, Int32(capacity), &status)
      }
      if status == CICU_BUFFER_OVERFLOW_ERROR {
        capacity = Int(length) + 16
        continue
      }
      guard cicu_failure(status) == 0 else { return nil }
      return Array(buffer.prefix(Int(length)))
    }
  }
}
