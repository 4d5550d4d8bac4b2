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
