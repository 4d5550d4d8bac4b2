/// Puts byte strings held in one arena in unsigned byte order, the order of
/// the terms and ids files.
enum ByteOrder {
  /// Sorts `items` by the bytes `span` gives each in `arena`; items with
  /// equal bytes keep their order.
  ///
  /// Compares an 8-byte big-endian prefix first (exact for the many strings
  /// of at most 8 bytes: no term or id holds a 0 byte), then the bytes.
  /// Comparing `String`s or their `UTF8View`s instead was a large part of
  /// writing a segment. The items move with their keys, so reading them in
  /// order afterwards walks memory in order.
  static func sort<Item>(_ items: inout [Item], in arena: [UInt8], by span: (Item) -> Range<Int>) {
    arena.withUnsafeBytes { bytes in
      var keys: [(prefix: UInt64, start: Int32, end: Int32, order: Int32, item: Item)] = items.enumerated().map {
        order, item in
        let range = span(item)
        var prefix: UInt64 = 0
        for k in 0..<8 { prefix = prefix << 8 | UInt64(range.lowerBound + k < range.upperBound ? bytes[range.lowerBound + k] : 0) }
        return (prefix, Int32(range.lowerBound), Int32(range.upperBound), Int32(order), item)
      }
      keys.sort { a, b in
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        let c = compareBytes(UnsafeRawBufferPointer(rebasing: bytes[Int(a.start)..<Int(a.end)]),
                             UnsafeRawBufferPointer(rebasing: bytes[Int(b.start)..<Int(b.end)]))
        return c != 0 ? c < 0 : a.order < b.order
      }
      items = keys.map(\.item)
    }
  }
}
