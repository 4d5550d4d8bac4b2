import CZstd

/// A zstd compression context, reused for every block one writer thread compresses.
///
/// Level and content checksum are set once. Used by one thread at a time
/// (`@unchecked Sendable` so that a writer can hand each of its
/// concurrent workers its own).
final class ZstdCompressor: @unchecked Sendable {
  private let context: OpaquePointer?

  init(level: Int32 = StoredBlockCodec.defaultLevel) {
    context = ZSTD_createCCtx()
    if let context {
      _ = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
      _ = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
    }
  }

  deinit { ZSTD_freeCCtx(context) }

  /// Compresses the next frames without a dictionary.
  func dropDictionary() {
    guard let context else { return }
    _ = ZSTD_CCtx_refCDict(context, nil)
  }

  /// Compresses the next frames with `dictionary` (its ID goes in each frame header).
  func use(_ dictionary: StoredDictionary) -> Bool {
    guard let context else { return false }
    return dictionary.attach(to: context)
  }

  /// One zstd frame holding `raw`; nil only if zstd cannot allocate.
  func compress(_ raw: [UInt8]) -> [UInt8]? {
    guard let context else { return nil }
    let capacity = ZSTD_compressBound(raw.count)
    var failed = false
    let out = [UInt8](unsafeUninitializedCapacity: capacity) { output, count in
      let written = raw.withUnsafeBytes { input in
        ZSTD_compress2(context, output.baseAddress, capacity, input.baseAddress, input.count)
      }
      if ZSTD_isError(written) != 0 {
        failed = true
        count = 0
      } else {
        count = written
      }
    }
    return failed ? nil : out
  }
}
