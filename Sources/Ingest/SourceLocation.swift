/// Where a record or a problem sits in the input: file, physical line and byte offset.
///
/// `file` is the path as given on the command line or as found by walking a
/// folder (bytes that are not UTF-8 are shown escaped, `\xB9`). `line` is
/// 1-based and names the physical line where the record starts (0 for
/// problems about a whole file). `byteOffset` is the 0-based offset in the
/// file of the record or of the offending byte.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The path as given or as found by walking, bytes that are not UTF-8 escaped (`\xB9`).
  public var file: String
  /// The 1-based physical line where the record starts (in a text file, of the offending byte); 0 for a
  /// whole file.
  public var line: Int
  /// The 0-based byte offset in the file of the record or the offending byte (in a UTF-16 file, in its text
  /// converted to UTF-8); usually 0 for a whole file.
  public var byteOffset: Int

  /// A location with these values as given; nothing is checked.
  public init(file: String, line: Int, byteOffset: Int) {
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
  }

  /// "petitions.jsonl:1043 (byte 57)", or "notes.txt (byte 0)" for a whole file.
  public var description: String {
    line > 0 ? "\(file):\(line) (byte \(byteOffset))" : "\(file) (byte \(byteOffset))"
  }
}
