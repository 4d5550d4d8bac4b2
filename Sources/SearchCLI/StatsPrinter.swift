import Foundation
import IndexStore

/// Renders `search index stats`.
enum StatsPrinter {
  static func render(_ stats: IndexStats, json: Bool) -> String {
    let committed = Date(timeIntervalSince1970: TimeInterval(stats.commitTime))
    let formatter = ISO8601DateFormatter()
    if json {
      let object = JSONValue.object([
        ("documents", .integer(stats.documents)), ("deleted_documents", .integer(stats.deletedDocuments)),
        ("segments", .integer(stats.segments)), ("generation", .integer(stats.generation)),
        ("bytes", .integer(stats.totalBytes)),
        ("bytes_by_file_kind", .object(stats.bytesByFileKind.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
        ("analyzer_version", .integer(stats.analyzer.analyzerVersion)), ("icu_version", .string(stats.analyzer.icuVersion)),
        ("lexicon_checksum", .string(stats.analyzer.lexiconChecksum)),
        ("stop_words_checksum", .string(stats.analyzer.stopWordsChecksum)),
        ("last_commit", .string(formatter.string(from: committed))),
      ])
      return object.text + "\n"
    }
    var lines = [
      "documents   \(stats.documents) (\(stats.deletedDocuments) deleted, not yet merged away)",
      "segments    \(stats.segments), commit \(stats.generation), \(formatter.string(from: committed))",
      "size        \(megabytes(stats.totalBytes))",
    ]
    for (kind, bytes) in stats.bytesByFileKind.sorted(by: { $0.value > $1.value }) {
      lines.append("  \(kind.padding(toLength: 12, withPad: " ", startingAt: 0)) \(megabytes(bytes))")
    }
    lines.append("analyzer    \(stats.analyzer)")
    return lines.joined(separator: "\n") + "\n"
  }

  static func megabytes(_ bytes: Int) -> String {
    bytes < 1_000_000 ? String(format: "%.1f KB", Double(bytes) / 1e3) : String(format: "%.1f MB", Double(bytes) / 1e6)
  }
}
