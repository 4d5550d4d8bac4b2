#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A term as a dictionary key that hashes and compares its UTF-8 bytes.
///
/// `String`'s own hashing normalizes (canonical equivalence), which is slow
/// for Chinese text and disagrees with the byte order the index files use.
/// Analyzed terms are already normalized, so bytes are the right identity.
struct TermKey: Hashable, Sendable {
  let term: String

  init(_ term: String) {
    var contiguous = term
    contiguous.makeContiguousUTF8()
    self.term = contiguous
  }

  func hash(into hasher: inout Hasher) {
    var copy = term
    copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  static func == (lhs: TermKey, rhs: TermKey) -> Bool {
    guard lhs.term.utf8.count == rhs.term.utf8.count else { return false }
    var a = lhs.term
    var b = rhs.term
    return a.withUTF8 { x in
      b.withUTF8 { y in
        guard let p = x.baseAddress, let q = y.baseAddress else { return x.count == y.count }
        return memcmp(p, q, x.count) == 0
      }
    }
  }
}
