/// One exact-match column of one segment: sorted distinct values and an ordinal per document.
package struct ColumnReader: Sendable {
  /// The distinct values of this segment, in ascending UTF-8 byte order.
  package var values: [String]
  let file: MappedFile?
  let ordinalsOffset: Int
  let width: Int
  let maxDoc: UInt32

  static let empty = ColumnReader(values: [], file: nil, ordinalsOffset: 0, width: 1, maxDoc: 0)

  /// The index into `values` of a document's value; nil if out of range or damaged.
  package func ordinal(_ doc: UInt32) -> UInt32? {
    guard let file, doc < maxDoc else { return nil }
    let offset = ordinalsOffset + Int(doc) * width
    guard offset + width <= file.bodyEnd else { return nil }
    let v: UInt32
    switch width {
    case 1: v = UInt32(file.base.load(fromByteOffset: offset, as: UInt8.self))
    case 2: v = UInt32(file.base.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian)
    default: v = file.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }
    return v < UInt32(values.count) ? v : nil
  }

  package func value(_ doc: UInt32) -> String? {
    guard let o = ordinal(doc) else { return nil }
    return values[Int(o)]
  }

  /// The ordinal of a value, by binary search; nil if no document of the segment has it.
  package func ordinal(of value: String) -> UInt32? {
    var low = 0
    var high = values.count
    while low < high {
      let mid = (low + high) / 2
      if values[mid].utf8.lexicographicallyPrecedes(value.utf8) { low = mid + 1 } else { high = mid }
    }
    return low < values.count && values[low] == value ? UInt32(low) : nil
  }
}

/// A column's ordinals read straight from the mapped file (for counting
/// loops); valid while the `SegmentReader` it came from is alive.
package struct ColumnOrdinals {
  private let base: UnsafeRawPointer?
  private let width: Int
  private let maxDoc: UInt32
  private let valueCount: UInt32

  /// Ordinals of no document.
  package static var empty: ColumnOrdinals { ColumnOrdinals(base: nil, width: 1, maxDoc: 0, valueCount: 0) }

  init(base: UnsafeRawPointer?, width: Int, maxDoc: UInt32, valueCount: Int) {
    self.base = base
    self.width = width
    self.maxDoc = maxDoc
    self.valueCount = UInt32(min(valueCount, Int(UInt32.max)))
  }

  /// The index into the column's values of a document's value; nil if out of range or damaged.
  @inline(__always)
  package subscript(_ doc: UInt32) -> Int? {
    guard doc < maxDoc, let base else { return nil }
    let offset = Int(doc) * width
    let value: UInt32
    switch width {
    case 1: value = UInt32(base.load(fromByteOffset: offset, as: UInt8.self))
    case 2: value = UInt32(base.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian)
    default: value = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }
    return value < valueCount ? Int(value) : nil
  }
}

extension ColumnReader {
  /// Direct access to the ordinals (the same values as `ordinal(_:)`).
  package var ordinals: ColumnOrdinals {
    guard let file, ordinalsOffset + Int(maxDoc) * width <= file.bodyEnd, ordinalsOffset >= file.bodyStart else {
      return ColumnOrdinals(base: nil, width: width, maxDoc: 0, valueCount: 0)
    }
    return ColumnOrdinals(base: file.base + ordinalsOffset, width: width, maxDoc: maxDoc, valueCount: values.count)
  }
}
