internal import CICU

/// The Han characters of GB 2312, the standard repertoire of Simplified
/// Chinese, decoded once with an ICU converter.
///
/// ICU's Traditional-Simplified transliterator, applied character by
/// character, also rewrites characters that are ordinary Simplified
/// characters in their own right (著 → 着, 乾 → 干). Simplified text must not
/// change under normalization, so characters of this repertoire are never
/// rewritten.
enum GB2312Repertoire {
  /// A bitmap over the BMP: bit set for each Han character of GB 2312;
  /// all zero when ICU lacks the converter.
  static func hanCharacters() -> [UInt64] {
    var bitmap = [UInt64](repeating: 0, count: 0x10000 / 64)
    var status: cicu_status = CICU_ZERO_ERROR
    guard let converter = cicu_ucnv_open("GB2312", &status), cicu_failure(status) == 0 else { return bitmap }
    defer { cicu_ucnv_close(converter) }
    // Rows 0xB0–0xF7 hold the Han characters (levels 1 and 2).
    var bytes: [CChar] = []
    for row in 0xB0...0xF7 {
      for column in 0xA1...0xFE {
        bytes.append(CChar(bitPattern: UInt8(row)))
        bytes.append(CChar(bitPattern: UInt8(column)))
      }
    }
    var output = [UInt16](repeating: 0, count: bytes.count + 16)
    let length = output.withUnsafeMutableBufferPointer { buffer in
      cicu_ucnv_toUChars(converter, buffer.baseAddress, Int32(buffer.count), bytes, Int32(bytes.count), &status)
    }
    guard cicu_failure(status) == 0 else { return bitmap }
    for unit in output.prefix(Int(length)) where (0x3400..<0xA000).contains(unit) {
      bitmap[Int(unit) >> 6] |= 1 << UInt64(unit & 63)
    }
    return bitmap
  }
}
