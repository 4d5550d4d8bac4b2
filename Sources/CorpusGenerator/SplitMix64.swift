/// A small, fast, seedable random number generator (SplitMix64, Steele et al. 2014).
///
/// Each document gets its own generator seeded from (seed, index), so document
/// i is the same whatever the count and smaller corpora are prefixes of larger ones.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64, index: UInt64) {
    state = seed &* 0x9E37_79B9_7F4A_7C15 ^ (index &+ 0x632B_E59B_D9B4_E019) &* 0xBF58_476D_1CE4_E5B9
    _ = next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in 0..<bound.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

  /// A uniformly chosen element.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
