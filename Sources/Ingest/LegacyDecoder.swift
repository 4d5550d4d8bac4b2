internal import CICU

/// Strict conversion of GB18030 and Big5 bytes to a String through ICU (UTF-16
/// files go through `UTF16Transcoder`, which keeps a bad unit to its record).
///
/// The converter stops at the first illegal, unmappable or truncated sequence
/// (ICU's default callback would substitute and hide the damage), and the
/// failure names the byte offset where the bad sequence starts.
final class LegacyDecoder {
  /// A decoding failure at `offset` (relative to the bytes given).
  struct Failure: Error, Equatable {
    var offset: Int
    var bytes: [UInt8]
    var truncated: Bool
  }

  let encoding: TextEncoding
  private let converter: OpaquePointer
  private var buffer: [UInt16] = []

  /// Opens a converter, or nil if ICU lacks it.
  init?(_ encoding: TextEncoding) {
    var status: cicu_status = CICU_ZERO_ERROR
    guard let cnv = cicu_ucnv_open(encoding.icuName, &status), cicu_failure(status) == 0 else { return nil }
    cicu_ucnv_setStopOnError(cnv, &status)
    guard cicu_failure(status) == 0 else {
      cicu_ucnv_close(cnv)
      return nil
    }
    self.encoding = encoding
    self.converter = cnv
  }

  deinit { cicu_ucnv_close(converter) }

  /// Decodes all of `bytes` (a complete record), or throws where it fails.
  func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
    var utf8: [UInt8] = []
    try decode(bytes, into: &utf8)
    return String(decoding: utf8, as: UTF8.self)
  }

  /// Decodes all of `bytes` into UTF-8 bytes (replacing the contents of `utf8`), or throws where it fails.
  func decode(_ bytes: UnsafeBufferPointer<UInt8>, into utf8: inout [UInt8]) throws(Failure) {
    let count = try decodeUTF16(bytes)
    utf8.removeAll(keepingCapacity: true)
    utf8.reserveCapacity(count * 3)
    buffer.withUnsafeBufferPointer { units in
      var i = 0
      while i < count {
        let u = UInt32(units[i])
        i += 1
        if u >= 0xD800, u < 0xDC00, i < count, units[i] >= 0xDC00, units[i] < 0xE000 {
          UTF8Encoder.append(0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00), to: &utf8)
          i += 1
        } else {
          UTF8Encoder.append((u >= 0xD800 && u < 0xE000) ? 0xFFFD : u, to: &utf8)
        }
      }
    }
  }

  /// Converts into `buffer`; returns the number of UTF-16 units written.
  private func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Int {
    cicu_ucnv_reset(converter)
    let capacity = bytes.count * 2 + 16
    if buffer.count < capacity { buffer = [UInt16](repeating: 0, count: capacity) }
    guard let srcBase = bytes.baseAddress else { return 0 }
    var status: cicu_status = CICU_ZERO_ERROR
    var failure: Failure? = nil
    let written: Int = buffer.withUnsafeMutableBufferPointer { out -> Int in
      guard let outBase = out.baseAddress else { return 0 }
      var target: UnsafeMutablePointer<cicu_uchar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: cicu_uchar.self)
      let targetStart = target
      let targetLimit = UnsafeMutableRawPointer(outBase + out.count).assumingMemoryBound(to: cicu_uchar.self)
      var source: UnsafePointer<CChar>? = UnsafeRawPointer(srcBase).assumingMemoryBound(to: CChar.self)
      let sourceStart = source
      let sourceLimit = UnsafeRawPointer(srcBase + bytes.count).assumingMemoryBound(to: CChar.self)
      cicu_ucnv_toUnicode(converter, &target, targetLimit, &source, sourceLimit, 1, &status)
      if cicu_failure(status) != 0 {
        var invalid = [CChar](repeating: 0, count: 32)
        var length: Int8 = 32
        var s2 = CICU_ZERO_ERROR
        cicu_ucnv_getInvalidChars(converter, &invalid, &length, &s2)
        let consumed = (source.map { $0 - (sourceStart ?? $0) }) ?? 0
        let badLength = max(0, Int(length))
        let offset = max(0, consumed - badLength)
        let bad = invalid.prefix(badLength).map { UInt8(bitPattern: $0) }
        failure = Failure(offset: offset, bytes: bad, truncated: status == CICU_TRUNCATED_CHAR_FOUND)
        return 0
      }
      return (target.map { $0 - (targetStart ?? $0) }) ?? 0
    }
    if let failure { throw failure }
    return written
  }
}
