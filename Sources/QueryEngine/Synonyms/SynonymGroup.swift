/// One line of a synonym file: its members as written.
///
/// An equivalence group (`噪音, 噪声, 吵`) lets every member match every
/// other. A one-way group (`养殖场 => 猪场, 鸡场`) lets a query for a member
/// of the left side also match the right side, not the reverse: the left side
/// is the broader word. Members of the left side do not expand to each other.
public struct SynonymGroup: Hashable, Sendable {
  /// Whether the members match each other or the left side matches the right.
  public enum Kind: Hashable, Sendable {
    /// `a, b, c`: every member matches every other.
    case equivalence
    /// `a, b => c, d`: `a` and `b` each also match `c` and `d`.
    case oneWay
  }

  /// Whether the members match each other, or only the targets.
  public var kind: Kind
  /// The members as written; for a one-way group, the left side.
  public var members: [String]
  /// For a one-way group, the right side as written; empty otherwise.
  public var targets: [String]
  /// The 1-based line of the file the group comes from.
  public var line: Int

  /// A group as written on `line`; `targets` is the right side of a one-way group (nothing is checked).
  public init(kind: Kind, members: [String], targets: [String] = [], line: Int) {
    self.kind = kind
    self.members = members
    self.targets = targets
    self.line = line
  }
}
