import TextAnalysis

/// Everything that can go wrong opening, reading or writing an index.
///
/// Each case names the file (or path) and what is wrong, so that a message
/// printed by the CLI is enough to find the damage.
public enum IndexError: Error, CustomStringConvertible, Equatable {
  /// A file's bytes are not what the format says: checksum mismatch, truncated,
  /// extended, or a structure that points outside the file.
  case corrupted(file: String, reason: String)
  /// The file was written by an older, unsupported format version.
  case formatTooOld(file: String, found: Int, supported: Int)
  /// The file was written by a newer version of this program.
  case formatTooNew(file: String, found: Int, supported: Int)
  /// The index was built by a different analyzer, ICU version, lexicon or stop-word list.
  case analyzerMismatch(index: AnalyzerIdentity, current: AnalyzerIdentity)
  /// Another process (or another writer in this one) holds the write lock; `pid` is the one the lock file
  /// names (once it names a running process, waiting up to 100 ms), 0 when it names none (a writer that has
  /// only just taken it); a holder in another pid namespace is named by its pid there.
  case locked(pid: Int32)
  /// No index (no manifest) at this path.
  case notFound(path: String)
  /// A system call failed.
  case io(path: String, errno: Int32, operation: String)
  /// A document cannot be indexed (for example an empty id).
  case invalidDocument(id: String, reason: String)
  /// The writer was closed or failed earlier; open a new one.
  case writerClosed(reason: String)
  /// A directory that holds no index but other files (`found` names one):
  /// a writer does not make an index among them, as its garbage collection
  /// could delete a file that only looks like one of its own.
  case notAnIndexDirectory(path: String, found: String)

  public var description: String {
    switch self {
    case .corrupted(let file, let reason):
      return "index file \(file) is damaged: \(reason); run `search index check` for a full report "
        + "and `search index build` to rebuild"
    case .formatTooOld(let file, let found, let supported):
      return "index file \(file) has format version \(found), older than the oldest supported (\(supported)); "
        + "rebuild it with `search index build`"
    case .formatTooNew(let file, let found, let supported):
      return "index file \(file) has format version \(found), newer than this program supports (\(supported)); "
        + "use a newer `search` or rebuild with `search index build`"
    case .analyzerMismatch(let index, let current):
      return "the index was built with a different analyzer (index: \(index); current: \(current)); "
        + "its terms would not match queries, so rebuild it with `search index build`"
    case .locked(let pid):
      if pid <= 0 { return "index is locked by another writer" }
      return "index is locked by pid \(pid) (another writer is running)"
    case .notFound(let path):
      return "no index at \(path) (no manifest file); create one with `search index build`"
    case .io(let path, let code, let operation):
      return "\(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code))"
    case .invalidDocument(let id, let reason):
      return "document \"\(id)\" cannot be indexed: \(reason)"
    case .writerClosed(let reason):
      return "the index writer is closed: \(reason)"
    case .notAnIndexDirectory(let path, let found):
      return "\(path) holds no index but other files (\(found)); build the index in a new or empty directory"
    }
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
