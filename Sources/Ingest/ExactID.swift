/// A document id compared byte for byte, as the index compares ids.
///
/// Swift's `String` equality is canonical equivalence: `"café"` composed and
/// decomposed (or 廊 U+5ECA and its compatibility twin U+F928) are equal
/// Strings but different ids on disk. Sets and dictionaries of ids use this
/// key, so a batch, a commit and the index always agree on which ids are
/// the same (Elasticsearch compares `_id` as bytes too).
package struct ExactID: Hashable, Sendable {
  package let utf8: [UInt8]

  package init(_ id: String) { utf8 = Array(id.utf8) }
}
