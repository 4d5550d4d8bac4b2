/// Normalizes text before segmentation and remembers where every normalized
/// character came from.
///
/// The steps are: ICU NFKC_Casefold (`nfkc_cf`: ＣＯＤ → cod, ＰＭ２．５ →
/// pm2.5, zero-width and other default-ignorable characters removed),
/// Traditional → Simplified Chinese per character (環境保護 → 环境保护),
/// and removal of control characters other than tab and line breaks.
///
/// The input is cut into normalization-independent chunks (a chunk starts at
/// every character for which `unorm2_hasBoundaryBefore` holds), so each chunk
/// can be normalized alone and every output unit knows its chunk's original
/// byte range. ASCII and characters that `nfkc_cf` leaves unchanged (all CJK
/// unified ideographs, most punctuation) take a table-driven fast path; only
/// the rest goes through ICU.
struct TextNormalizer: Sendable {
  private let table = CharacterTable.shared
  /// Whether the result maps units back to the original bytes (`origins`);
  /// the index writer needs only the units.
  var tracksOrigins = true

  /// Normalizes the UTF-8 `bytes` (valid UTF-8, as a Swift string's).
  func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalizedText {
    table.withFastPath { fastUnits, flags in normalize(bytes, fastUnits, flags) }
  }

  private func normalize(_ bytes: UnsafeBufferPointer<UInt8>, _ fastUnits: UnsafeBufferPointer<UInt16>,
                         _ flags: UnsafeBufferPointer<UInt8>) -> NormalizedText {
    var result = NormalizedText(capacity: bytes.count, tracksOrigins: tracksOrigins)
    var scratch: [UInt16] = []
    var normalized: [UInt16] = []
    let count = bytes.count
    var index = 0
    var (codePoint, length) = count > 0 ? decode(bytes, at: 0) : (0, 0)
    while index < count {
      var chunkEnd = index + length
      var next: UInt32 = 0
      var nextLength = 0
      if chunkEnd < count { (next, nextLength) = decode(bytes, at: chunkEnd) }
      // Fast path: a one-character chunk that nfkc_cf leaves alone.
      let single = chunkEnd >= count || next < 0x80
        || (next < 0x10000 ? flags[Int(next)] & 2 != 0 : table.hasBoundaryBefore(next))
      if single && codePoint < 0x80 {
        if codePoint >= 0x41 && codePoint <= 0x5A {
          result.append(UInt16(codePoint + 0x20), from: index, to: chunkEnd)
        } else if !CharacterTable.isDroppedControl(codePoint) {
          result.append(UInt16(codePoint), from: index, to: chunkEnd)
        }
      } else if single && codePoint < 0x10000 && fastUnits[Int(codePoint)] != 0 {
        result.append(fastUnits[Int(codePoint)], from: index, to: chunkEnd)
      } else {
        // Slow path: gather the chunk and let ICU normalize it.
        scratch.removeAll(keepingCapacity: true)
        appendUTF16(codePoint, to: &scratch)
        while chunkEnd < count && !table.hasBoundaryBefore(next) {
          appendUTF16(next, to: &scratch)
          chunkEnd += nextLength
          if chunkEnd < count { (next, nextLength) = decode(bytes, at: chunkEnd) }
        }
        normalized.removeAll(keepingCapacity: true)
        scratch.withUnsafeBufferPointer { ICUNormalizer.nfkcCasefold.normalize($0, appendingTo: &normalized) }
        appendNormalized(normalized, from: index, to: chunkEnd, into: &result)
      }
      index = chunkEnd
      codePoint = next
      length = nextLength
    }
    return result
  }

  /// Appends ICU's output for one chunk, simplified and without controls.
  private func appendNormalized(_ units: [UInt16], from start: Int, to end: Int, into result: inout NormalizedText) {
    var position = 0
    while position < units.count {
      let unit = units[position]
      var codePoint = UInt32(unit)
      var width = 1
      if (0xD800..<0xDC00).contains(unit), position + 1 < units.count,
         (0xDC00..<0xE000).contains(units[position + 1]) {
        codePoint = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[position + 1]) - 0xDC00)
        width = 2
      }
      position += width
      if CharacterTable.isDroppedControl(codePoint) { continue }
      let simplified = table.simplify(codePoint)
      if simplified < 0x10000 {
        result.append(UInt16(simplified), from: start, to: end)
      } else {
        let value = simplified - 0x10000
        result.append(UInt16(truncatingIfNeeded: 0xD800 + (value >> 10)), from: start, to: end)
        result.append(UInt16(truncatingIfNeeded: 0xDC00 + (value & 0x3FF)), from: start, to: end)
      }
    }
  }

  /// Decodes the code point at `index` of valid UTF-8; returns it and its length.
  @inline(__always)
  private func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
    let lead = UInt32(bytes[index])
    if lead < 0x80 { return (lead, 1) }
    if lead < 0xE0 { return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2) }
    if lead < 0xF0 {
      return (((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F), 3)
    }
    return (((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
              | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4)
  }
}
