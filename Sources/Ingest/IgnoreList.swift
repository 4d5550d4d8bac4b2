/// The names an `.ingestignore` file lists: exact names, `*.ext` suffixes and `prefix*` prefixes.
struct IgnoreList {
  /// The file's name in a folder.
  static let fileName = Array(".ingestignore".utf8)

  private var patterns: [[UInt8]] = []

  init(folder: [UInt8]) {
    var path = folder
    if path.last != UInt8(ascii: "/") { path.append(UInt8(ascii: "/")) }
    path += IgnoreList.fileName
    guard let file = try? InputFile(path: path), let bytes = try? file.readAll(limit: 1 << 20) else { return }
    for line in bytes.split(separator: UInt8(ascii: "\n")) {
      var pattern = Array(line)
      while let last = pattern.last, last == 0x0D || last == 0x20 || last == 0x09 { pattern.removeLast() }
      while let first = pattern.first, first == 0x20 || first == 0x09 { pattern.removeFirst() }
      if pattern.isEmpty || pattern.first == UInt8(ascii: "#") { continue }
      patterns.append(pattern)
    }
  }

  func matches(_ name: [UInt8]) -> Bool {
    let star = UInt8(ascii: "*")
    for pattern in patterns {
      if pattern.first == star {
        if name.count >= pattern.count - 1, name.suffix(pattern.count - 1).elementsEqual(pattern.dropFirst()) { return true }
      } else if pattern.last == star {
        if name.starts(with: pattern.dropLast()) { return true }
      } else if pattern == name {
        return true
      }
    }
    return false
  }
}
