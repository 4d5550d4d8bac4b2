import Ingest

/// The stored form of a whole document, as written inside stored blocks.
///
/// Grammar: id, type, title (strings: varint length + UTF-8), date (i32 LE
/// days since 1970-01-01, `Int32.min` when missing), region, unit, category,
/// body, extra count (varint), then each extra field's name and JSON text.
enum DocumentCodec {
  static func encode(_ document: Document, into writer: inout BinaryWriter) {
    writer.appendString(document.id)
    writer.appendString(document.type)
    writer.appendString(document.title)
    writer.appendInt32(document.date?.daysSinceEpoch ?? SegmentFormat.missingDate)
    writer.appendString(document.region)
    writer.appendString(document.unit)
    writer.appendString(document.category)
    writer.appendString(document.body)
    writer.appendVarint(UInt64(document.extra.count))
    for field in document.extra {
      writer.appendString(field.name)
      writer.appendString(field.json)
    }
  }

  static func encode(_ document: Document) -> [UInt8] {
    var writer = BinaryWriter(reservingCapacity: document.body.utf8.count + document.title.utf8.count + 64)
    encode(document, into: &writer)
    return writer.bytes
  }

  static func decode(_ reader: inout ByteArrayReader) throws -> Document {
    try decode(&reader, body: true).document
  }

  /// Decodes a document, its body only when `body` is true; returns where
  /// the body's UTF-8 bytes lie in `reader.bytes` either way. Left as bytes,
  /// the body is not validated (a snippet reads bytes), which saves most
  /// of the cost of a hit whose body is only searched for a snippet.
  static func decode(_ reader: inout ByteArrayReader, body decodesBody: Bool)
    throws -> (document: Document, body: Range<Int>)
  {
    let id = try reader.readString()
    let type = try reader.readString()
    let title = try reader.readString()
    let days = try reader.readInt32()
    let region = try reader.readString()
    let unit = try reader.readString()
    let category = try reader.readString()
    let bodyBytes = try reader.readByteRange()
    let body = decodesBody ? try reader.string(at: bodyBytes) : ""
    let extraCount = try reader.readVarint()
    guard extraCount <= UInt64(reader.bytes.count - reader.offset) else {
      throw reader.corrupted("\(extraCount) extra fields cannot fit in the block")
    }
    var extra: [ExtraField] = []
    for _ in 0..<Int(extraCount) {
      let name = try reader.readString()
      let json = try reader.readString()
      extra.append(ExtraField(name: name, json: json))
    }
    let date = days == SegmentFormat.missingDate ? nil : Day(daysSinceEpoch: days)
    return (Document(id: id, type: type, title: title, date: date, region: region, unit: unit, category: category,
                     body: body, extra: extra), bodyBytes)
  }

  static func decode(_ bytes: [UInt8], fileName: String) throws -> Document {
    var reader = ByteArrayReader(bytes, fileName: fileName)
    let document = try decode(&reader)
    guard reader.offset == bytes.count else { throw reader.corrupted("trailing bytes after a stored document") }
    return document
  }
}
