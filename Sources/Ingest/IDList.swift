/// Document ids read from a text file, one per line: the ids a delivery
/// withdraws (`search index add --withdrawn FILE`) or that a maintenance job
/// deletes (`search index delete --ids-from FILE`).
///
/// Each line holds one id, trimmed of surrounding whitespace as the ids of
/// documents are (so `D001 ` withdraws the document whose id is `D001`);
/// blank lines and lines starting with `#` are passed over (an id that
/// starts with `#` is given on the command line instead), and a UTF-8
/// byte-order mark is allowed. Lines end in LF, or in CR alone in a file
/// without LF. The list is all or nothing: a line that is not
/// valid UTF-8 or holds a NUL byte makes `read` throw naming its line, so a
/// damaged list never deletes part of what it meant to.
public struct IDList: Sendable {
  /// One id and the line that gave it.
  public struct Entry: Hashable, Sendable {
    /// The id, trimmed of surrounding whitespace.
    public var id: String
    /// The file, line and byte offset of the line.
    public var location: SourceLocation

    /// An entry as given; nothing is checked.
    public init(id: String, location: SourceLocation) {
      self.id = id
      self.location = location
    }
  }

  /// Why a list could not be read: the file or line and what is wrong with it.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// The offending line, or the file (line 0) when it cannot be read at all.
    public var location: SourceLocation
    /// What is wrong, e.g. "invalid UTF-8 at byte 57 (0xFF)".
    public var message: String
    /// "withdrawn.txt:3 (byte 40): invalid UTF-8 at byte 41 (0xFF)".
    public var description: String { "\(location): \(message)" }
  }

  /// The largest list read, in bytes: 64 MiB holds millions of ids.
  public static let maxBytes = 64 << 20

  /// The ids in file order, repetitions included (each with its own line).
  public var entries: [Entry]

  /// A list of these entries.
  public init(entries: [Entry]) { self.entries = entries }

  /// Reads the list at `path` (shown in locations as given), `-` for standard input.
  public static func read(path: String) throws(Failure) -> IDList {
    let whole = SourceLocation(file: path, line: 0, byteOffset: 0)
    let bytes: [UInt8]
    do {
      let file = try InputFile(path: Array((path == "-" ? "/dev/stdin" : path).utf8))
      if let status = file.status(), status.isDirectory {
        throw Failure(location: whole, message: "is a folder, not a list of ids")
      }
      guard let read = try file.readAll(limit: maxBytes) else {
        throw Failure(location: whole, message: "larger than \(maxBytes >> 20) MiB; split it")
      }
      bytes = read
    } catch let failure as Failure {
      throw failure
    } catch let failure as InputFile.Failure {
      throw Failure(location: whole, message: failure.message)
    } catch {
      throw Failure(location: whole, message: "cannot read: \(error)")
    }
    var entries: [Entry] = []
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    // Lines end in LF (a CR before it is whitespace), or in CR alone in a file with no LF (classic Mac).
    let lineEnd: UInt8 = bytes.endsLinesInCROnly ? 0x0D : 0x0A
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: lineEnd) ?? bytes.count
      let location = SourceLocation(file: path, line: line, byteOffset: start)
      let text = try Self.text(bytes[start..<end], at: location)
      let id = text.trimmingWhitespace()
      if !id.isEmpty, !id.hasPrefix("#") { entries.append(Entry(id: id, location: location)) }
      start = end + 1
      line += 1
    }
    return IDList(entries: entries)
  }

  private static func text(_ line: ArraySlice<UInt8>, at location: SourceLocation) throws(Failure) -> String {
    if let nul = line.firstIndex(of: 0) {
      throw Failure(location: location, message: "NUL byte at byte \(nul) (not a text list of ids)")
    }
    let failure = line.withUnsafeBufferPointer { UTF8Validator.validate($0) }
    if let failure {
      let offset = line.startIndex + failure.offset
      throw Failure(location: location, message: "invalid UTF-8 at byte \(offset) (0x\(JSONLineParser.hex(line[offset])))")
    }
    return String(decoding: line, as: UTF8.self)
  }
}
