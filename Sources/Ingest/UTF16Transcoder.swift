/// UTF-16 bytes to UTF-8, keeping the damage where it is.
///
/// A lone surrogate or an odd last byte becomes the byte 0xFF, which is never
/// UTF-8: the record that holds it is then rejected by its reader, naming its
/// line ("invalid UTF-8 at byte N (0xFF)", offsets in the converted text), or
/// repaired with `--on-invalid replace`, while every other record of the file
/// is read. (Converting the file whole and strictly lost all of it to one bad
/// code unit.)
enum UTF16Transcoder {
  /// The UTF-8 bytes of `bytes` in the given byte order, and the offsets in
  /// `bytes` of the code units that could not be converted.
  static func utf8(from bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> (utf8: [UInt8], invalid: [Int]) {
    var utf8: [UInt8] = []
    utf8.reserveCapacity(bytes.count * 3 / 2)
    var invalid: [Int] = []
    func unit(at i: Int) -> UInt32 {
      bigEndian ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
    }
    var i = 0
    while i + 1 < bytes.count {
      let u = unit(at: i)
      var scalar = u
      var width = 2
      if (0xD800..<0xDC00).contains(u), i + 3 < bytes.count, (0xDC00..<0xE000).contains(unit(at: i + 2)) {
        scalar = 0x10000 + ((u - 0xD800) << 10) + (unit(at: i + 2) - 0xDC00)
        width = 4
      } else if (0xD800..<0xE000).contains(u) {
        invalid.append(i)
        utf8.append(0xFF)
        i += 2
        continue
      }
      UTF8Encoder.append(scalar, to: &utf8)
      i += width
    }
    if i < bytes.count {
      invalid.append(i)
      utf8.append(0xFF)
    }
    return (utf8, invalid)
  }
}
