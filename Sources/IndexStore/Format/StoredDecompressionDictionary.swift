import CZstd

/// A stored file's dictionary digested for decompression, shared by every reader of the segment.
final class StoredDecompressionDictionary: @unchecked Sendable {
  let pointer: OpaquePointer

  /// nil when zstd rejects the bytes (a damaged dictionary) or cannot allocate.
  init?(bytes: UnsafeRawBufferPointer) {
    guard let pointer = ZSTD_createDDict(bytes.baseAddress, bytes.count) else { return nil }
    self.pointer = pointer
  }

  deinit { ZSTD_freeDDict(pointer) }
}
