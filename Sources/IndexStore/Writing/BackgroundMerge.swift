import Dispatch

/// One merge running on its own queue while the writer goes on indexing.
///
/// The writer starts it after a flush (when the merge policy finds adjacent
/// segments to merge) and takes its result at the next flush or commit
/// (`IndexWriter.finishMerge`). The merge only reads its sources, immutable
/// mapped segments and a copy of their deletions, and writes files of a new
/// segment name, so it shares nothing mutable with the writer. Documents the
/// writer deletes from a source meanwhile are carried over to the merged
/// segment through `Output.docMaps` when the result is taken.
final class BackgroundMerge: @unchecked Sendable {
  let name: String
  let sources: [SegmentMerger.Source]
  private let group = DispatchGroup()
  /// Set once by the merge's queue before `group` is left; read only after waiting.
  private var result: Result<SegmentMerger.Output, any Error>?

  private static let queue = DispatchQueue(label: "IndexStore.BackgroundMerge", qos: .utility)

  init(sources: [SegmentMerger.Source], directory: String, name: String, compressionLevel: Int32) {
    self.name = name
    self.sources = sources
    group.enter()
    BackgroundMerge.queue.async { [self] in
      result = Result { try SegmentMerger.merge(sources, directory: directory, name: name, compressionLevel: compressionLevel) }
      group.leave()
    }
  }

  /// Whether the merge has finished (successfully or not).
  var isFinished: Bool { group.wait(timeout: .now()) == .success }

  /// Waits for the merge; its output, or the error it failed with.
  func wait() throws -> SegmentMerger.Output {
    group.wait()
    guard let result else { throw IndexError.writerClosed(reason: "a background merge ended without a result") }
    return try result.get()
  }
}
