/// FNV-1a, 64 bits, of UTF-8 text as 16 lower-case hex digits.
///
/// Stable across processes and machines (unlike `hashValue`, which Swift
/// seeds randomly per process), so an index can record it.
func fnv1aChecksum(_ text: String) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01B3
  }
  let digits = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - digits.count) + digits
}
