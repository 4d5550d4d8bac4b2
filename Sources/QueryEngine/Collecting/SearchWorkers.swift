#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Threads kept for spreading searches over the cores (`SearchThreads`).
///
/// Waking a parked thread takes 35–45 µs on this virtual machine, as long as
/// a common word's whole search, so a thread woken only when the jobs are
/// ready starts too late to help (`DispatchQueue.concurrentPerform` ran two
/// 27 µs jobs in 58 µs, one after the other). Instead a search wakes the
/// workers when it starts (`prepare`), while it looks its terms up, and they
/// then poll for jobs for `pollWindow` before parking again. A job is run by whichever thread claims it first, the search's own
/// thread included, so a search never waits for a busy or sleeping worker.
final class SearchWorkers: @unchecked Sendable {
  /// The workers of the process: one fewer than `Searcher.defaultThreads`.
  static let shared = SearchWorkers(count: Searcher.defaultThreads - 1)

  /// How long workers poll for jobs after a search starts or hands one out.
  static let pollWindow: UInt64 = 500_000  // ns

  let count: Int
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let condition: UnsafeMutablePointer<pthread_cond_t>
  /// Jobs not yet taken by a worker (guarded by `mutex`).
  private var queue: [SearchJob] = []
  /// `queue.count`, read by polling workers without the lock.
  private let queued = Atomic<Int>(0)
  /// Workers waiting on `condition`.
  private let parked = Atomic<Int>(0)
  /// Until when (monotonic ns) workers poll rather than park.
  private let pollUntil = Atomic<UInt64>(0)

  init(count: Int) {
    self.count = max(0, count)
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    condition = .allocate(capacity: 1)
    pthread_cond_init(condition, nil)
    for number in 0..<self.count {
      let thread = Thread { [self] in work() }
      thread.name = "search worker \(number + 1)"
      thread.start()
    }
  }

  /// A search is starting: wake the workers so that they are running by
  /// the time its jobs are handed out.
  func prepare() {
    guard count > 0 else { return }
    pollUntil.store(Self.now() + Self.pollWindow, ordering: .relaxed)
    if parked.load(ordering: .relaxed) > 0 {
      pthread_mutex_lock(mutex)
      pthread_cond_broadcast(condition)
      pthread_mutex_unlock(mutex)
    }
  }

  /// Offers `job` to the workers; the caller runs it itself if none has
  /// claimed it by the time the caller gets to it.
  func submit(_ job: SearchJob) {
    guard count > 0 else { return }
    pollUntil.store(Self.now() + Self.pollWindow, ordering: .relaxed)
    pthread_mutex_lock(mutex)
    queue.append(job)
    queued.add(1, ordering: .relaxed)
    if parked.load(ordering: .relaxed) > 0 { pthread_cond_signal(condition) }
    pthread_mutex_unlock(mutex)
  }

  private func work() {
    while true {
      if queued.load(ordering: .relaxed) > 0, let job = take() {
        _ = job.claimAndRun()
        continue
      }
      if Self.now() < pollUntil.load(ordering: .relaxed) {
        sched_yield()
        continue
      }
      pthread_mutex_lock(mutex)
      while queue.isEmpty && Self.now() >= pollUntil.load(ordering: .relaxed) {
        parked.add(1, ordering: .relaxed)
        pthread_cond_wait(condition, mutex)
        parked.subtract(1, ordering: .relaxed)
      }
      pthread_mutex_unlock(mutex)
    }
  }

  private func take() -> SearchJob? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    guard !queue.isEmpty else { return nil }
    queued.subtract(1, ordering: .relaxed)
    return queue.removeFirst()
  }

  private static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}
