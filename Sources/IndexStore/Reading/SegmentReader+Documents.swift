import CZlib
import Ingest

extension SegmentReader {
  /// Decodes the stored documents `docs` (ascending document numbers),
  /// decompressing each stored block once.
  ///
  /// `document(_:)` decompresses a whole block per call; a workflow that reads
  /// many documents of a segment in order (every petition, for grouping) calls
  /// this instead and pays one decompression per block.
  ///
  /// - Throws: `IndexError.corrupted` on damaged bytes, naming the file.
  package func documents(_ docs: [UInt32], _ body: (UInt32, Document) throws -> Void) throws {
    let name = storage.stored.name
    var reader = ByteArrayReader([], fileName: name)
    var current: UInt32 = 0  // the document the reader's offset stands at
    var loaded = false
    for doc in docs {
      var reloads = 0
      if !loaded || doc < current {
        let (first, block) = try storedBlock(containing: doc)
        reader = ByteArrayReader(block, fileName: name)
        current = first
        loaded = true
      }
      while current < doc || reader.offset >= reader.bytes.count {
        if reader.offset >= reader.bytes.count {
          reloads += 1
          guard reloads <= 1 else { throw reader.corrupted("no stored block holds document \(doc)") }
          let (first, block) = try storedBlock(containing: doc)
          reader = ByteArrayReader(block, fileName: name)
          current = first
          continue
        }
        let length = try reader.readVarint()
        guard length <= UInt64(reader.bytes.count - reader.offset) else {
          throw reader.corrupted("stored document length \(length) too large")
        }
        reader.offset += Int(length)
        current += 1
      }
      let length = try reader.readVarint()
      guard length <= UInt64(reader.bytes.count - reader.offset) else {
        throw reader.corrupted("stored document length \(length) too large")
      }
      let end = reader.offset + Int(length)
      let document = try DocumentCodec.decode(Array(reader.bytes[reader.offset..<end]), fileName: name)
      reader.offset = end
      current += 1
      try body(doc, document)
    }
  }
}

extension SegmentReader {
  /// A buffer holding the DocumentCodec bytes of `doc`, and their range in
  /// it (the decoded block, which the document is read from without a copy).
  ///
  /// A zstd block is decoded whole (its content checksum checked): zstd
  /// decodes a block of a few KB in one step, so stopping early saves nothing. A
  /// zlib block (indexes written before zstd) is inflated only as far as the
  /// document's end (on average half the block); its Adler-32 is not checked
  /// (it covers bytes never inflated), so damage shows as a deflate error or
  /// as bytes `DocumentCodec` rejects, and `IndexChecker` inflates and checks
  /// every block whole.
  ///
  /// - Throws: `IndexError.corrupted` on damaged bytes, naming the file and block.
  func storedPrefix(upTo doc: UInt32) throws -> (bytes: [UInt8], range: Range<Int>) {
    let name = storage.stored.name
    let block = try storedBlockIndex(containing: doc)
    let entry = try storedBlockEntry(block)
    func damaged(_ reason: String) -> IndexError {
      IndexError.corrupted(file: name, reason: "stored block \(block) at byte \(entry.offset): \(reason)")
    }
    if StoredBlockCodec.detect(storedBlockBytes(entry)) == .zstd {
      let (first, bytes) = try storedBlock(at: block)
      let range = try bytes.withUnsafeBytes { raw -> Range<Int> in
        guard let base = raw.baseAddress else { throw damaged("empty block") }
        var record = 0
        var current = first
        while true {
          guard let (length, body) = readVarint(base, record, raw.count) else {
            throw damaged("no stored document \(doc) in it")
          }
          guard length <= UInt64(raw.count - body) else { throw damaged("stored document length \(length) too large") }
          let end = body + Int(length)
          if current == doc { return body..<end }
          record = end
          current += 1
        }
      }
      return (bytes, range)
    }
    // The block is a zlib stream; inflate its deflate data raw (after the
    // two-byte header), which skips the Adler-32 of the whole block that an
    // early stop could not check anyway.
    guard entry.compressedLength > 2 else { throw damaged("too short") }
    let compressed = (storage.stored.base + entry.offset).assumingMemoryBound(to: UInt8.self)
    let method = compressed[0]
    let flags = compressed[1]
    guard method & 0x0F == 8, (UInt16(method) << 8 | UInt16(flags)) % 31 == 0, flags & 0x20 == 0 else {
      throw damaged("not a zlib stream (header \(method), \(flags))")
    }
    var stream = z_stream()
    guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw damaged("zlib cannot start inflating")
    }
    defer { inflateEnd(&stream) }
    stream.next_in = UnsafeMutablePointer(mutating: compressed + 2)
    stream.avail_in = uInt(entry.compressedLength - 2)
    var output = [UInt8](repeating: 0, count: entry.rawLength)
    let range = try output.withUnsafeMutableBufferPointer { buffer -> Range<Int> in
      guard let start = buffer.baseAddress else { throw damaged("empty block") }
      var produced = 0
      var record = 0  // where the current document's length varint starts
      var current = entry.firstDoc
      while true {
        var wanted = record + 10  // room for a length varint
        if let (length, body) = readVarint(UnsafeRawPointer(start), record, produced) {
          guard length <= UInt64(entry.rawLength - body) else {
            throw damaged("stored document length \(length) too large")
          }
          let end = body + Int(length)
          if end <= produced {
            if current == doc { return body..<end }
            record = end
            current += 1
            continue
          }
          wanted = end
        }
        let target = min(entry.rawLength, max(wanted, produced + 512))
        guard target > produced else { throw damaged("no stored document \(doc) in it") }
        stream.next_out = start + produced
        stream.avail_out = uInt(target - produced)
        let status = inflate(&stream, Z_SYNC_FLUSH)
        let now = Int(stream.total_out)
        guard status == Z_OK || status == Z_STREAM_END, now > produced else {
          throw damaged("does not decompress (zlib \(status))")
        }
        produced = now
      }
    }
    return (output, range)
  }
}
