/// A judgment or floors file that does not have the expected shape, or a
/// sample corpus that did not index as the judgments expect.
struct RelevanceFixtureError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
