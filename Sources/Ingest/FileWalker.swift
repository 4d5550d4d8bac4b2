#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the input files under the paths a user gave, in a stable order.
///
/// Folders are walked depth-first with entries sorted by their name bytes;
/// names starting with "." are hidden and passed over. Symbolic links inside
/// a folder are not followed unless asked; when followed, a link must stay
/// inside the walked root and directory loops are cut by (device, inode).
/// The same physical file reached twice (`a.jsonl` and `./a.jsonl`) is read
/// once. Paths are kept as bytes so non-UTF-8 names survive. A folder may
/// hold an `.ingestignore` file naming, one per line, files of that folder
/// that are not documents (`README.md`, `units.txt`, `*.bak`; `#` starts a
/// comment); they are skipped and reported.
struct FileWalker {
  /// A file to read: its path bytes, the path shown to users, and the path relative to its root.
  struct Entry {
    var path: [UInt8]
    var display: String
    var relative: String
    var format: InputFormat
    /// Named on the command line rather than found in a folder: a file that
    /// cannot be read as documents is then rejected, not skipped.
    var explicit: Bool
  }

  /// A path that stops everything: it was named by the user and does not exist.
  struct MissingPath: Error, CustomStringConvertible {
    var path: String
    var description: String { "no such file or directory: \(path)" }
  }

  var followSymlinks: Bool
  /// Files that are other inputs of the run (a withdrawal list), by
  /// identity, with the reason they are skipped wherever they are met.
  private var excluded: [FileKey: String] = [:]
  private(set) var entries: [Entry] = []
  private(set) var issues: [IngestIssue] = []
  private(set) var skippedFiles = 0
  /// Folders that could not be listed and entries that could not be examined.
  private(set) var rejectedPaths = 0
  private var seenFiles: [FileKey: String] = [:]

  private struct FileKey: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  /// A walker; `excluded` maps paths of files that are not documents of
  /// this run to the reason given when one of them is met (a missing path
  /// is left out: it cannot be met).
  init(followSymlinks: Bool, excluded: [String: String] = [:]) {
    self.followSymlinks = followSymlinks
    for (path, reason) in excluded {
      guard let status = InputFile.status(path: Array(path.utf8), followLinks: true) else { continue }
      self.excluded[FileKey(device: status.device, inode: status.inode)] = reason
    }
  }

  mutating func walk(_ given: String) throws(MissingPath) {
    let path = Array(given.utf8)
    guard let status = InputFile.status(path: path, followLinks: true) else { throw MissingPath(path: given) }
    if status.isDirectory {
      let root = realPath(path) ?? path
      var ancestors: Set<FileKey> = [FileKey(device: status.device, inode: status.inode)]
      walkDirectory(path, relative: [], root: root, ancestors: &ancestors)
    } else {
      let name = path.split(separator: UInt8(ascii: "/")).last.map(Array.init) ?? path
      addFile(path, relative: name, status: status, explicit: true)
    }
  }

  private mutating func walkDirectory(_ dir: [UInt8], relative: [UInt8], root: [UInt8], ancestors: inout Set<FileKey>) {
    guard let names = listDirectory(dir) else {
      reject(dir, "cannot list folder: \(String(cString: strerror(errno)))")
      return
    }
    let ignore = IgnoreList(folder: dir)
    let folder = dir.last == UInt8(ascii: "/") ? dir : dir + [UInt8(ascii: "/")]
    for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let child = folder + name
      if name.first == UInt8(ascii: ".") {
        // Hidden names (.git, .DS_Store) are not read, but said and counted,
        // so that a file named .petitions.jsonl is not lost in silence.
        if name != IgnoreList.fileName { skip(child, "hidden (its name starts with a dot), not read") }
        continue
      }
      if ignore.matches(name) {
        skip(child, "listed in .ingestignore, not a document")
        continue
      }
      let childRelative = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
      guard var status = InputFile.status(path: child, followLinks: false) else {
        // Gone since the folder was listed, or not examinable: said, not lost.
        reject(child, "cannot examine: \(String(cString: strerror(errno)))")
        continue
      }
      if status.isSymlink {
        guard followSymlinks else {
          skip(child, "symbolic link not followed (use --follow-symlinks)")
          continue
        }
        guard let target = InputFile.status(path: child, followLinks: true), let real = realPath(child) else {
          skip(child, "broken symbolic link")
          continue
        }
        guard real == root || real.starts(with: root + [UInt8(ascii: "/")]) else {
          skip(child, "symbolic link leads outside \(FilePath.display(root)), not followed")
          continue
        }
        status = target
      }
      if status.isDirectory {
        let key = FileKey(device: status.device, inode: status.inode)
        guard !ancestors.contains(key) else {
          skip(child, "symbolic link loop, not followed")
          continue
        }
        ancestors.insert(key)
        walkDirectory(child, relative: childRelative, root: root, ancestors: &ancestors)
        ancestors.remove(key)
      } else {
        addFile(child, relative: childRelative, status: status, explicit: false)
      }
    }
  }

  private mutating func addFile(_ path: [UInt8], relative: [UInt8], status: InputFile.Status, explicit: Bool) {
    let display = FilePath.display(path)
    let key = FileKey(device: status.device, inode: status.inode)
    if let reason = excluded[key] {
      skip(path, reason)
      return
    }
    // A file the user named is meant to be read: one that cannot be is
    // rejected (exit status 2; --strict commits nothing). Found in a folder,
    // it is skipped (folders hold other files too).
    guard status.isRegular else {
      passOver(path, "not a regular file", explicit: explicit)
      return
    }
    guard let format = InputFormat(fileName: relative) else {
      passOver(path, "unsupported file type (expected .jsonl, .ndjson, .csv, .tsv, .md, .markdown or .txt)",
               explicit: explicit)
      return
    }
    if let first = seenFiles[key] {
      issues.append(IngestIssue(severity: .warning, location: SourceLocation(file: display, line: 0, byteOffset: 0),
                                message: "same file as \(first), read once"))
      return
    }
    seenFiles[key] = display
    entries.append(Entry(path: path, display: display, relative: FilePath.display(relative), format: format,
                         explicit: explicit))
  }

  /// A file that holds no documents: rejected when the user named it, skipped when found in a folder.
  private mutating func passOver(_ path: [UInt8], _ message: String, explicit: Bool) {
    if explicit { reject(path, message) } else { skip(path, message) }
  }

  private mutating func reject(_ path: [UInt8], _ message: String) {
    rejectedPaths += 1
    issues.append(IngestIssue(severity: .rejected, location: SourceLocation(file: FilePath.display(path), line: 0, byteOffset: 0),
                              message: message))
  }

  private mutating func skip(_ path: [UInt8], _ message: String) {
    skippedFiles += 1
    issues.append(IngestIssue(severity: .skipped, location: SourceLocation(file: FilePath.display(path), line: 0, byteOffset: 0),
                              message: message))
  }

  private func listDirectory(_ path: [UInt8]) -> [[UInt8]]? {
    guard let dir = path.withCString({ opendir($0) }) else { return nil }
    defer { closedir(dir) }
    var names: [[UInt8]] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        Array(raw.prefix(while: { $0 != 0 }))
      }
      if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
      names.append(name)
    }
    return names
  }

  private func realPath(_ path: [UInt8]) -> [UInt8]? {
    guard let resolved = path.withCString({ realpath($0, nil) }) else { return nil }
    defer { free(resolved) }
    return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
  }
}
