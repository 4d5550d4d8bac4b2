#if DEBUG
import TextAnalysis

/// Failures tests inject into file-system steps that cannot otherwise be
/// made to fail on demand, one index directory at a time (tests run in
/// parallel, each in its own directory). Debug builds only (what `swift test`
/// builds): release builds have no fail points.
package enum FailPoints {
  private static let failingDirectorySyncs = Locked<Set<String>>([])

  /// Makes every fsync of `directory` fail with EIO while `failing`.
  package static func failDirectorySync(_ directory: String, _ failing: Bool) {
    failingDirectorySyncs.withLock { if failing { $0.insert(directory) } else { $0.remove(directory) } }
  }

  static func directorySyncFails(_ directory: String) -> Bool {
    failingDirectorySyncs.withLock { $0.contains(directory) }
  }
}
#endif
