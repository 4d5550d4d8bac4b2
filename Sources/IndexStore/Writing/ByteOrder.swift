/// Puts byte strings held in one arena in unsigned byte order, the order of
/// the terms and ids files.
enum ByteOrder {
  /// The indices of `spans` (byte ranges of `arena`) in the byte order of
  /// their bytes; equal strings keep the order of their indices.
  ///
  /// Compares an 8-byte big-endian prefix first (exact for the many strings
  /// of at most 8 bytes: no term or id holds a 0 byte), then the bytes.
  /// Comparing `String`s or their `UTF8View`s instead was a large part of
  /// writing a segment.
  static func sortedIndices(_ spans: [Range<Int>], in arena: [UInt8]) -> [Int] {
    arena.withUnsafeBytes { bytes in
      var keys: [(prefix: UInt64, index: Int)] = spans.enumerated().map { index, span in
        var prefix: UInt64 = 0
        for k in 0..<8 { prefix = prefix << 8 | UInt64(span.lowerBound + k < span.upperBound ? bytes[span.lowerBound + k] : 0) }
        return (prefix, index)
      }
      keys.sort { a, b in
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        let c = compareBytes(UnsafeRawBufferPointer(rebasing: bytes[spans[a.index]]),
                             UnsafeRawBufferPointer(rebasing: bytes[spans[b.index]]))
        return c != 0 ? c < 0 : a.index < b.index
      }
      return keys.map(\.index)
    }
  }
}
