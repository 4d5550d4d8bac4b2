import CICU

/// ICU's NFKC_Casefold normalizer (`nfkc_cf`): compatibility forms folded,
/// case folded, default-ignorable characters (zero-width space, soft hyphen,
/// BOM, …) removed.
///
/// The instance ICU returns is shared, immutable and thread-safe, so one
/// value serves every thread.
struct ICUNormalizer: @unchecked Sendable {
  private let handle: OpaquePointer?

  static let nfkcCasefold = ICUNormalizer()

  private init() {
    var status = U_ZERO_ERROR
    let instance = cicu_unorm2_getNFKCCasefold(&status)
    handle = cicu_failure(status) == 0 ? instance : nil
  }

  /// Whether a normalization-independent chunk starts at `codePoint`.
  func hasBoundaryBefore(_ codePoint: UInt32) -> Bool {
    guard let handle else { return true }
    return cicu_unorm2_hasBoundaryBefore(handle, Int32(bitPattern: codePoint)) != 0
  }

  /// Whether the one-character string `codePoint` is already normalized.
  func isNormalized(_ codePoint: UInt32) -> Bool {
    guard let handle else { return true }
    var units: (UInt16, UInt16) = (0, 0)
    let count: Int32
    if codePoint < 0x10000 {
      units.0 = UInt16(truncatingIfNeeded: codePoint)
      count = 1
    } else {
      units = (UInt16(truncatingIfNeeded: 0xD800 + ((codePoint - 0x10000) >> 10)),
               UInt16(truncatingIfNeeded: 0xDC00 + ((codePoint - 0x10000) & 0x3FF)))
      count = 2
    }
    var status = U_ZERO_ERROR
    let span = withUnsafePointer(to: &units) { pointer in
      pointer.withMemoryRebound(to: UInt16.self, capacity: 2) {
        cicu_unorm2_spanQuickCheckYes(handle, $0, count, &status)
      }
    }
    return cicu_failure(status) == 0 && span == count
  }

  /// Normalizes `source`, appending the result to `output`; on an ICU
  /// failure the source is appended unchanged.
  func normalize(_ source: UnsafeBufferPointer<UInt16>, appendingTo output: inout [UInt16]) {
    guard let handle, let base = source.baseAddress, source.count > 0 else {
      output.append(contentsOf: source)
      return
    }
    var capacity = source.count * 4 + 8
    while true {
      var status = U_ZERO_ERROR
      let buffer = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
        let length = cicu_unorm2_normalize(handle, base, Int32(source.count), buffer.baseAddress,
                                           Int32(capacity), &status)
        count = cicu_failure(status) == 0 ? Int(length) : 0
        if status == U_BUFFER_OVERFLOW_ERROR { capacity = Int(length) + 1 }
      }
      if status == U_BUFFER_OVERFLOW_ERROR { continue }
      if cicu_failure(status) != 0 { output.append(contentsOf: source) } else { output.append(contentsOf: buffer) }
      return
    }
  }
}

/// Appends the UTF-16 form of a code point.
@inline(__always)
func appendUTF16(_ codePoint: UInt32, to units: inout [UInt16]) {
  if codePoint < 0x10000 {
    units.append(UInt16(truncatingIfNeeded: codePoint))
  } else {
    let value = codePoint - 0x10000
    units.append(UInt16(truncatingIfNeeded: 0xD800 + (value >> 10)))
    units.append(UInt16(truncatingIfNeeded: 0xDC00 + (value & 0x3FF)))
  }
}
