import Dispatch

/// Work the writer runs on a queue of its own while it goes on indexing: a
/// segment flush or a merge.
///
/// The job only reads what it was given (a full postings buffer nobody
/// touches any more, or immutable mapped segments and a copy of their
/// deletions) and writes files under a new segment name, so it shares nothing
/// mutable with the writer. The writer takes the result at its next flush or
/// commit.
final class BackgroundJob<Output: Sendable>: @unchecked Sendable {
  private let group = DispatchGroup()
  /// Set once by the job's queue before `group` is left; read only after waiting.
  private var result: Result<Output, any Error>?

  init(queue: DispatchQueue, _ work: @escaping @Sendable () throws -> Output) {
    group.enter()
    queue.async { [self] in
      result = Result { try work() }
      group.leave()
    }
  }

  /// Whether the job has finished (successfully or not).
  var isFinished: Bool { group.wait(timeout: .now()) == .success }

  /// Waits for the job; its output, or the error it failed with.
  func wait() throws -> Output {
    group.wait()
    guard let result else { throw IndexError.writerClosed(reason: "a background job ended without a result") }
    return try result.get()
  }
}
