/// An immutable open-addressing hash table from non-zero 64-bit keys to
/// 32-bit values, with a multiplicative (Fibonacci) hash.
///
/// The analyzer looks up a key for nearly every character or word; Swift's
/// `Dictionary` and `Set` hash with SipHash, which cost more than the rest
/// of the lookup. Keys here are packed UTF-16 units, never adversarial.
struct IntegerHashTable: Sendable {
  private let keys: [UInt64]
  private let values: [Int32]
  private let shift: UInt64

  /// Builds the table; key 0 is reserved for empty slots and is skipped.
  init(_ entries: [UInt64: Int32]) {
    var capacity = 16
    var shift: UInt64 = 60
    while capacity < entries.count * 2 {
      capacity *= 2
      shift -= 1
    }
    var keys = [UInt64](repeating: 0, count: capacity)
    var values = [Int32](repeating: 0, count: capacity)
    for (key, value) in entries where key != 0 {
      var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
      while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
      keys[slot] = key
      values[slot] = value
    }
    self.keys = keys
    self.values = values
    self.shift = shift
  }

  /// The value stored for `key`, or nil.
  @inline(__always)
  func value(for key: UInt64) -> Int32? {
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    while true {
      let stored = keys[slot]
      if stored == key { return values[slot] }
      if stored == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }
}
