#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// One job of a search, run once by whichever thread claims it first.
final class SearchJob: @unchecked Sendable {
  private let state = Atomic<Int>(0)  // 0 waiting, 1 running, 2 finished
  /// Dropped once run, so that a job left in the workers' queue holds nothing.
  private var body: (() -> Void)?

  init(_ body: @escaping () -> Void) { self.body = body }

  /// Runs the job unless another thread has claimed it; whether this one ran it.
  func claimAndRun() -> Bool {
    guard state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged else { return false }
    body?()
    body = nil
    state.store(2, ordering: .releasing)
    return true
  }

  /// Returns once the job has run (on this thread if nobody had claimed it).
  func finish() {
    if claimAndRun() { return }
    while state.load(ordering: .acquiring) != 2 { sched_yield() }
  }
}
