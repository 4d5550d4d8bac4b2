#if canImport(Glibc)
import Glibc
#endif

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
  let path: String

  init() throws {
    var template = Array("/tmp/textanalysis-test-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw TemporaryDirectoryError() }
    path = String(cString: created)
  }

  deinit {
    if let directory = opendir(path) {
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { unlink(path + "/" + name) }
      }
      closedir(directory)
    }
    rmdir(path)
  }

  func write(_ text: String, to name: String) throws { try write(bytes: Array(text.utf8), to: name) }

  func write(bytes: [UInt8], to name: String) throws {
    guard let file = fopen(path + "/" + name, "wb") else { throw TemporaryDirectoryError() }
    defer { fclose(file) }
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw TemporaryDirectoryError() }
  }
}

struct TemporaryDirectoryError: Error {}
