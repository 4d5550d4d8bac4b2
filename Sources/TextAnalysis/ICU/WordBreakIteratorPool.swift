/// Hands out word break iterators to concurrent callers.
///
/// Each caller gets an iterator nobody else holds (a pooled clone, or a new
/// clone of the prototype) and gives it back afterwards. The pool keeps at
/// most `capacity` idle iterators.
final class WordBreakIteratorPool: Sendable {
  static let shared = WordBreakIteratorPool()

  private let prototype: WordBreakIterator?
  private let idle = Locked<[WordBreakIterator]>([])
  private let capacity = 64

  private init() { prototype = WordBreakIterator.open() }

  /// Runs `body` with an iterator held exclusively for its duration; nil when
  /// ICU could not open one.
  func withIterator<Result>(_ body: (WordBreakIterator) -> Result) -> Result? {
    let taken = idle.withLock { $0.popLast() }
    guard let iterator = taken ?? prototype?.clone() else { return nil }
    let result = body(iterator)
    idle.withLock { list in
      if list.count < capacity { list.append(iterator) }
    }
    return result
  }

  /// Drops the idle iterators, and with them their segmentation caches.
  func dropIdle() { idle.withLock { $0.removeAll() } }

  /// Look-ups and hits of the idle iterators' segmentation caches.
  func cacheStatistics() -> (lookups: Int, hits: Int) {
    idle.withLock { list in list.reduce((0, 0)) { ($0.0 + $1.cache.lookups, $0.1 + $1.cache.hits) } }
  }
}
