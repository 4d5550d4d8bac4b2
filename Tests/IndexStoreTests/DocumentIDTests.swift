import IndexStore
import Ingest
import Testing
import TextAnalysis

/// Ids are compared byte for byte everywhere (a batch, a commit, the index,
/// `check`): "café" composed and decomposed, or 廊 and its compatibility
/// twin U+F928, are equal Swift Strings but two documents, whether they
/// arrive in one commit or several (they were one within a commit and two
/// across commits).
@Test func idsAreComparedByteForByteInEveryPath() throws {
  let composed = "caf\u{E9}-1"
  let decomposed = "cafe\u{301}-1"
  let han = "\u{5ECA}-2"
  let twin = "\u{F928}-2"
  #expect(composed == decomposed && han == twin, "equal as Swift Strings")
  let documents = [composed, decomposed, han, twin].map {
    Document(id: $0, type: "petition", title: "夜间噪声", body: "工地夜间施工噪声扰民，编号\($0)。")
  }
  for commitEvery in [0, 1] {
    let path = makeTemporaryDirectory("exact-ids")
    defer { removeTree(path) }
    let writer = try IndexWriter(path: path, analyzer: Analyzer())
    var outcomes: [WriteOutcome] = []
    for document in documents {
      outcomes.append(try writer.add(document))
      if commitEvery == 1 { try writer.commit() }
    }
    try writer.commit()
    #expect(outcomes == [.added, .added, .added, .added], "commit every \(commitEvery)")
    #expect(IndexChecker.check(path: path).isClean, "no id reported live twice")
    #expect(try writer.delete(id: decomposed))
    try writer.commit()
    writer.close()
    let reader = try IndexReader.open(path: path)
    #expect(reader.documentCount == 3)
    #expect(try reader.document(id: composed)?.id.utf8.elementsEqual(composed.utf8) == true)
    #expect(try reader.document(id: decomposed) == nil)
    #expect(try reader.document(id: twin)?.id.utf8.elementsEqual(twin.utf8) == true)
  }
}
