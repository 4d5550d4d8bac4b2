/// The deleted documents of one segment as of one commit: a bitmap.
///
/// File `sN_G.del`: header, maxDoc (u32), deleted count (u32), the bitmap
/// ((maxDoc + 7) / 8 bytes, bit d of byte d/8 set = document d deleted), footer.
/// Always checksummed in full when read.
struct DeletionSet: Sendable, Equatable {
  private(set) var bits: [UInt8]
  private(set) var count: Int
  let maxDoc: UInt32

  init(maxDoc: UInt32) {
    self.maxDoc = maxDoc
    bits = [UInt8](repeating: 0, count: (Int(maxDoc) + 7) / 8)
    count = 0
  }

  @inline(__always)
  func contains(_ doc: UInt32) -> Bool {
    let i = Int(doc >> 3)
    return i < bits.count && bits[i] & (1 << (doc & 7)) != 0
  }

  /// Marks a document deleted; returns false if it already was (or is out of range).
  @discardableResult
  mutating func insert(_ doc: UInt32) -> Bool {
    guard doc < maxDoc, !contains(doc) else { return false }
    bits[Int(doc >> 3)] |= 1 << (doc & 7)
    count += 1
    return true
  }

  func write(directory: String, segment: String, generation: Int) throws -> String {
    let name = FileKind.deletionFileName(segment, generation: generation)
    let file = try OutputFile(directory: directory, name: name, kind: .deletions, segment: segment)
    var w = BinaryWriter()
    w.appendUInt32(maxDoc)
    w.appendUInt32(UInt32(count))
    w.appendBytes(bits)
    try file.write(&w)
    try file.finish()
    return name
  }

  static func read(path: String, segment: String, maxDoc: UInt32) throws -> DeletionSet {
    let file = try MappedFile(path: path)
    try file.verifyFrame(kind: .deletions, segment: segment, checksum: true)
    var r = file.reader()
    let docs = try r.readUInt32()
    let stored = Int(try r.readUInt32())
    guard docs == maxDoc, r.remaining == (Int(maxDoc) + 7) / 8 else {
      throw IndexError.corrupted(file: file.name, reason: "bitmap for \(docs) documents, expected \(maxDoc)")
    }
    let bytes = try r.readBytes(count: r.remaining)
    var set = DeletionSet(maxDoc: maxDoc)
    set.bits = Array(bytes)
    set.count = set.bits.reduce(0) { $0 + $1.nonzeroBitCount }
    if maxDoc % 8 != 0, let last = set.bits.last, last >> (maxDoc % 8) != 0 {
      throw IndexError.corrupted(file: file.name, reason: "bits set beyond document \(maxDoc)")
    }
    guard set.count == stored else {
      throw IndexError.corrupted(file: file.name, reason: "\(set.count) bits set but header says \(stored) deleted")
    }
    return set
  }
}
