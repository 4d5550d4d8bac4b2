#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock: `flock(LOCK_EX | LOCK_NB)` on `write.lock`, which holds the owner's pid.
///
/// The kernel releases the lock when the process dies, so a crashed writer
/// never blocks the next one. The lock file is never a symbolic link (O_NOFOLLOW).
final class WriterLock {
  private var fd: Int32

  init(directory: String) throws {
    let path = directory + "/" + SegmentFormat.lockFileName
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { throw IndexError.io(path: path, errno: errno, operation: "open lock file") }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      let holder = code == EWOULDBLOCK ? Self.holder(fd) : 0
      close(fd)
      fd = -1
      if code == EWOULDBLOCK { throw IndexError.locked(pid: holder) }
      throw IndexError.io(path: path, errno: code, operation: "flock")
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, pid, pid.count, 0)
  }

  /// The pid the lock file names, once it names a running process: a writer
  /// that has just taken the lock may not have written its pid yet (the file
  /// then is empty or names the writer before). Waits up to 100 ms for it,
  /// then gives what the file says (0 for nothing; a process of another pid
  /// namespace never shows as running).
  private static func holder(_ fd: Int32) -> Int32 {
    var named: Int32 = 0
    for attempt in 0..<20 {
      var buffer = [UInt8](repeating: 0, count: 32)
      let n = pread(fd, &buffer, 31, 0)
      let text = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self)
      named = Int32(text.filter { $0.isASCII && $0.isNumber }) ?? 0
      if named > 0, kill(named, 0) == 0 || errno == EPERM { return named }
      if attempt < 19 { usleep(5_000) }
    }
    return named
  }

  func release() {
    if fd >= 0 {
      flock(fd, LOCK_UN)
      close(fd)
      fd = -1
    }
  }

  deinit { release() }
}
