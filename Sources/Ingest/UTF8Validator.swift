/// Strict UTF-8 validation that reports where the first bad byte is.
///
/// Rejects overlong forms (`C0 AF`), encoded surrogates (`ED A0 80`), code
/// points above U+10FFFF and truncated sequences, as RFC 3629 requires.
/// Foundation's validating initializers only say "invalid" for a whole buffer;
/// the index of the offending byte is what a user needs to fix the file.
enum UTF8Validator {
  /// The problem found: the offset of the first byte of the bad sequence and whether it was cut off by the end.
  struct Failure: Equatable {
    var offset: Int
    var truncated: Bool
  }

  /// Returns nil when `bytes` is valid UTF-8, or the first failure.
  static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Failure? {
    let n = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    var i = 0
    while i < n {
      // ASCII fast path, eight bytes at a time.
      while i + 8 <= n {
        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        i += 8
      }
      if i >= n { break }
      let b0 = base[i]
      if b0 < 0x80 { i += 1; continue }
      var need = 0
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: need = 2; upper = 0x9F
      case 0xF0: need = 3; lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; upper = 0x8F
      default: return Failure(offset: i, truncated: false)
      }
      for k in 1...need {
        if i + k >= n { return Failure(offset: i, truncated: true) }
        let b = base[i + k]
        let lo: UInt8 = k == 1 ? lower : 0x80
        let hi: UInt8 = k == 1 ? upper : 0xBF
        if b < lo || b > hi { return Failure(offset: i, truncated: false) }
      }
      i += need + 1
    }
    return nil
  }

  /// Whether the bytes contain anything outside ASCII.
  static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in bytes where b >= 0x80 { return true }
    return false
  }
}
