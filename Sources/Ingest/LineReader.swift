/// Splits a byte stream into lines in bounded memory.
///
/// Reads 1 MiB chunks, hands out each line (without its `\n` and a trailing
/// `\r`) with its 1-based line number and byte offset, and never buffers more
/// than `maxLineBytes` plus one chunk: a longer line is skipped to its end and
/// reported as oversize with its full length.
final class LineReader {
  /// One line, or the size of a line too long to hold.
  enum Event {
    case line(UnsafeBufferPointer<UInt8>, number: Int, offset: Int)
    case oversize(size: Int, number: Int, offset: Int)
  }

  private let fill: (UnsafeMutableRawBufferPointer) throws -> Int
  private let maxLineBytes: Int
  private let chunkSize: Int
  private var storage: UnsafeMutableRawBufferPointer
  /// File offset of storage[0].
  private var baseOffset = 0

  init(maxLineBytes: Int, chunkSize: Int = 1 << 20, fill: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
    self.fill = fill
    self.maxLineBytes = max(1, maxLineBytes)
    self.chunkSize = chunkSize
    self.storage = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize * 2, alignment: 16)
  }

  deinit { storage.deallocate() }

  /// Calls `body` for each line in order; `body` returns false to stop early.
  /// - Returns: the file offset where reading stopped.
  @discardableResult
  func forEach(_ body: (Event) throws -> Bool) throws -> Int {
    var start = 0
    var end = 0
    var scan = 0
    var lineNumber = 1
    var atEOF = false
    var discarding: (number: Int, offset: Int, size: Int)? = nil
    while true {
      // Look for the next newline in the buffered bytes.
      if scan < end, let base = storage.baseAddress {
        let found = memchrOffset(base + scan, count: end - scan)
        if let k = found {
          let nl = scan + k
          if let d = discarding {
            let size = d.size + (nl - start)
            discarding = nil
            if try !body(.oversize(size: size, number: d.number, offset: d.offset)) { return baseOffset + nl + 1 }
          } else if nl - start > maxLineBytes {
            if try !body(.oversize(size: nl - start, number: lineNumber, offset: baseOffset + start)) {
              return baseOffset + nl + 1
            }
          } else {
            var lineEnd = nl
            if lineEnd > start, storage[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let p = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + start, count: lineEnd - start)
            if try !body(.line(p, number: lineNumber, offset: baseOffset + start)) { return baseOffset + nl + 1 }
          }
          lineNumber += 1
          start = nl + 1
          scan = start
          continue
        }
        scan = end
      }
      if atEOF {
        if let d = discarding {
          _ = try body(.oversize(size: d.size + (end - start), number: d.number, offset: d.offset))
        } else if end > start {
          if end - start > maxLineBytes {
            _ = try body(.oversize(size: end - start, number: lineNumber, offset: baseOffset + start))
          } else if let base = storage.baseAddress {
            var lineEnd = end
            if storage[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let p = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + start, count: lineEnd - start)
            _ = try body(.line(p, number: lineNumber, offset: baseOffset + start))
          }
        }
        return baseOffset + end
      }
      // Too long to keep: drop what we have and count it.
      if discarding == nil, end - start > maxLineBytes {
        discarding = (lineNumber, baseOffset + start, 0)
      }
      if var d = discarding {
        d.size += end - start
        discarding = d
        baseOffset += end
        start = 0; end = 0; scan = 0
      } else if start > 0 {
        // Compact: move the partial line to the front.
        if let base = storage.baseAddress, end > start { base.copyMemory(from: base + start, byteCount: end - start) }
        baseOffset += start
        end -= start
        scan -= start
        start = 0
      }
      if storage.count - end < chunkSize {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 16)
        if let to = bigger.baseAddress, let from = storage.baseAddress, end > 0 { to.copyMemory(from: from, byteCount: end) }
        storage.deallocate()
        storage = bigger
      }
      let n = try fill(UnsafeMutableRawBufferPointer(rebasing: storage[end..<storage.count]))
      if n == 0 { atEOF = true } else { end += n }
    }
  }

  private func memchrOffset(_ p: UnsafeMutableRawPointer, count: Int) -> Int? {
    guard let hit = memchr(p, 0x0A, count) else { return nil }
    return hit - p
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
