/// Reads a JSON Lines file record by record, in bounded memory.
///
/// Each line is decoded on its own (strict UTF-8, or the file's legacy
/// encoding), so one bad line is rejected with its line number and byte offset
/// while the rest are read. Blank lines are counted as skipped. A BOM at the
/// start of any line is stripped (concatenated files). After
/// `maxConsecutiveErrors` malformed lines in a row, or `maxErrorsPerFile`
/// rejections, the file is abandoned with a message instead of flooding the
/// report.
struct JSONLinesReader {
  let file: String
  /// The path relative to the walked folder, for ids made from locations.
  let relative: String
  let run: IngestRun
  /// A reusable buffer for lines converted from a legacy encoding.
  private let scratch = Scratch()

  private final class Scratch {
    var bytes: [UInt8] = []
  }

  init(file: String, relative: String, run: IngestRun) {
    self.file = file
    self.relative = relative
    self.run = run
  }

  func read(lines: LineReader, encoding: TextEncoding, bomLength: Int) throws {
    let decoder = encoding == .utf8 ? nil : LegacyDecoder(encoding)
    var consecutiveSyntaxErrors = 0
    var firstLine = true
    var lastLine = 0
    try lines.forEach { event in
      switch event {
      case .oversize(let size, let number, let offset):
        lastLine = number
        run.reject(SourceLocation(file: file, line: number, byteOffset: offset),
                   "record of \(size) bytes exceeds the limit of \(run.options.maxRecordBytes) bytes")
      case .line(var bytes, let number, var offset):
        if firstLine, bomLength > 0 {
          bytes = UnsafeBufferPointer(rebasing: bytes[min(bomLength, bytes.count)...])
          offset += bomLength
        }
        firstLine = false
        lastLine = number
        let location = SourceLocation(file: file, line: number, byteOffset: offset)
        let ok = try readLine(bytes, location: location, decoder: decoder)
        consecutiveSyntaxErrors = ok ? 0 : consecutiveSyntaxErrors + 1
      }
      if consecutiveSyntaxErrors >= run.options.maxConsecutiveErrors {
        run.rejectFile(SourceLocation(file: file, line: 0, byteOffset: 0),
                       "stopped after \(consecutiveSyntaxErrors) malformed lines in a row: looks like JSON, not JSON Lines (one "
                         + "object per line); nothing after line \(lastLine) was read")
        return false
      }
      if run.fileRejections >= run.options.maxErrorsPerFile {
        run.rejectFile(SourceLocation(file: file, line: 0, byteOffset: 0),
                       "stopped after \(run.fileRejections) rejected records (error budget); nothing after line \(lastLine) was read")
        return false
      }
      return true
    }
  }

  /// Reads one line; returns false when it was malformed (for the consecutive-error count).
  private func readLine(_ raw: UnsafeBufferPointer<UInt8>, location: SourceLocation, decoder: LegacyDecoder?) throws -> Bool {
    var bytes = raw
    var location = location
    if decoder == nil, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      run.issue(.warning, location, "byte order mark (U+FEFF) at the start of the line stripped")
      bytes = UnsafeBufferPointer(rebasing: bytes[3...])
      location.byteOffset += 3
    }
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
      run.skip(location, "blank line")
      return true
    }
    if let decoder {
      var utf8: [UInt8] = []
      swap(&utf8, &scratch.bytes)
      do {
        try decoder.decode(bytes, into: &utf8)
      } catch {
        let bad = error.bytes.map { "0x" + JSONLineParser.hex($0) }.joined(separator: " ")
        let what = error.truncated ? "truncated" : "invalid"
        run.reject(SourceLocation(file: location.file, line: location.line, byteOffset: location.byteOffset + error.offset),
                   "\(what) \(decoder.encoding.rawValue) sequence at byte \(location.byteOffset + error.offset) (\(bad))")
        return true
      }
      defer { scratch.bytes = utf8 }
      return try utf8.withUnsafeBufferPointer { p in
        let start = p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
        return try parse(UnsafeBufferPointer(rebasing: p[start...]), location: location, columnsAreDecoded: true)
      }
    }
    if let failure = UTF8Validator.validate(bytes) {
      let at = location.byteOffset + failure.offset
      let what = failure.truncated ? "truncated UTF-8 sequence" : "invalid UTF-8"
      let problem = SourceLocation(file: location.file, line: location.line, byteOffset: at)
      let description = "\(what) at byte \(at) (0x\(JSONLineParser.hex(bytes[failure.offset])))"
      guard run.options.replaceInvalid else {
        run.reject(problem, description)
        return true
      }
      run.issue(.warning, problem, description + " replaced by U+FFFD")
      let repaired = Array(String(decoding: bytes, as: UTF8.self).utf8)
      return try repaired.withUnsafeBufferPointer { try parse($0, location: location, columnsAreDecoded: true) }
    }
    return try parse(bytes, location: location, columnsAreDecoded: false)
  }

  private func parse(_ bytes: UnsafeBufferPointer<UInt8>, location: SourceLocation, columnsAreDecoded: Bool) throws -> Bool {
    var parser = JSONLineParser(bytes)
    let members: [JSONLineParser.Member]
    do {
      members = try parser.parseObjectLine()
    } catch {
      let at = columnsAreDecoded ? location.byteOffset : location.byteOffset + error.offset
      run.reject(SourceLocation(file: location.file, line: location.line, byteOffset: at),
                 "col \(error.offset + 1): \(error.message)")
      return false
    }
    if let surrogate = parser.replacedLoneSurrogate {
      run.issue(.warning, location, "col \(surrogate + 1): lone surrogate escape replaced by U+FFFD")
    }
    let document: Document
    do {
      let fallback = run.options.idFromLocation ? "\(relative):\(location.line)" : nil
      document = try DocumentMapper.document(from: members, line: bytes, fallbackID: fallback,
                                             warn: { run.issue(.warning, location, $0) })
    } catch {
      run.reject(location, error.message)
      return true
    }
    try run.document(document, at: location)
    return true
  }
}
