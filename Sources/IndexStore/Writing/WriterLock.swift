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
      var buffer = [UInt8](repeating: 0, count: 32)
      let n = pread(fd, &buffer, 31, 0)
      close(fd)
      fd = -1
      if code == EWOULDBLOCK {
        let text = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self)
        throw IndexError.locked(pid: Int32(text.filter { $0.isASCII && $0.isNumber }) ?? 0)
      }
      throw IndexError.io(path: path, errno: code, operation: "flock")
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, pid, pid.count, 0)
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
