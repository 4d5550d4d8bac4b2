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

/// The documents' dates (days since 1970-01-01) read straight from the
/// mapped file; valid while the `SegmentReader` it came from is alive.
package struct DateColumn {
  private let base: UnsafeRawPointer?
  private let maxDoc: UInt32

  /// Dates of no document.
  package static var empty: DateColumn { DateColumn(base: nil, maxDoc: 0) }

  init(base: UnsafeRawPointer?, maxDoc: UInt32) {
    self.base = base
    self.maxDoc = maxDoc
  }

  /// Days since 1970-01-01; nil when the document has no date (or is out of range).
  @inline(__always)
  package subscript(_ doc: UInt32) -> Int32? {
    guard doc < maxDoc, let base else { return nil }
    let value = Int32(bitPattern: base.loadUnaligned(fromByteOffset: Int(doc) * 4, as: UInt32.self).littleEndian)
    return value == SegmentFormat.missingDate ? nil : value
  }
}

extension SegmentReader {
  /// Direct access to the dates (the same values as `date(_:)`).
  package var dates: DateColumn {
    let start = storage.datesOffset
    guard start >= storage.columns.bodyStart, start + Int(storage.maxDoc) * 4 <= storage.columns.bodyEnd else {
      return DateColumn(base: nil, maxDoc: 0)
    }
    return DateColumn(base: storage.columns.base + start, maxDoc: storage.maxDoc)
  }
}
