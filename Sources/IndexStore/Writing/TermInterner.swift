/// Gives each distinct term of a field a dense id, without a `String` per occurrence.
///
/// Most terms of Chinese text are at most 4 UTF-16 units long (every bigram,
/// most words), so they are keyed by their units packed into a `UInt64`
/// (`TermInterner.packedKey`) in an open-addressing table with a
/// multiplicative hash; a few integer operations per token instead of
/// creating, hashing (SipHash) and comparing a `String`, which was the
/// writer's largest cost after ICU. Longer terms (long lexicon words, Latin
/// words, codes) go through a `Dictionary` keyed by their UTF-8 bytes.
struct TermInterner {
  private var keys: [UInt64]
  private var ids: [Int32]
  private var shift: UInt64
  private var shortCount = 0
  private var long: [TermKey: Int32] = [:]
  /// Distinct terms interned so far; ids are 0..<count.
  private(set) var count = 0
  /// The slots in use, when the table is reused (`removeAll`); nil otherwise.
  private var occupied: [Int32]?

  /// An empty table sized for about `expected` terms before it grows;
  /// `reusable` tables remember their slots so that `removeAll` costs only
  /// as much as the terms inserted.
  init(expected: Int = 16, reusable: Bool = false) {
    if reusable { occupied = [] }
    var capacity = 16
    var shift: UInt64 = 60
    while capacity < expected * 2 {
      capacity *= 2
      shift -= 1
    }
    keys = [UInt64](repeating: 0, count: capacity)
    ids = [Int32](repeating: 0, count: capacity)
    self.shift = shift
  }

  /// The id of the short term with packed key `key` (never 0), and whether it is new.
  @inline(__always)
  mutating func intern(key: UInt64) -> (id: Int32, isNew: Bool) {
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    while true {
      let stored = keys[slot]
      if stored == key { return (ids[slot], false) }
      if stored == 0 { break }
      slot = (slot + 1) & mask
    }
    let id = Int32(count)
    keys[slot] = key
    ids[slot] = id
    occupied?.append(Int32(slot))
    count += 1
    shortCount += 1
    if shortCount * 2 > keys.count { grow() }
    return (id, true)
  }

  /// The id of a long term, and whether it is new.
  mutating func intern(long text: String) -> (id: Int32, isNew: Bool) {
    let key = TermKey(text)
    if let known = long[key] { return (known, false) }
    let id = Int32(count)
    long[key] = id
    count += 1
    return (id, true)
  }

  /// Forgets every term, keeping the capacity (a reusable table only).
  mutating func removeAll() {
    if let slots = occupied {
      for slot in slots { keys[Int(slot)] = 0 }
      occupied?.removeAll(keepingCapacity: true)
    } else {
      for slot in keys.indices { keys[slot] = 0 }
    }
    if !long.isEmpty { long.removeAll(keepingCapacity: true) }
    count = 0
    shortCount = 0
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldIDs = ids
    if occupied != nil { occupied?.removeAll(keepingCapacity: true) }
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    ids = [Int32](repeating: 0, count: oldKeys.count * 2)
    shift -= 1
    let mask = keys.count - 1
    for (k, key) in oldKeys.enumerated() where key != 0 {
      var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
      while keys[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = key
      ids[slot] = oldIDs[k]
      if occupied != nil { occupied?.append(Int32(slot)) }
    }
  }

  /// The units `start..<end` packed 16 bits each (first unit highest), or
  /// 0 when the span is longer than 4 units. Normalized text has no U+0000,
  /// so the packing is unambiguous and never 0 for a non-empty span.
  @inline(__always)
  static func packedKey(_ units: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int) -> UInt64 {
    guard end - start <= 4 else { return 0 }
    var key: UInt64 = 0
    var index = start
    while index < end {
      key = key << 16 | UInt64(units[index])
      index += 1
    }
    return key
  }

  /// Inversion shards per field: a field's terms are split by hash into this
  /// many `PostingsBuffer.FieldBuffer`s, so that one large field (the body's
  /// bigrams) is inverted by several threads at once.
  static let shardCount = 4

  /// The shard of a short term (top bits of a multiplicative hash with a
  /// different multiplier from the table's, so that one shard's keys still
  /// spread over all of its table's slots).
  @inline(__always)
  static func shard(ofPacked key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> 62)
  }

  /// The shard of a long term (FNV-1a of its UTF-8 bytes).
  static func shard(ofLong text: String) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: (hash &* 0xD6E8_FEB8_6659_FD93) >> 62)
  }

  /// Appends the UTF-8 bytes of the term with packed key `key` to `bytes`
  /// (a lone surrogate, which text made from a `String` never has, as U+FFFD).
  static func appendUTF8(ofPacked key: UInt64, to bytes: inout [UInt8]) {
    // The first unit is in the highest non-zero 16-bit lane.
    let count = (64 - key.leadingZeroBitCount + 15) / 16
    let list = (0..<count).lazy.map { UInt16(truncatingIfNeeded: key >> UInt64(16 * (count - 1 - $0))) }
    var index = list.startIndex
    while index < list.endIndex {
      let unit = UInt32(list[index])
      index += 1
      if unit < 0x80 {
        bytes.append(UInt8(unit))
      } else if unit < 0x800 {
        bytes.append(UInt8(0xC0 | (unit >> 6)))
        bytes.append(UInt8(0x80 | (unit & 0x3F)))
      } else if (0xD800..<0xDC00).contains(unit) && index < list.endIndex && (0xDC00..<0xE000).contains(list[index]) {
        let scalar = 0x10000 + ((unit - 0xD800) << 10) + (UInt32(list[index]) - 0xDC00)
        index += 1
        bytes.append(UInt8(0xF0 | (scalar >> 18)))
        bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (scalar & 0x3F)))
      } else if (0xD800..<0xE000).contains(unit) {
        bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
      } else {
        bytes.append(UInt8(0xE0 | (unit >> 12)))
        bytes.append(UInt8(0x80 | ((unit >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (unit & 0x3F)))
      }
    }
  }
}
