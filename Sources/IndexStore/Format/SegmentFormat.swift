/// Names, magic numbers and versions of every index file.
///
/// The full byte grammar is in docs/FORMAT.md; in short:
///
/// - Every file is `Header Body Footer`. Header: magic `"CSIX"` (u32 LE
///   0x58495343), file kind (u8), format version (u16), segment name (u8
///   length + UTF-8). Footer (16 bytes): footer magic 0xF007C0DE (u32), total
///   file length (u64), CRC-32 (zlib) of every byte before the CRC (u32).
///   All integers are little-endian; varints are unsigned LEB128.
/// - A segment `sN` has seven files: `sN.terms` (per-field sorted term
///   records + term bytes), `sN.postings` (per term: skip table, then
///   blocks of up to 128 documents: doc deltas and frequencies, bit-packed in
///   a full block and varints in a short one),
///   `sN.positions` (varint position deltas per document), `sN.lengths`
///   (u32 token count per field and document), `sN.columns` (dictionary-encoded
///   exact-match columns and dates), `sN.stored` (zstd blocks with a
///   per-segment dictionary, or zlib blocks, of whole documents), `sN.ids`
///   (sorted document ids → document numbers).
/// - `sN_G.del`: the deletion bitmap of segment sN written by commit G.
/// - `manifest-G`: the commit point (binary body): segments, deletion files,
///   analyzer identity, lexicon and stop words, commit time.
/// - `write.lock`: the writer lock (flock), holding the writer's pid.
enum SegmentFormat {
  static let magic: UInt32 = 0x5849_5343  // "CSIX"
  static let footerMagic: UInt32 = 0xF007_C0DE
  static let footerLength = 16
  /// The version written by this code (the stored file's is `storedVersion`).
  static let version: UInt16 = 1
  /// The stored file's version: 3 since its zstd blocks have dictionaries,
  /// listed in a table after the block index (2: zstd blocks, no table;
  /// 1: zlib blocks).
  static let storedVersion: UInt16 = 3
  /// The postings file's version: 2 since a term's blocks may hold fewer
  /// than `blockSize` documents anywhere in the list (a merge copies its
  /// sources' blocks whole), its skip table counting blocks and their
  /// documents (1: every block but the last holds `blockSize`).
  /// 3 since skip entries hold their block's impacts (`BlockImpacts`).
  static let postingsVersion: UInt16 = 3
  /// The manifest's format: 2 since each segment entry records its seven
  /// files' checksums, so that a file of another index is found at open.
  static let manifestVersion: UInt16 = 2
  /// The version this code writes for files of `kind` (and the newest it reads).
  static func version(of kind: FileKind) -> UInt16 {
    switch kind {
    case .stored: return storedVersion
    case .postings: return postingsVersion
    case .manifest: return manifestVersion
    default: return version
    }
  }
  /// The oldest version this code reads.
  static let oldestSupportedVersion: UInt16 = 1
  /// The most documents a postings block holds (one skip entry per block);
  /// a term of at most this many documents is one block without a skip table.
  static let blockSize = 128
  /// Bytes of one skip entry: last doc, block end, positions start, max tf,
  /// min length, document count, and three (tf, length) impacts.
  static let skipEntryLength = 48
  /// Bytes of one skip entry in a version 2 postings file (no impacts).
  static let skipEntryLengthVersion2 = 24
  /// Bytes of one skip entry in a version 1 postings file (no document count).
  static let skipEntryLengthVersion1 = 20
  /// Bytes of one term record in the terms file.
  static let termRecordLength = 36
  /// Raw bytes of documents gathered before a stored block is compressed.
  ///
  /// A hit decodes its whole block. 16 KB zlib blocks cost about 45 µs per
  /// hit, 8 KB ones half that; since stored files have a zstd dictionary
  /// (version 3), 4 KB blocks take less room than 8 KB ones did without it
  /// and decode in about 6 µs, and 2 KB ones cost 2 to 7 % more room than 4 KB
  /// for a tenth of a single-word query's time (docs/FORMAT.md). Readers
  /// take blocks of any size.
  static let storedBlockTarget = 2 * 1024
  /// Files at most this large are checksummed in full when a reader opens them.
  static let verifyOnOpenLimit = 256 * 1024
  /// The date column's value for a document without a date.
  static let missingDate = Int32.min
  static let lockFileName = "write.lock"
  static let manifestPrefix = "manifest-"
  static let pendingManifestPrefix = "pending-manifest-"
}

/// The kinds of file an index is made of.
enum FileKind: UInt8, CaseIterable, Sendable {
  case terms = 1, postings = 2, positions = 3, lengths = 4, columns = 5, stored = 6, ids = 7
  case deletions = 8, manifest = 9

  /// The file-name extension of a segment file.
  var fileExtension: String {
    switch self {
    case .terms: return "terms"
    case .postings: return "postings"
    case .positions: return "positions"
    case .lengths: return "lengths"
    case .columns: return "columns"
    case .stored: return "stored"
    case .ids: return "ids"
    case .deletions: return "del"
    case .manifest: return ""
    }
  }

  /// The seven files every segment has.
  static let segmentFiles: [FileKind] = [.terms, .postings, .positions, .lengths, .columns, .stored, .ids]

  static func segmentFileName(_ segment: String, _ kind: FileKind) -> String { "\(segment).\(kind.fileExtension)" }
  static func deletionFileName(_ segment: String, generation: Int) -> String { "\(segment)_\(generation).del" }
  static func manifestFileName(generation: Int) -> String { "\(SegmentFormat.manifestPrefix)\(generation)" }

  /// Whether `name` matches a pattern of a file this engine creates (only those are ever deleted).
  static func isEngineFile(_ name: String) -> Bool {
    if let generation = manifestGeneration(name) { return generation >= 0 }
    if name.hasPrefix(SegmentFormat.pendingManifestPrefix) { return true }
    guard name.hasPrefix("s"), let dot = name.firstIndex(of: ".") else { return false }
    let stem = name[name.index(after: name.startIndex)..<dot]
    let ext = name[name.index(after: dot)...]
    let digitsOK = stem.split(separator: "_", omittingEmptySubsequences: false).allSatisfy {
      !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber }
    }
    return digitsOK && FileKind.allCases.contains { $0 != .manifest && $0.fileExtension == ext }
  }

  /// The segment number N of an engine file `sN.ext` or `sN_G.del`, nil for other names.
  static func segmentNumber(_ name: String) -> Int? {
    guard isEngineFile(name), name.hasPrefix("s"), manifestGeneration(name) == nil,
          let dot = name.firstIndex(of: ".") else { return nil }
    let stem = name[name.index(after: name.startIndex)..<dot]
    return stem.split(separator: "_").first.flatMap { Int($0) }
  }

  /// The generation of a `manifest-G` file name, nil for other names.
  static func manifestGeneration(_ name: String) -> Int? {
    guard name.hasPrefix(SegmentFormat.manifestPrefix) else { return nil }
    let digits = name.dropFirst(SegmentFormat.manifestPrefix.count)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(digits)
  }
}
