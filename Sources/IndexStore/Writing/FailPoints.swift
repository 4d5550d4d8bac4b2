#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TextAnalysis

/// The named steps of writing a commit, in the order a commit takes them
/// (docs/FORMAT.md, "Commit protocol"), where a crash test can end the
/// process (`FailPoints.crash(at:occurrence:)`).
package enum CommitStep: String, CaseIterable, Sendable {
  /// A flushed segment's seven files are written and fsynced.
  case segmentWritten = "segment-written"
  /// A merged segment's files are written and fsynced (in the background or at the commit).
  case mergeWritten = "merge-written"
  /// The commit's new deletion files are written and fsynced.
  case deletionsWritten = "deletions-written"
  /// `pending-manifest-G` is written and fsynced, and the directory fsynced; not yet renamed.
  case manifestWritten = "manifest-written"
  /// `pending-manifest-G` is renamed to `manifest-G`; the directory is not yet fsynced.
  case renamed
  /// The directory is fsynced: the commit is durable.
  case directorySynced = "directory-synced"
  /// Files no commit needs are deleted; `commit()` is about to return.
  case garbageCollected = "garbage-collected"

  /// Whether a crash at this step must leave the new commit rather than the one before.
  package var publishes: Bool { self == .renamed || self == .directorySynced || self == .garbageCollected }
}

#if DEBUG
/// Failures tests inject into file-system steps that cannot otherwise be
/// made to fail on demand, one index directory at a time (tests run in
/// parallel, each in its own directory), and crashes at named commit steps
/// (for a child process of a crash test). Debug builds only (what `swift
/// test` builds): release builds have no fail points.
package enum FailPoints {
  /// Directories whose fsyncs fail, with how many more may succeed first.
  private static let failingDirectorySyncs = Locked<[String: Int]>([:])
  /// The step to crash at and how many more times it may be reached first; how often each step was reached.
  private static let crashState = Locked<(step: CommitStep?, remaining: Int, reached: [CommitStep: Int])>(
    (nil, 0, [:]))

  /// Makes every fsync of `directory` after the next `succeeding` fail with EIO while `failing`.
  package static func failDirectorySync(_ directory: String, _ failing: Bool, after succeeding: Int = 0) {
    failingDirectorySyncs.withLock { $0[directory] = failing ? succeeding : nil }
  }

  static func directorySyncFails(_ directory: String) -> Bool {
    failingDirectorySyncs.withLock { failing in
      guard let successes = failing[directory] else { return false }
      if successes > 0 { failing[directory] = successes - 1 }
      return successes == 0
    }
  }

  /// Directories where the `k`-th file-system request from now fails, with the errno it fails with.
  private static let failingRequests = Locked<[String: (remaining: Int, code: Int32)]>([:])

  /// Makes the `request`-th file-system request the writer makes in
  /// `directory` from now on (creating, writing or fsyncing a file, renaming,
  /// fsyncing the directory; 1-based) fail with `code`, once
  /// (RELIABILITY.md R6). Nil stops it; how many requests were made is not
  /// kept.
  package static func failRequest(in directory: String, number request: Int?, code: Int32 = EIO) {
    failingRequests.withLock { $0[directory] = request.map { (max(1, $0), code) } }
  }

  /// The errno the current request on `path` (a file, or with `isDirectory` a directory) must fail with, if any.
  static func injectedFailure(_ path: String, isDirectory: Bool = false) -> Int32? {
    let directory = isDirectory ? path : String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    return failingRequests.withLock { failing -> Int32? in
      guard let (remaining, code) = failing[directory] else { return nil }
      if remaining == 1 {
        failing[directory] = nil
        return code
      }
      failing[directory] = (remaining - 1, code)
      return nil
    }
  }

  /// Ends the process with `_exit(137)` (the status of a SIGKILL) the
  /// `occurrence`-th time any writer of the process reaches `step`, as a
  /// crash would: no buffer flushed, no file closed, no lock released.
  package static func crash(at step: CommitStep, occurrence: Int) {
    crashState.withLock { $0.step = step; $0.remaining = max(1, occurrence) }
  }

  /// How many times each step has been reached in this process.
  package static var stepsReached: [CommitStep: Int] { crashState.withLock { $0.reached } }

  /// Called by the writer at each named step.
  static func reached(_ step: CommitStep) {
    let crash = crashState.withLock { state -> Bool in
      state.reached[step, default: 0] += 1
      guard state.step == step else { return false }
      state.remaining -= 1
      return state.remaining == 0
    }
    if crash { _exit(137) }
  }
}
#else
/// Release builds have no fail points; the writer's calls compile to nothing.
enum FailPoints {
  @inline(__always) static func reached(_ step: CommitStep) {}
}
#endif
