import CZlib
import CZstd

/// Compression of stored-document blocks: zstd frames, and the zlib streams of older indexes.
///
/// Each block says which it is by its first bytes: a zstd frame starts with
/// the magic 0xFD2FB528 (little-endian), a zlib stream with a two-byte header
/// whose low nibble is 8 (deflate); no zlib header can start like a zstd
/// frame. So a stored file may mix both (a merge copies the zlib blocks of a
/// source written before zstd as they are), and an index written before
/// needs no rebuild.
///
/// Writing: zstd with its content checksum (XXH64, 4 bytes per block), so a
/// damaged block shows as a checksum error rather than as wrong text, and
/// with the segment's dictionary (`StoredDictionary`) named in the frame.
/// Reading: the whole block in one call, with a decompression context taken
/// from a small process-wide pool (creating one per call costs about as much
/// as decoding the block).
enum StoredBlockCodec {
  case zstd, zlib

  /// The zstd level stored blocks are written with unless told otherwise
  /// (`IndexWriterOptions.compressionLevel`; measured in docs/FORMAT.md).
  static let defaultLevel: Int32 = 3

  /// The codec of a block, from its first bytes.
  static func detect(_ block: UnsafeRawBufferPointer) -> StoredBlockCodec {
    guard block.count >= 4 else { return .zlib }
    return block.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian == UInt32(ZSTD_MAGICNUMBER) ? .zstd : .zlib
  }

  /// Decompresses `block` into exactly `output.count` bytes, or says why not.
  ///
  /// - Returns: nil on success, else a reason for an error message.
  /// `dictionary` gives the file's dictionary of an ID (`StoredDictionary`).
  static func decompress(_ block: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                         dictionary: (UInt32) -> StoredDecompressionDictionary?) -> String? {
    guard let source = block.baseAddress, block.count > 0 else { return "empty block" }
    guard let target = output.baseAddress else { return output.count == 0 ? nil : "no output" }
    switch detect(block) {
    case .zstd:
      let id = ZSTD_getDictID_fromFrame(source, block.count)
      var digested: StoredDecompressionDictionary?
      if id != 0 {
        digested = dictionary(id)
        guard digested != nil else { return "needs zstd dictionary \(id), which the file does not hold intact" }
      }
      let produced = ZstdDecompressionContext.withContext { context in
        if let digested {
          return ZSTD_decompress_usingDDict(context, target, output.count, source, block.count, digested.pointer)
        }
        return ZSTD_decompressDCtx(context, target, output.count, source, block.count)
      }
      guard let produced else { return "zstd cannot allocate a decompression context" }
      if ZSTD_isError(produced) != 0 {
        return "does not decompress (zstd: \(String(cString: ZSTD_getErrorName(produced))))"
      }
      guard produced == output.count else { return "decompresses to \(produced) bytes, expected \(output.count)" }
      return nil
    case .zlib:
      var produced = uLong(output.count)
      let status = uncompress(target.assumingMemoryBound(to: UInt8.self), &produced,
                              source.assumingMemoryBound(to: UInt8.self), uLong(block.count))
      guard status == Z_OK else { return "does not decompress (zlib \(status))" }
      guard produced == uLong(output.count) else { return "decompresses to \(produced) bytes, expected \(output.count)" }
      return nil
    }
  }
}
