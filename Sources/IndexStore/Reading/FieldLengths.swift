/// The token counts of one field for every document of a segment, read
/// straight from the mapped lengths file (for scoring loops).
///
/// Valid as long as the `SegmentReader` it came from (which keeps the file
/// mapped) is alive; the caller keeps that reader.
package struct FieldLengths {
  private let base: UnsafeRawPointer?
  private let count: UInt32

  init(base: UnsafeRawPointer?, count: UInt32) {
    self.base = base
    self.count = count
  }

  /// The field's length in `doc`; 0 out of range.
  @inline(__always)
  package subscript(_ doc: UInt32) -> UInt32 {
    guard doc < count, let base else { return 0 }
    return base.loadUnaligned(fromByteOffset: Int(doc) * 4, as: UInt32.self).littleEndian
  }
}

extension SegmentReader {
  /// Direct access to a field's lengths (the same values as `fieldLength`).
  package func fieldLengths(_ field: IndexedField) -> FieldLengths {
    let start = storage.lengthsOffset + Int(field.rawValue) * Int(storage.maxDoc) * 4
    let end = start + Int(storage.maxDoc) * 4
    guard start >= storage.lengths.bodyStart, end <= storage.lengths.bodyEnd else {
      return FieldLengths(base: nil, count: 0)
    }
    return FieldLengths(base: storage.lengths.base + start, count: storage.maxDoc)
  }
}
