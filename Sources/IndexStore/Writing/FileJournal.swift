#if DEBUG
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TextAnalysis

/// A record of what the writer asked of the file system in one index
/// directory, for tests that simulate a power failure at any point of it
/// (RELIABILITY.md R2): which names were created, renamed and removed, which
/// files were fsynced (with their bytes then) and when the directory was.
/// Debug builds only; nothing is recorded for a directory unless a test
/// asked for it (`FileJournal.start`).
package enum FileJournal {
  /// One request, in the order made. Names are file names inside the directory.
  package enum Operation: Sendable, Equatable {
    /// A new file (`O_CREAT | O_EXCL`); its bytes are not durable until `synced`.
    case created(String)
    /// The file was fsynced; these are its bytes, all durable from here on.
    case synced(String, [UInt8])
    case renamed(from: String, to: String)
    case removed(String)
    /// The directory was fsynced: every name operation before it is durable.
    case directorySynced
  }

  private static let journals = Locked<[String: [Operation]]>([:])

  /// Starts recording the operations in `directory` (as the writer is given it).
  package static func start(_ directory: String) {
    journals.withLock { $0[directory] = [] }
  }

  /// Stops recording in `directory` and returns what was recorded.
  package static func stop(_ directory: String) -> [Operation] {
    journals.withLock { $0.removeValue(forKey: directory) ?? [] }
  }

  static func isRecording(_ path: String) -> Bool {
    let (directory, _) = split(path)
    return journals.withLock { $0[directory] != nil }
  }

  static func record(_ path: String, _ operation: (String) -> Operation) {
    let (directory, name) = split(path)
    journals.withLock { $0[directory]?.append(operation(name)) }
  }

  static func recordDirectorySync(_ directory: String) {
    journals.withLock { $0[directory]?.append(.directorySynced) }
  }

  /// Records an fsync of `path` with the bytes the file holds now.
  static func recordSync(_ path: String) {
    guard isRecording(path) else { return }
    var bytes: [UInt8] = []
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd >= 0 {
      var chunk = [UInt8](repeating: 0, count: 65_536)
      while true {
        let n = read(fd, &chunk, chunk.count)
        if n <= 0 { break }
        bytes += chunk[0..<n]
      }
      close(fd)
    }
    record(path) { .synced($0, bytes) }
  }

  private static func split(_ path: String) -> (String, String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    return (String(path[..<slash]), String(path[path.index(after: slash)...]))
  }
}
#endif
