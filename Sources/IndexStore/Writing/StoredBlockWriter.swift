import CZlib
import Dispatch
import TextAnalysis

/// Writes a segment's stored file: documents gathered into blocks, zstd-compressed with the segment's dictionary.
///
/// Blocks wait in memory until `StoredDictionary.sampleBytes` of them are
/// there; the dictionary is trained on them (none for a small segment, or
/// when training fails), then blocks are compressed in parallel, 32 at a
/// time, one reused zstd context per core. A merge instead names the
/// dictionary for new blocks (`use`) and registers the dictionaries of the
/// blocks it copies (`adopt`). `finish` writes the dictionaries after the
/// blocks, then the block index and the dictionary table (docs/FORMAT.md).
final class StoredBlockWriter {
  private let file: OutputFile
  private let level: Int32
  private var currentBlock = BinaryWriter()
  private var currentBlockFirstDoc: UInt32 = 0
  private var pendingBlocks: [(firstDoc: UInt32, raw: [UInt8])] = []
  private var pendingBytes = 0
  private var blockIndex = BinaryWriter()
  private(set) var blockCount: UInt32 = 0
  /// zstd contexts of the block-compressing workers (one per core).
  private let compressors: [ZstdCompressor]
  /// The dictionary new blocks are compressed with; decided once.
  private var dictionary: StoredDictionary?
  private var dictionaryDecided = false
  /// Every dictionary some block of the file needs, by ID, in order of registration.
  private var dictionaries: [(id: UInt32, bytes: [UInt8])] = []

  init(file: OutputFile, level: Int32) {
    self.file = file
    self.level = level
    compressors = (0..<Processors.online).map { _ in ZstdCompressor(level: level) }
  }

  /// Adds document `doc`'s DocumentCodec bytes (documents come in order).
  func add(doc: UInt32, bytes: [UInt8]) throws {
    if currentBlock.count == 0 { currentBlockFirstDoc = doc }
    currentBlock.appendVarint(UInt64(bytes.count))
    currentBlock.appendBytes(bytes)
    if currentBlock.count >= SegmentFormat.storedBlockTarget {
      closeBlock()
      if !dictionaryDecided {
        if pendingBytes >= StoredDictionary.sampleBytes { try writePendingBlocks() }
      } else if pendingBlocks.count >= 32 {
        try writePendingBlocks()
      }
    }
  }

  /// Appends a block compressed elsewhere (a merge source's, copied as it
  /// is) holding the documents from `firstDoc` on. Its dictionary, if any,
  /// must have been adopted.
  func addCompressed(_ compressed: UnsafeRawBufferPointer, rawLength: Int, firstDoc: UInt32) throws {
    closeBlock()
    try writePendingBlocks()
    appendEntry(firstDoc: firstDoc, compressedLength: compressed.count, rawLength: rawLength)
    try file.write(Array(compressed))
  }

  /// Compresses the blocks added from now on with these dictionary bytes (a
  /// merge source's) instead of training one; false if they are not a
  /// dictionary or clash with one already registered.
  func use(dictionary bytes: [UInt8]) -> Bool {
    guard !dictionaryDecided, pendingBlocks.isEmpty, currentBlock.count == 0,
          let chosen = StoredDictionary(bytes: bytes, level: level), register(chosen.id, bytes)
    else { return false }
    decide(chosen)
    return true
  }

  /// Registers the dictionaries of blocks about to be copied; false (and
  /// nothing registered) if one has the ID of a different dictionary.
  func adopt(_ list: [(id: UInt32, bytes: [UInt8])]) -> Bool {
    for (id, bytes) in list {
      if let known = dictionaries.first(where: { $0.id == id }), known.bytes != bytes { return false }
    }
    for (id, bytes) in list { _ = register(id, bytes) }
    return true
  }

  /// Writes the remaining blocks, the dictionaries, the block index and the
  /// dictionary table; returns the file's size.
  func finish() throws -> Int {
    closeBlock()
    try writePendingBlocks()
    var table = BinaryWriter()
    table.appendUInt32(UInt32(dictionaries.count))
    for (id, bytes) in dictionaries {
      table.appendUInt32(id)
      table.appendUInt64(UInt64(file.count))
      table.appendUInt32(UInt32(bytes.count))
      try file.write(bytes)
    }
    var tail = BinaryWriter()
    let indexOffset = UInt64(file.count)
    tail.appendUInt32(blockCount)
    tail.appendBytes(blockIndex.bytes)
    tail.appendBytes(table.bytes)
    tail.appendUInt64(indexOffset)
    try file.write(&tail)
    return try file.finish()
  }

  private func closeBlock() {
    guard currentBlock.count > 0 else { return }
    pendingBlocks.append((currentBlockFirstDoc, currentBlock.bytes))
    pendingBytes += currentBlock.count
    currentBlock = BinaryWriter()
  }

  private func register(_ id: UInt32, _ bytes: [UInt8]) -> Bool {
    if let known = dictionaries.first(where: { $0.id == id }) { return known.bytes == bytes }
    dictionaries.append((id, bytes))
    return true
  }

  private func decide(_ chosen: StoredDictionary?) {
    dictionaryDecided = true
    guard let chosen else { return }
    // A context that cannot take the dictionary compresses without it: its
    // frames name no dictionary and read as well.
    if compressors.allSatisfy({ $0.use(chosen) }) {
      dictionary = chosen
    } else {
      for compressor in compressors { compressor.dropDictionary() }
    }
  }

  private func appendEntry(firstDoc: UInt32, compressedLength: Int, rawLength: Int) {
    blockIndex.appendUInt32(firstDoc)
    blockIndex.appendUInt64(UInt64(file.count))
    blockIndex.appendUInt32(UInt32(compressedLength))
    blockIndex.appendUInt32(UInt32(rawLength))
    blockCount += 1
  }

  private func writePendingBlocks() throws {
    if !dictionaryDecided {
      let trained = StoredDictionary.train(on: pendingBlocks.map(\.raw), level: level)
      if let trained, register(trained.id, trained.bytes) { decide(trained) } else { decide(nil) }
    }
    let blocks = pendingBlocks
    pendingBlocks.removeAll()
    pendingBytes = 0
    guard !blocks.isEmpty else { return }
    let results = ResultSlots<[UInt8]>(count: blocks.count)
    let workers = min(blocks.count, compressors.count)
    let compressors = compressors
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      for i in stride(from: w, to: blocks.count, by: workers) {
        results.set(i, StoredBlockWriter.compress(blocks[i].raw, with: compressors[w]))
      }
    }
    for (i, block) in blocks.enumerated() {
      let compressed = results.take(i) ?? []
      appendEntry(firstDoc: block.firstDoc, compressedLength: compressed.count, rawLength: block.raw.count)
      try file.write(compressed)
    }
  }

  /// A stored block: a zstd frame (`StoredBlockCodec`), or a zlib stream in
  /// the unlikely case that zstd cannot allocate its context.
  static func compress(_ raw: [UInt8], with compressor: ZstdCompressor) -> [UInt8] {
    if let frame = compressor.compress(raw) { return frame }
    var capacity = compressBound(uLong(raw.count))
    var out = [UInt8](repeating: 0, count: Int(capacity))
    let status = raw.withUnsafeBufferPointer { input in
      out.withUnsafeMutableBufferPointer { output in
        compress2(output.baseAddress, &capacity, input.baseAddress, uLong(input.count), 1)
      }
    }
    // compress2 only fails on a too-small buffer or bad level, both ruled out above.
    guard status == Z_OK else { return [] }
    out.removeLast(out.count - Int(capacity))
    return out
  }
}
