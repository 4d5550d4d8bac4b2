/// The documents in a set of files and folders, read with every problem reported.
///
/// `read` walks the paths in the given order (inside folders, entries sorted by
/// name, so the order is stable), picks a reader by file extension
/// (`.jsonl`/`.ndjson`, `.csv`, `.tsv`/`.tab`, `.md`/`.markdown`, `.txt`/`.text`),
/// decides each file's encoding (`EncodingDetector`), and streams records to
/// `onDocument`. Every problem goes to `onIssue` with the file, line and byte
/// offset; only a missing top-level path (or an unknown `--encoding`) throws.
public struct DocumentSource: Sendable {
  /// An error that stops the whole run before anything is read.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// What stopped the run, e.g. "no such file or directory: corpus".
    public var description: String
  }

  /// The files and folders to read, in this order; each must exist when `read` starts. A symbolic link named
  /// here is always followed.
  public var paths: [String]
  /// How files are walked, decoded and limited; `encoding` is checked when `read` starts.
  public var options: IngestOptions

  /// A source of these paths; nothing is checked until `read` (a missing path or an unknown encoding throws there).
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
    var walker = FileWalker(followSymlinks: options.followSymlinks, excluded: options.excludedFiles)
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
        run.counts.rejectedFiles = walker.rejectedPaths
        for entry in walker.entries {
          try FileIngester(entry: entry, run: run, override: override).read()
        }
        return run.counts
      }
    }
  }
}
