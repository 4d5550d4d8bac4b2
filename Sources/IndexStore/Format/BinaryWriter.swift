import CZlib

/// An append-only byte buffer with little-endian integers and LEB128 varints.
///
/// Every index file is built in one of these and written once: `finish`
/// appends the footer (magic, total length, CRC-32).
struct BinaryWriter {
  var bytes: [UInt8] = []

  init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// Starts a file: magic, kind, format version, segment name.
  init(kind: FileKind, segment: String) {
    appendUInt32(SegmentFormat.magic)
    appendUInt8(kind.rawValue)
    appendUInt16(SegmentFormat.version(of: kind))
    let name = Array(segment.utf8.prefix(255))
    appendUInt8(UInt8(name.count))
    bytes.append(contentsOf: name)
  }

  var count: Int { bytes.count }

  mutating func appendUInt8(_ value: UInt8) { bytes.append(value) }

  mutating func appendUInt16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  mutating func appendUInt32(_ value: UInt32) {
    var v = value
    for _ in 0..<4 {
      bytes.append(UInt8(truncatingIfNeeded: v))
      v >>= 8
    }
  }

  mutating func appendInt32(_ value: Int32) { appendUInt32(UInt32(bitPattern: value)) }

  mutating func appendUInt64(_ value: UInt64) {
    var v = value
    for _ in 0..<8 {
      bytes.append(UInt8(truncatingIfNeeded: v))
      v >>= 8
    }
  }

  /// Unsigned LEB128: 7 bits per byte, high bit set on all but the last byte.
  mutating func appendVarint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func appendVarint(_ value: UInt32) { appendVarint(UInt64(value)) }

  /// Appends ascending `values` as varints of their deltas (the first from
  /// 0), encoded in a temporary buffer and appended at once rather than a
  /// byte at a time.
  mutating func appendDeltaVarints(_ values: UnsafeBufferPointer<UInt32>) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 5 * values.count) { output in
      var written = 0
      var previous: UInt32 = 0
      for value in values {
        var v = value &- previous
        previous = value
        while v >= 0x80 {
          output[written] = UInt8(truncatingIfNeeded: v) | 0x80
          written += 1
          v >>= 7
        }
        output[written] = UInt8(v)
        written += 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: output[0..<written]))
    }
  }

  mutating func appendBytes<C: Collection>(_ other: C) where C.Element == UInt8 { bytes.append(contentsOf: other) }

  /// A varint byte count, then the UTF-8 bytes.
  mutating func appendString(_ string: String) {
    var s = string
    s.withUTF8 { utf8 in
      appendVarint(UInt64(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  /// Appends the footer: magic, total length, CRC-32 of all bytes before the CRC.
  mutating func finish() {
    appendUInt32(SegmentFormat.footerMagic)
    appendUInt64(UInt64(bytes.count + 8 + 4))
    let crc = Checksum.crc32(bytes)
    appendUInt32(crc)
  }
}

/// CRC-32 (zlib's polynomial), the checksum of every file footer.
enum Checksum {
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { crc32(UnsafeRawBufferPointer($0)) }
  }

  static func crc32(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
    var crc: UInt = CZlib.crc32(0, nil, 0)
    guard let base = buffer.baseAddress else { return UInt32(truncatingIfNeeded: crc) }
    var offset = 0
    let pointer = base.assumingMemoryBound(to: UInt8.self)
    while offset < buffer.count {
      let chunk = min(buffer.count - offset, 1 << 30)
      crc = CZlib.crc32(crc, pointer + offset, UInt32(chunk))
      offset += chunk
    }
    return UInt32(truncatingIfNeeded: crc)
  }
}
