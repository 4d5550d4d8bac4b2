/// Gives each distinct term of a field a dense id, without a `String` per occurrence.
///
/// Most terms of Chinese text are at most 4 UTF-16 units long (every bigram,
/// most words), so they are keyed by their units packed into a `UInt64`
/// (`PackedUnits.key`) in an open-addressing table with a
/// multiplicative hash; a few integer operations per token instead of
/// creating, hashing (SipHash) and comparing a `String`, which was the
/// writer's largest cost after ICU. Longer terms (long lexicon words, Latin
/// words, codes) go through a second open-addressing table over their
/// units, kept in one arena: no `String` per occurrence either.
struct TermInterner {
  private var keys: [UInt64]
  private var ids: [Int32]
  private var shift: UInt64
  private var shortCount = 0
  /// Long terms: slots holding an entry index + 1 (0 = empty); per entry
  /// its hash, its units' start in `longUnits` (its end is the next start)
  /// and its id.
  private var longSlots: [Int32] = []
  private var longHashes: [UInt64] = []
  private var longStarts: [Int32] = [0]
  private var longIDs: [Int32] = []
  private var longUnits: [UInt16] = []
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

  /// The id of a long term (more than 4 units), and whether it is new.
  mutating func intern(long units: UnsafeBufferPointer<UInt16>) -> (id: Int32, isNew: Bool) {
    let hash = TermInterner.hash(ofLong: units)
    if longSlots.isEmpty { longSlots = [Int32](repeating: 0, count: 64) }
    let mask = longSlots.count - 1
    var slot = Int(truncatingIfNeeded: hash >> 32) & mask
    while true {
      let entry = Int(longSlots[slot]) - 1
      if entry < 0 { break }
      if longHashes[entry] == hash && equalsLong(entry, units) { return (longIDs[entry], false) }
      slot = (slot + 1) & mask
    }
    let id = Int32(count)
    longSlots[slot] = Int32(longIDs.count + 1)
    longHashes.append(hash)
    longIDs.append(id)
    longUnits.append(contentsOf: units)
    longStarts.append(Int32(longUnits.count))
    count += 1
    if longIDs.count * 2 > longSlots.count { growLong() }
    return (id, true)
  }

  private func equalsLong(_ entry: Int, _ units: UnsafeBufferPointer<UInt16>) -> Bool {
    let start = Int(longStarts[entry])
    guard Int(longStarts[entry + 1]) - start == units.count else { return false }
    return longUnits.withUnsafeBufferPointer { stored in
      for i in 0..<units.count where stored[start + i] != units[i] { return false }
      return true
    }
  }

  private mutating func growLong() {
    longSlots = [Int32](repeating: 0, count: longSlots.count * 2)
    let mask = longSlots.count - 1
    for (entry, hash) in longHashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash >> 32) & mask
      while longSlots[slot] != 0 { slot = (slot + 1) & mask }
      longSlots[slot] = Int32(entry + 1)
    }
  }

  /// Calls `body` with each long term's id and units, in the order they were interned.
  func forEachLongTerm(_ body: (Int32, UnsafeBufferPointer<UInt16>) -> Void) {
    longUnits.withUnsafeBufferPointer { units in
      for (entry, id) in longIDs.enumerated() {
        body(id, UnsafeBufferPointer(rebasing: units[Int(longStarts[entry])..<Int(longStarts[entry + 1])]))
      }
    }
  }

  /// Forgets every term, keeping the capacity (a reusable table only).
  mutating func removeAll() {
    if let slots = occupied {
      for slot in slots { keys[Int(slot)] = 0 }
      occupied?.removeAll(keepingCapacity: true)
    } else {
      for slot in keys.indices { keys[slot] = 0 }
    }
    if !longIDs.isEmpty {
      for slot in longSlots.indices { longSlots[slot] = 0 }
      longHashes.removeAll(keepingCapacity: true)
      longStarts.removeAll(keepingCapacity: true)
      longStarts.append(0)
      longIDs.removeAll(keepingCapacity: true)
      longUnits.removeAll(keepingCapacity: true)
    }
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

  /// The hash of a long term's units (FNV-1a, then a multiplicative mix).
  @inline(__always)
  static func hash(ofLong units: UnsafeBufferPointer<UInt16>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for unit in units { hash = (hash ^ UInt64(unit)) &* 0x100_0000_01b3 }
    return hash &* 0x9E37_79B9_7F4A_7C15
  }

  /// The shard of a long term.
  static func shard(ofLong units: UnsafeBufferPointer<UInt16>) -> Int {
    Int(truncatingIfNeeded: (hash(ofLong: units) &* 0xD6E8_FEB8_6659_FD93) >> 62)
  }
}
