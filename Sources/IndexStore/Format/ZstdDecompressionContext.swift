import CZstd
import TextAnalysis

/// zstd decompression contexts shared by all readers of the process.
///
/// A context is taken for one call and given back; at most `limit` idle ones
/// are kept (one per thread that decodes at the same time is enough).
final class ZstdDecompressionContext: @unchecked Sendable {
  let pointer: OpaquePointer

  private init(_ pointer: OpaquePointer) { self.pointer = pointer }
  deinit { ZSTD_freeDCtx(pointer) }

  private static let idle = Locked<[ZstdDecompressionContext]>([])
  private static let limit = 16

  /// Runs `body` with a context of the pool; nil if zstd cannot allocate one.
  static func withContext<Result>(_ body: (OpaquePointer) -> Result) -> Result? {
    let context: ZstdDecompressionContext
    if let reused = idle.withLock({ $0.popLast() }) {
      context = reused
    } else if let created = ZSTD_createDCtx() {
      context = ZstdDecompressionContext(created)
    } else {
      return nil
    }
    let result = body(context.pointer)
    idle.withLock { pool in
      if pool.count < limit { pool.append(context) }
    }
    return result
  }
}
