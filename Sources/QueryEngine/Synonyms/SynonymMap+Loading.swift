import Foundation
import TextAnalysis

extension SynonymMap {
  /// Reads a synonym file whose members are compared as `analyzer` analyzes
  /// query text (width, case, Traditional → Simplified; what the `search`
  /// command does): `ＣＯＤ, 化学需氧量` then serves a query for `COD`. Pass
  /// the index's analyzer (`IndexReader.analyzer`).
  ///
  /// - Throws: `SynonymError`, as `load(path:normalize:)`.
  public static func load(path: String, analyzer: Analyzer) throws -> SynonymMap {
    try load(path: path, normalize: { text in analyzer.tokens(text).map(\.text).joined() })
  }

  /// Reads and parses a synonym file.
  ///
  /// The file must be UTF-8 (a byte order mark is allowed) and at most
  /// `maximumFileBytes` long.
  ///
  /// - Parameters:
  ///   - path: the file; errors name it as given.
  ///   - normalize: maps a member to its lookup form (see `init(text:source:normalize:)`); the default only
  ///     folds case, so full-width and Traditional members match nothing: `load(path:analyzer:)` normalizes
  ///     as queries are.
  /// - Throws: `SynonymError`. A file that cannot be read, is a directory or is
  ///   too large has line 0; invalid UTF-8 is reported at its line and column
  ///   with its byte offset; malformed lines as by `init(text:source:normalize:)`.
  public static func load(path: String,
                          normalize: @Sendable (String) -> String = { $0.lowercased() }) throws -> SynonymMap {
    let bytes = try readFile(path)
    let text = try decodeUTF8(bytes, source: path)
    return try SynonymMap(text: text, source: path, normalize: normalize)
  }

  private static func readFile(_ path: String) throws -> [UInt8] {
    func failure(_ message: String) -> SynonymError {
      SynonymError(source: path, line: 0, column: 0, message: message)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw failure("cannot read the synonym file: no such file")
    }
    if isDirectory.boolValue { throw failure("is a directory, not a synonym file") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw failure("cannot read the synonym file: permission denied or not a regular file")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
    } catch {
      throw failure("cannot read the synonym file: \(error.localizedDescription)")
    }
    if data.count > maximumFileBytes {
      throw failure("the synonym file is larger than \(maximumFileBytes) bytes")
    }
    return [UInt8](data)
  }

  /// The text of UTF-8 bytes, or an error at the first invalid byte.
  static func decodeUTF8(_ bytes: [UInt8], source: String) throws -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    scan: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput, .error: break scan
      }
    }
    var prefix = Substring(String(decoding: bytes[..<offset], as: UTF8.self))
    if prefix.first == "\u{FEFF}" { prefix = prefix.dropFirst() }
    let lines = prefix.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let column = (lines.last?.count ?? 0) + 1
    throw SynonymError(source: source, line: lines.count, column: column,
                       message: "invalid UTF-8 at byte offset \(offset); save the file as UTF-8")
  }
}
