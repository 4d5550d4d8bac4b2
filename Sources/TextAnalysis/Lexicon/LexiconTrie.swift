/// A trie over the UTF-16 units of the lexicon's words, for finding every
/// lexicon word that starts at a position of normalized text.
///
/// The first step is an array indexed by the first unit (most positions of a
/// text start no word and are rejected by one array read); deeper steps use
/// one `IntegerHashTable` keyed by (node, unit).
final class LexiconTrie: Sendable {
  /// Node reached by each first unit; 0 when no word starts with it.
  private let rootChildren: [Int32]
  /// (node << 16 | unit) → child node, for nodes other than the root.
  private let children: IntegerHashTable
  /// Whether a word ends at each node (node 0 is the root).
  private let terminal: [Bool]
  /// The longest word, in UTF-16 units.
  let maxLength: Int

  init(words: some Sequence<String>) {
    var rootChildren = [Int32](repeating: 0, count: 0x10000)
    var children: [UInt64: Int32] = [:]
    var terminal = [false]
    var maxLength = 0
    for word in words {
      let units = Array(word.utf16)
      guard let first = units.first else { continue }
      maxLength = max(maxLength, units.count)
      var node = rootChildren[Int(first)]
      if node == 0 {
        node = Int32(terminal.count)
        terminal.append(false)
        rootChildren[Int(first)] = node
      }
      for unit in units.dropFirst() {
        let key = UInt64(node) << 16 | UInt64(unit)
        if let child = children[key] {
          node = child
        } else {
          let child = Int32(terminal.count)
          terminal.append(false)
          children[key] = child
          node = child
        }
      }
      terminal[Int(node)] = true
    }
    self.rootChildren = rootChildren
    self.children = IntegerHashTable(children)
    self.terminal = terminal
    self.maxLength = maxLength
  }

  /// Whether some word starts with `unit`.
  @inline(__always)
  func startsWord(_ unit: UInt16) -> Bool { rootChildren[Int(unit)] != 0 }

  /// Calls `body(end)` for every word `units[start..<end]` with `end <= limit`.
  func forEachMatch(in units: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int, _ body: (Int) -> Void) {
    guard start < limit else { return }
    var node = rootChildren[Int(units[start])]
    var index = start + 1
    while node != 0 {
      if terminal[Int(node)] { body(index) }
      guard index < limit else { return }
      node = children.value(for: UInt64(node) << 16 | UInt64(units[index])) ?? 0
      index += 1
    }
  }
}
