/// Gives each distinct term of a field a dense id, without a `String` per occurrence.
///
/// Most terms of Chinese text are at most 4 UTF-16 units long (every bigram,
/// most words), so they are keyed by their units packed into a `UInt64`
/// (`PackedUnits.key`) in an open-addressing table with a
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
}
