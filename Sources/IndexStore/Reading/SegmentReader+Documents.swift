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
