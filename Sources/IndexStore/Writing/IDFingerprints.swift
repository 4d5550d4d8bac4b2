/// 64-bit fingerprints of document ids, in an open-addressing table that
/// grows: answers "is this id certainly absent?" without a lookup in every
/// segment.
///
/// The writer must find the live copy of an id it is given, to replace it.
/// Binary-searching each segment's id map cost a few memory misses per
/// segment and document; with the dozen segments of a large build it was 4 %
/// of the CPU of indexing 1M documents, and grew with the document count. An
/// id whose fingerprint is absent is in none of the segments the table
/// covers; a present one (a replace, or a rare collision) is looked up as
/// before. Fingerprints are never removed, so the table only over-answers.
struct IDFingerprints {
  private var slots: [UInt64] = []
  private(set) var count = 0

  /// The fingerprint of `id`: a multiply-xorshift hash of its UTF-8 bytes, never 0 (the empty slot).
  static func fingerprint(_ id: String) -> UInt64 {
    var copy = id
    return copy.withUTF8 { bytes -> UInt64 in
      var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
      var i = 0
      if let base = UnsafeRawPointer(bytes.baseAddress) {
        while i + 8 <= bytes.count {
          hash = mix(hash ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
          i += 8
        }
      }
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < bytes.count {
        tail |= UInt64(bytes[i]) << shift
        shift += 8
        i += 1
      }
      hash = mix(hash ^ tail)
      return hash == 0 ? 1 : hash
    }
  }

  @inline(__always)
  private static func mix(_ value: UInt64) -> UInt64 {
    var x = value &* 0xBF58_476D_1CE4_E5B9
    x ^= x >> 31
    x = x &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 29)
  }

  /// Adds a fingerprint (no effect if present).
  mutating func insert(_ fingerprint: UInt64) {
    if (count + 1) * 2 > slots.count { grow() }
    if place(fingerprint) { count += 1 }
  }

  /// Whether `fingerprint` may belong to an id inserted before (false: certainly not).
  func mayContain(_ fingerprint: UInt64) -> Bool {
    guard !slots.isEmpty else { return false }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: fingerprint) & mask
    while true {
      let slot = slots[i]
      if slot == fingerprint { return true }
      if slot == 0 { return false }
      i = (i + 1) & mask
    }
  }

  /// Puts `fingerprint` in its slot; false if it was there already.
  private mutating func place(_ fingerprint: UInt64) -> Bool {
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: fingerprint) & mask
    while true {
      let slot = slots[i]
      if slot == fingerprint { return false }
      if slot == 0 {
        slots[i] = fingerprint
        return true
      }
      i = (i + 1) & mask
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: max(1024, old.count * 2))
    for fingerprint in old where fingerprint != 0 { _ = place(fingerprint) }
  }
}
