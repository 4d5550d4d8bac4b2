/// Reads a CSV or TSV table (RFC 4180) into documents, one per row after the header.
///
/// Quoted fields may hold delimiters, newlines and doubled quotes; a row's
/// line number is the physical line where it starts. A row whose field count
/// differs from the header's is rejected. A quote that is never closed (or
/// that swallows several lines and then runs into text) rejects its row with
/// "quote opened at line N never closed", and reading resumes on the line
/// after the quote, so one stray quote never eats the rest of the file.
/// Columns are mapped to fields by `CSVHeaderMapping`.
struct CSVReader {
  let file: String
  let run: IngestRun
  let delimiter: UInt8

  /// One parsed row: its fields' raw bytes (unquoted) and where it starts.
  private struct Row {
    var fields: [[UInt8]] = []
    var line: Int
    var offset: Int
    var end: Int
    var quoteSpannedLines: Int? = nil
  }

  private enum Outcome {
    case row(Row)
    case unterminatedQuote(rowLine: Int, rowOffset: Int, quoteLine: Int, resumeAt: Int)
    case malformed(Row, message: String, resumeAt: Int, resumeLine: Int)
  }

  func read(bytes: UnsafeBufferPointer<UInt8>, base: Int, encoding: TextEncoding) throws {
    // Classic Mac line ends (Excel's "CSV (Macintosh)"): a lone CR ends each
    // line of a file with no LF at all. Read as LF, byte for byte, so the
    // offsets stay the file's (neither byte occurs inside a GB18030 or Big5
    // character).
    if bytes.endsLinesInCROnly {
      run.issue(.warning, SourceLocation(file: file, line: 0, byteOffset: base),
                "lines end in CR alone (classic Mac): read as line breaks")
      var converted = Array(bytes)
      for k in converted.indices where converted[k] == 0x0D { converted[k] = 0x0A }
      try converted.withUnsafeBufferPointer { try read(bytes: $0, base: base, encoding: encoding) }
      return
    }
    let decoder = encoding == .utf8 ? nil : LegacyDecoder(encoding)
    var i = 0
    var line = 1
    var mapping: CSVHeaderMapping? = nil
    let recordsBefore = run.counts.recordsRead
    while i < bytes.count {
      let outcome = parseRow(bytes, from: i, line: line)
      switch outcome {
      case .unterminatedQuote(let rowLine, let rowOffset, let quoteLine, let resumeAt):
        let location = SourceLocation(file: file, line: rowLine, byteOffset: base + rowOffset)
        if mapping == nil {
          run.rejectFile(location, "header row: quote opened at line \(quoteLine) never closed")
          return
        }
        run.reject(location, "quote opened at line \(quoteLine) never closed")
        i = resumeAt
        line = quoteLine + 1
      case .malformed(let row, let message, let resumeAt, let resumeLine):
        let location = SourceLocation(file: file, line: row.line, byteOffset: base + row.offset)
        if mapping == nil {
          run.rejectFile(location, "header row: \(message)")
          return
        }
        run.reject(location, message)
        i = resumeAt
        line = resumeLine
      case .row(let row):
        let location = SourceLocation(file: file, line: row.line, byteOffset: base + row.offset)
        i = row.end
        line = row.line + countNewlines(bytes, row.offset, row.end)
        // Decode every field.
        var texts: [String] = []
        if let decoder {
          do {
            for field in row.fields {
              texts.append(try field.withUnsafeBufferPointer { (p) throws(LegacyDecoder.Failure) -> String in try decoder.decode(p) })
            }
          } catch {
            let bad = error.bytes.map { "0x" + JSONLineParser.hex($0) }.joined(separator: " ")
            reject(row, mapping: mapping, location, "invalid \(decoder.encoding.rawValue) sequence in this row (\(bad))")
            if mapping == nil { return }
            continue
          }
        } else {
          let span = UnsafeBufferPointer(rebasing: bytes[row.offset..<row.end])
          if let failure = UTF8Validator.validate(span) {
            let at = base + row.offset + failure.offset
            let problem = SourceLocation(file: file, line: location.line, byteOffset: at)
            let description = "invalid UTF-8 at byte \(at) (0x\(JSONLineParser.hex(span[failure.offset])))"
            if run.options.replaceInvalid, mapping != nil {
              run.issue(.warning, problem, description + " replaced by U+FFFD")
            } else {
              reject(row, mapping: mapping, problem, description)
              if mapping == nil { return }
              continue
            }
          }
          texts = row.fields.map { String(decoding: $0, as: UTF8.self) }
        }
        guard let header = mapping else {
          switch CSVHeaderMapping.make(texts) {
          case .failure(let problem):
            run.rejectFile(location, problem.message)
            return
          case .success(let made):
            mapping = made
            for warning in made.warnings { run.issue(.warning, location, warning) }
          }
          continue
        }
        if texts.count == 1, texts[0].allSatisfy(\.isWhitespace) {
          run.skip(location, "blank line")
          continue
        }
        guard texts.count == header.columns.count else {
          run.reject(location, "row has \(texts.count) fields, the header has \(header.columns.count)")
          if let quoteLine = row.quoteSpannedLines {
            // A multi-line quoted field in a ragged row is most likely a stray quote: resume after it.
            if let resume = lineStart(bytes, after: quoteLine, from: row.offset, startLine: row.line) {
              i = resume
              line = quoteLine + 1
            }
          }
          continue
        }
        switch header.document(texts, warn: { run.issue(.warning, location, $0) }) {
        case .success(let document): try run.document(document, at: location)
        case .failure(let rejection): run.reject(location, rejection.message)
        }
      }
      if run.fileRejections >= run.options.maxErrorsPerFile {
        run.rejectFile(SourceLocation(file: file, line: 0, byteOffset: 0),
                       "stopped after \(run.fileRejections) rejected records (error budget); nothing after line \(line - 1) was read")
        return
      }
    }
    if mapping == nil {
      run.issue(.warning, SourceLocation(file: file, line: 0, byteOffset: base), "no header row: the file holds no records")
    } else if run.counts.recordsRead == recordsBefore {
      run.issue(.warning, SourceLocation(file: file, line: 0, byteOffset: base), "a header row only: the file holds no records")
    }
  }

  private func reject(_ row: Row, mapping: CSVHeaderMapping?, _ location: SourceLocation, _ message: String) {
    if mapping == nil {
      run.rejectFile(location, "header row: \(message)")
    } else {
      run.reject(location, message)
    }
  }

  /// Parses one row starting at `start` (physical line `line`).
  private func parseRow(_ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int) -> Outcome {
    var row = Row(line: line, offset: start, end: start)
    var i = start
    var currentLine = line
    let quote = UInt8(ascii: "\"")
    let limit = run.options.maxRecordBytes
    while true {
      var field: [UInt8] = []
      if i < b.count, b[i] == quote {
        let quoteLine = currentLine
        i += 1
        var closed = false
        while i < b.count {
          // Copy the run up to the next quote in one go, counting its newlines.
          var j = i
          while j < b.count, b[j] != quote {
            if b[j] == 0x0A { currentLine += 1 }
            j += 1
          }
          field.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
          i = j
          if i - start > limit { break }
          guard i < b.count else { break }
          if i + 1 < b.count, b[i + 1] == quote {
            field.append(quote)
            i += 2
            continue
          }
          i += 1
          closed = true
          break
        }
        let resume = lineStart(b, after: quoteLine, from: start, startLine: line) ?? b.count
        guard closed else {
          return .unterminatedQuote(rowLine: line, rowOffset: start, quoteLine: quoteLine, resumeAt: resume)
        }
        if currentLine > quoteLine { row.quoteSpannedLines = row.quoteSpannedLines ?? quoteLine }
        if i < b.count, b[i] != delimiter, b[i] != 0x0A, !(b[i] == 0x0D && (i + 1 == b.count || b[i + 1] == 0x0A)) {
          if currentLine > quoteLine {
            return .unterminatedQuote(rowLine: line, rowOffset: start, quoteLine: quoteLine, resumeAt: resume)
          }
          let nl = nextNewline(b, from: i)
          return .malformed(row, message: "unexpected \(JSONLineParser.describe(b[i])) after a closing quote (col \(i - lineStartOffset(b, i) + 1))",
                            resumeAt: nl, resumeLine: currentLine + 1)
        }
      } else {
        let fieldStart = i
        while i < b.count, b[i] != delimiter, b[i] != 0x0A { i += 1 }
        field.append(contentsOf: UnsafeBufferPointer(rebasing: b[fieldStart..<i]))
        if field.last == 0x0D, i == b.count || b[i] == 0x0A { field.removeLast() }
      }
      row.fields.append(field)
      if i < b.count, b[i] == 0x0D { i += 1 }
      if i >= b.count {
        row.end = b.count
        return .row(row)
      }
      if b[i] == 0x0A {
        row.end = i + 1
        return .row(row)
      }
      i += 1  // delimiter
    }
  }

  private func nextNewline(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    var i = from
    while i < b.count, b[i] != 0x0A { i += 1 }
    return min(i + 1, b.count)
  }

  private func lineStartOffset(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
    var i = at
    while i > 0, b[i - 1] != 0x0A { i -= 1 }
    return i
  }

  /// The offset where physical line `target + 1` starts, scanning from `from` (which is on `startLine`).
  private func lineStart(_ b: UnsafeBufferPointer<UInt8>, after target: Int, from: Int, startLine: Int) -> Int? {
    var line = startLine
    var i = from
    while i < b.count {
      if b[i] == 0x0A {
        if line == target { return i + 1 }
        line += 1
      }
      i += 1
    }
    return nil
  }

  private func countNewlines(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
    var n = 0
    for i in from..<to where b[i] == 0x0A { n += 1 }
    return n
  }
}
