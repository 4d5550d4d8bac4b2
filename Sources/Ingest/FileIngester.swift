/// Reads one input file: opens it, sniffs binary content and encoding, and runs the reader for its format.
///
/// The first 64 KiB decide: empty files give a warning; PDF/ZIP/PNG/... magic
/// bytes or many NUL bytes mark binary content, skipped; a BOM or the
/// detector picks the encoding. UTF-16 files are converted to UTF-8 whole
/// (byte offsets then refer to the UTF-8 text, which the report says). Size
/// and modification time are compared before and after reading.
struct FileIngester {
  let entry: FileWalker.Entry
  let run: IngestRun
  let override: TextEncoding?

  private static let sniffBytes = 64 << 10
  /// The largest CSV/TSV or UTF-16 file held in memory.
  private static let maxWholeFileBytes = 512 << 20

  func read() throws {
    run.beginFile(entry.display)
    let whole = SourceLocation(file: entry.display, line: 0, byteOffset: 0)
    let file: InputFile
    do {
      file = try InputFile(path: entry.path)
    } catch {
      run.rejectFile(whole, error.message)
      return
    }
    let before = file.status()
    // Small files (most text files) are read whole right here.
    let sniff = min(Self.sniffBytes, max(1, (before?.size ?? Self.sniffBytes) + 1))
    var prefix = [UInt8](repeating: 0, count: sniff)
    var prefixCount = 0
    do {
      while prefixCount < prefix.count {
        let n = try prefix.withUnsafeMutableBytes { (p) throws(InputFile.Failure) -> Int in
          try file.read(into: UnsafeMutableRawBufferPointer(rebasing: p[prefixCount...]))
        }
        if n == 0 { break }
        prefixCount += n
        if let size = before?.size, prefixCount == size { break }
      }
    } catch let error as InputFile.Failure {
      run.rejectFile(whole, error.message)
      return
    }
    prefix.removeSubrange(prefixCount...)
    let isPrefix = prefixCount == sniff
    let complete = !isPrefix
    if prefix.isEmpty {
      run.issue(.warning, whole, "empty file")
      return
    }
    // UTF-16 without a byte-order mark is half NUL bytes: when it is asked
    // for, the NULs are text, not a sign of a binary file (magic bytes still are).
    if let kind = Self.binaryKind(prefix, nulsAreText: override == .utf16LE || override == .utf16BE) {
      if entry.explicit {
        run.rejectFile(whole, "binary content (\(kind)), not a document file")
      } else {
        run.skipFile(whole, "binary content (\(kind)), skipped")
      }
      return
    }
    var decision = prefix.withUnsafeBufferPointer {
      EncodingDetector.detect(sample: $0, isPrefix: isPrefix, override: override)
    }
    if case .undecodable = decision, run.options.replaceInvalid {
      // Asked to repair: read as UTF-8 and replace what is invalid, record by record.
      decision = .decode(.utf8, bomLength: 0)
    }
    guard case .decode(let encoding, let bomLength) = decision else {
      if case .undecodable(let message) = decision { run.rejectFile(whole, message) }
      return
    }
    if encoding == .utf8, bomLength > 0 { run.issue(.warning, whole, "UTF-8 byte order mark stripped") }
    if encoding == .gb18030 || encoding == .big5 {
      run.issue(.warning, whole, override == nil ? "decoded as \(encoding.rawValue)" : "decoded as \(encoding.rawValue) (--encoding)")
    }
    do {
      if encoding == .utf16LE || encoding == .utf16BE {
        try readUTF16(file: file, prefix: prefix, complete: complete, encoding: encoding, bomLength: bomLength)
      } else {
        try readFormat(file: file, prefix: prefix, complete: complete, encoding: encoding, bomLength: bomLength)
      }
    } catch let failure as InputFile.Failure {
      run.rejectFile(whole, failure.message + " (reading stopped)")
    }
    if let before, let after = file.status(), before.size != after.size || before.modified != after.modified {
      run.issue(.warning, whole,
                "file changed while being read (size \(before.size) → \(after.size) bytes); records read before the change are kept, re-run to pick up the rest")
    }
  }

  private func readFormat(file: InputFile, prefix: [UInt8], complete: Bool, encoding: TextEncoding, bomLength: Int) throws {
    let location = SourceLocation(file: entry.display, line: 1, byteOffset: 0)
    switch entry.format {
    case .jsonLines:
      var pending = prefix[...]
      let lines = LineReader(maxLineBytes: run.options.maxRecordBytes) { buffer in
        if !pending.isEmpty {
          let n = min(buffer.count, pending.count)
          buffer.copyBytes(from: pending.prefix(n))
          pending = pending.dropFirst(n)
          return n
        }
        return try file.read(into: buffer)
      }
      try JSONLinesReader(file: entry.display, relative: entry.relative, run: run).read(lines: lines, encoding: encoding, bomLength: bomLength)
    case .csv, .tsv:
      guard let bytes = try readRest(file: file, prefix: prefix, complete: complete, limit: Self.maxWholeFileBytes) else {
        run.rejectFile(location, "CSV/TSV file larger than \(Self.maxWholeFileBytes) bytes; split it")
        return
      }
      let reader = CSVReader(file: entry.display, run: run,
                             delimiter: entry.format == .tsv ? UInt8(ascii: "\t") : UInt8(ascii: ","))
      try bytes.withUnsafeBufferPointer {
        try reader.read(bytes: UnsafeBufferPointer(rebasing: $0[bomLength...]), base: bomLength, encoding: encoding)
      }
    case .markdown, .text:
      guard let bytes = try readRest(file: file, prefix: prefix, complete: complete, limit: run.options.maxRecordBytes) else {
        let size = file.status()?.size ?? 0
        run.reject(location, "text file of \(size) bytes exceeds the limit of \(run.options.maxRecordBytes) bytes")
        return
      }
      try bytes.withUnsafeBufferPointer { all in
        try readText(UnsafeBufferPointer(rebasing: all[bomLength...]), bomLength: bomLength, encoding: encoding, location: location)
      }
    }
  }

  /// Decodes a whole Markdown/text file (without its BOM) and reads it as one document.
  private func readText(_ body: UnsafeBufferPointer<UInt8>, bomLength: Int, encoding: TextEncoding,
                        location: SourceLocation) throws {
    var text = ""
    if encoding == .utf8 {
      if let failure = UTF8Validator.validate(body) {
        let at = bomLength + failure.offset
        let line = 1 + body.prefix(failure.offset).filter { $0 == 0x0A }.count
        let what = failure.truncated ? "truncated UTF-8 sequence" : "invalid UTF-8"
        let problem = SourceLocation(file: entry.display, line: line, byteOffset: at)
        let description = "\(what) at byte \(at) (0x\(JSONLineParser.hex(body[failure.offset])))"
        guard run.options.replaceInvalid else {
          run.reject(problem, description)
          return
        }
        run.issue(.warning, problem, description + " replaced by U+FFFD")
      }
      text = String(decoding: body, as: UTF8.self)
    } else if let decoder = LegacyDecoder(encoding) {
      do {
        text = try decoder.decode(body)
      } catch {
        let at = bomLength + error.offset
        let line = 1 + body.prefix(error.offset).filter { $0 == 0x0A }.count
        run.reject(SourceLocation(file: entry.display, line: line, byteOffset: at),
                   "invalid \(encoding.rawValue) sequence at byte \(at)")
        return
      }
    }
    if let nul = body.firstIndex(of: 0) {
      let count = body.filter { $0 == 0 }.count
      let line = 1 + body.prefix(nul).filter { $0 == 0x0A }.count
      run.issue(.warning, SourceLocation(file: entry.display, line: line, byteOffset: bomLength + nul),
                "\(count) NUL byte(s) in the text, first at byte \(bomLength + nul); kept in the stored text")
    }
    try TextDocumentReader(run: run).document(text: text, relativePath: entry.relative, location: location)
  }

  private func readUTF16(file: InputFile, prefix: [UInt8], complete: Bool, encoding: TextEncoding, bomLength: Int) throws {
    let whole = SourceLocation(file: entry.display, line: 0, byteOffset: 0)
    guard let bytes = try readRest(file: file, prefix: prefix, complete: complete, limit: Self.maxWholeFileBytes) else {
      run.rejectFile(whole, "UTF-16 file larger than \(Self.maxWholeFileBytes) bytes; convert it: iconv -f UTF-16 -t UTF-8")
      return
    }
    let (utf8, invalid) = bytes.withUnsafeBufferPointer {
      UTF16Transcoder.utf8(from: UnsafeBufferPointer(rebasing: $0[min(bomLength, $0.count)...]),
                           bigEndian: encoding == .utf16BE)
    }
    run.issue(.warning, whole, "decoded as \(encoding.rawValue); line numbers are exact, byte offsets refer to the text converted to UTF-8")
    if let first = invalid.first {
      run.issue(.warning, SourceLocation(file: entry.display, line: 0, byteOffset: bomLength + first),
                "\(invalid.count) invalid \(encoding.rawValue) code unit(s), the first at byte \(bomLength + first) of the "
                  + "file: each became the invalid byte 0xFF, so its record is rejected"
                  + (run.options.replaceInvalid ? " unless --on-invalid replace repairs it" : ""))
    }
    try readConverted(utf8)
  }

  /// Reads already-converted UTF-8 bytes with the file's format reader.
  private func readConverted(_ utf8: [UInt8]) throws {
    switch entry.format {
    case .jsonLines:
      var pending = utf8[...]
      let lines = LineReader(maxLineBytes: run.options.maxRecordBytes) { buffer in
        let n = min(buffer.count, pending.count)
        buffer.copyBytes(from: pending.prefix(n))
        pending = pending.dropFirst(n)
        return n
      }
      try JSONLinesReader(file: entry.display, relative: entry.relative, run: run).read(lines: lines, encoding: .utf8, bomLength: 0)
    case .csv, .tsv:
      let reader = CSVReader(file: entry.display, run: run,
                             delimiter: entry.format == .tsv ? UInt8(ascii: "\t") : UInt8(ascii: ","))
      try utf8.withUnsafeBufferPointer { try reader.read(bytes: $0, base: 0, encoding: .utf8) }
    case .markdown, .text:
      // Checked as any UTF-8 text file is (a code unit that could not be converted is invalid there).
      try utf8.withUnsafeBufferPointer {
        try readText($0, bomLength: 0, encoding: .utf8, location: SourceLocation(file: entry.display, line: 1, byteOffset: 0))
      }
    }
  }

  /// The whole file: the prefix already read plus the rest (none when `complete`), or nil beyond `limit`.
  private func readRest(file: InputFile, prefix: [UInt8], complete: Bool, limit: Int) throws(InputFile.Failure) -> [UInt8]? {
    if complete { return prefix.count <= limit ? prefix : nil }
    guard prefix.count <= limit, let rest = try file.readAll(limit: limit - prefix.count) else { return nil }
    return prefix + rest
  }

  /// A name for binary content (by magic bytes, or many NUL bytes in the first 8 KiB unless `nulsAreText`,
  /// as in UTF-16), or nil for text.
  static func binaryKind(_ bytes: [UInt8], nulsAreText: Bool = false) -> String? {
    let magics: [(String, [UInt8])] = [
      ("PDF", Array("%PDF".utf8)), ("ZIP", [0x50, 0x4B, 0x03, 0x04]), ("PNG", [0x89, 0x50, 0x4E, 0x47]),
      ("GIF", Array("GIF8".utf8)), ("JPEG", [0xFF, 0xD8, 0xFF]), ("gzip", [0x1F, 0x8B]), ("ELF", [0x7F, 0x45, 0x4C, 0x46]),
      ("RAR", Array("Rar!".utf8)), ("7z", [0x37, 0x7A, 0xBC, 0xAF]), ("OLE/Office", [0xD0, 0xCF, 0x11, 0xE0]),
    ]
    for (name, magic) in magics where bytes.starts(with: magic) { return name }
    if nulsAreText || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
    let head = bytes.prefix(8192)
    let nuls = head.filter { $0 == 0 }.count
    if nuls >= 8, nuls * 100 > head.count { return "\(nuls) NUL bytes in the first \(head.count)" }
    return nil
  }
}
