import IndexStore
import Ingest
import Testing
import TextAnalysis

/// Term look-ups give the same answers before and after a segment builds
/// its in-memory term index (after a few dozen look-ups of a field).
@Suite struct TermIndexTests {
  let analyzer = Analyzer()

  @Test func lookUpsFindExactlyTheDictionarysTermsBeforeAndAfterTheIndexIsBuilt() throws {
    let path = makeTemporaryDirectory("term-index")
    defer { removeTree(path) }
    var documents = ChineseCorpus.documents(count: 300, seed: testSeed(17), prefix: "t")
    // Many terms sharing their first eight bytes (more than one sampling
    // interval of them), the shortest of them, and longer ones around.
    var shared: [String] = ["inspecti", "inspect", "inspectj"]
    for a in "abcdefg" { for b in "xyz" { shared.append("inspecti\(a)\(b)") } }
    shared += ["inspectiq", "inspectiqq", "inspectiqqq"]
    documents.append(Document(id: "shared-prefixes", title: shared.prefix(5).joined(separator: " "),
                              unit: "益阳金源造纸有限公司", body: shared.joined(separator: " ")))
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for document in documents { try writer.add(document) }
    try writer.commit()
    writer.close()
    let segment = try #require(try IndexReader.open(path: path).segments.first)

    for field in IndexedField.allCases {
      let terms = (0..<segment.termCount(field)).compactMap { segment.term(field, at: $0) }
      #expect(terms.count == segment.termCount(field))
      let present = Set(terms)
      var keys: [String] = []
      for term in terms {
        keys += [term, term + "a", term + "\u{0}", String(term.dropLast()), String(term.dropFirst()), term + "\u{10FFFF}"]
      }
      keys += ["", "\u{0}", "\u{10FFFF}", "0", "inspecti", "inspectiq", "inspectia", "inspectiz"]
      // The first pass searches the plain dictionary (most of it, at
      // least); then enough look-ups for the term index to be built, which
      // the second pass uses.
      var firstAnswers: [TermInfo?] = []
      for pass in 0..<2 {
        if pass == 1 {
          for _ in 0..<TermIndex.buildAfterLookups { _ = segment.termInfo(field, "inspecti") }
        }
        for (i, key) in keys.enumerated() {
          let info = segment.termInfo(field, key)
          #expect((info != nil) == present.contains(key), "\(field.name) pass \(pass): \(key.debugDescription)")
          if pass == 0 { firstAnswers.append(info) } else { #expect(info == firstAnswers[i]) }
        }
      }
      let prefixes = ["", "inspecti", "inspectia", "inspect", "益阳", "整改", "i", "zz"] + terms.prefix(40).map { String($0.prefix(1)) }
      for prefix in prefixes {
        let expected = terms.filter { Array($0.utf8).starts(with: Array(prefix.utf8)) }
        #expect(segment.terms(field, prefix: prefix) == expected, "\(field.name) prefix \(prefix)")
      }
    }
    let body = segment.terms(.body, prefix: "inspect")
    #expect(body.count >= 20, "the shared-prefix words are single terms: \(body)")
  }
}
