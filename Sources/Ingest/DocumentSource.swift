/// The documents in a set of files and folders, read with every problem reported.
///
/// `read` walks the paths in a stable (sorted) order, picks a reader by file
/// extension (`.jsonl`/`.ndjson`, `.csv`/`.tsv`, `.md`/`.markdown`/`.txt`),
/// decides each file's encoding (`EncodingDetector`), and streams records to
/// `onDocument`. Every problem goes to `onIssue` with the file, line and byte
/// offset; only a missing top-level path (or an unknown `--encoding`) throws.
public struct DocumentSource: Sendable {
  /// An error that stops the whole run before anything is read.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public var paths: [String]
  public var options: IngestOptions

  public init(paths: [String], options: IngestOptions = IngestOptions()) {
    self.paths = paths
    self.options = options
  }

  /// Reads every record; see the type's discussion.
  ///
  /// - Returns: the counts, with `recordsRead == documents + rejected + skipped`.
  /// - Throws: `DocumentSource.Failure` for a missing path or an unknown encoding; anything `onDocument` throws.
  public func read(onDocument: (Document, SourceLocation) throws -> Void,
                   onIssue: (IngestIssue) -> Void) throws -> IngestCounts {
    var override: TextEncoding? = nil
    if let name = options.encoding {
      guard let encoding = TextEncoding(option: name) else {
        throw Failure(description: "unknown encoding \"\(name)\" (use utf-8, gb18030, big5, utf-16le or utf-16be)")
      }
      override = encoding
    }
    var walker = FileWalker(followSymlinks: options.followSymlinks)
    for path in paths {
      do {
        try walker.walk(path)
      } catch {
        throw Failure(description: error.description)
      }
    }
    return try withoutActuallyEscaping(onDocument) { onDocument in
      try withoutActuallyEscaping(onIssue) { onIssue in
        let run = IngestRun(options: options, onDocument: onDocument, onIssue: onIssue)
        for issue in walker.issues { onIssue(issue) }
        run.counts.skippedFiles = walker.skippedFiles
        for entry in walker.entries {
          try FileIngester(entry: entry, run: run, override: override).read()
        }
        return run.counts
      }
    }
  }
}
