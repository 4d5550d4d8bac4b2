/// Regions as a tree, town → county or district → city, for roll-up.
///
/// Read from `corpus/regions.txt`, one parent a line: `parent | children
/// separated by 、`. A filter on a region accepts the region and everything
/// below it (`expansion(of:)`, to set as `Searcher.regionExpansion`), and
/// `rollUp(_:)` walks a town up to its county and city. Names in text are
/// found after the same cheap folding as unit names (full width, case).
public struct RegionHierarchy: Sendable {
  /// Child to parent.
  public let parents: [String: String]
  /// Parent to its children, in file order.
  public let children: [String: [String]]
  private let matcher: NameMatcher
  private let names: [String]

  /// Parses the text of a hierarchy file; `source` names it in errors.
  ///
  /// - Throws: `InsightsError` for a line that is not exactly `parent | children`
  ///   (no `|`, or more than one), an empty parent, a child listed under two
  ///   parents or under itself, or a cycle.
  public init(text: String, source: String = "regions.txt") throws {
    var parents: [String: String] = [:]
    var children: [String: [String]] = [:]
    var order: [String] = []
    for record in RegistryText.records(text) {
      guard record.fields.count == 2 else {
        throw InsightsError(source: source, line: record.line, message: "expected 'parent | child、child…'")
      }
      let parent = record.fields[0]
      guard !parent.isEmpty else { throw InsightsError(source: source, line: record.line, message: "empty parent") }
      if children[parent] == nil { order.append(parent) }
      for child in RegistryText.names(record.fields[1]) {
        if let existing = parents[child] {
          if existing == parent { continue }
          throw InsightsError(source: source, line: record.line,
                              message: "'\(child)' is already under '\(existing)'; a region has one parent")
        }
        guard child != parent else {
          throw InsightsError(source: source, line: record.line, message: "'\(child)' is listed under itself")
        }
        parents[child] = parent
        children[parent, default: []].append(child)
        order.append(child)
      }
    }
    for start in parents.keys {  // a cycle would make roll-up loop
      var seen: Set<String> = [start]
      var current = start
      while let up = parents[current] {
        guard seen.insert(up).inserted else {
          throw InsightsError(source: source, line: 0, message: "regions form a cycle through '\(start)'")
        }
        current = up
      }
    }
    self.parents = parents
    self.children = children
    var unique: [String] = []
    var seen: Set<String> = []
    for name in order where seen.insert(name).inserted { unique.append(name) }
    names = unique
    matcher = NameMatcher(unique.enumerated().map { ($0.element, $0.offset) })
  }

  /// Reads `corpus/regions.txt` or another hierarchy file.
  public static func load(path: String) throws -> RegionHierarchy {
    try RegionHierarchy(text: try RegistryText.read(path: path), source: path)
  }

  /// No hierarchy: every region stands alone.
  public static let empty = RegionHierarchy(parents: [:], children: [:])

  private init(parents: [String: String], children: [String: [String]]) {
    self.parents = parents
    self.children = children
    names = []
    matcher = NameMatcher([])
  }

  /// The region and every region below it.
  public func expansion(of region: String) -> Set<String> {
    var result: Set<String> = [region]
    var stack = [region]
    while let next = stack.popLast() {
      for child in children[next] ?? [] where result.insert(child).inserted { stack.append(child) }
    }
    return result
  }

  /// The region followed by its ancestors: 岳家桥镇, 赫山区, 益阳市.
  public func rollUp(_ region: String) -> [String] {
    var chain = [region]
    var current = region
    while let up = parents[current], chain.count < 16 {
      chain.append(up)
      current = up
    }
    return chain
  }

  /// Whether `region` is `ancestor` or lies below it.
  public func contains(_ ancestor: String, _ region: String) -> Bool { rollUp(region).contains(ancestor) }

  /// The depth of a region: 0 for a root (the city), 1 for a county, 2 for a town.
  public func depth(of region: String) -> Int { rollUp(region).count - 1 }

  /// The deepest region named in text (a town before its county), nil if none.
  public func deepestPlace(in text: String) -> String? {
    deepestPlace(inFolded: NameMatcher.folded(text))
  }

  func deepestPlace(inFolded text: [UInt32]) -> String? {
    var best: String?
    var bestDepth = -1
    for match in matcher.matches(inFolded: text) {
      let name = names[match.payload]
      let depth = depth(of: name)
      if depth > bestDepth {
        best = name
        bestDepth = depth
      }
    }
    return best
  }

  /// A closure for `Searcher.regionExpansion`.
  public var searcherExpansion: @Sendable (String) -> Set<String> {
    let hierarchy = self
    return { hierarchy.expansion(of: $0) }
  }
}
