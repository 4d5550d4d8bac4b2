import Ingest

/// Verifies an index completely: every byte, every checksum, every cross-reference.
///
/// For the latest commit: the manifest; every file of every segment (header,
/// footer, CRC-32 of the whole file); deletion files; then per segment the
/// terms (strictly ascending, valid UTF-8), every postings list (documents
/// ascending and below maxDoc, count equal to the document frequency,
/// frequencies ≥ 1 and their maximum equal to the recorded one, skip entries
/// consistent), every position list (strictly ascending, one per
/// occurrence), per-document sums of frequencies equal to the stored field
/// lengths, every stored block (decompresses whole, zstd frames matching
/// their content checksum and zlib streams their Adler-32, documents decode, ids and
/// exact-match values and dates agree with the id map and the columns), the
/// id map (strictly ascending ids, a permutation of the documents) and the
/// columns (ordinals in range, values ascending). It never traps on any bytes.
public enum IndexChecker {
  /// Stop listing problems of one segment after this many.
  static let problemLimit = 50

  /// Checks the latest commit of the index at `path`, reading every byte of it; never throws.
  ///
  /// Every failure becomes a problem of the report, a missing or unlistable directory or one without a manifest
  /// included. A damaged manifest ends the check; a segment with a damaged file or deletion file gets no content
  /// checks, but the other segments are still checked.
  public static func check(path: String) -> CheckReport {
    var report = CheckReport()
    let generation: Int
    do {
      guard let latest = try Manifest.latestGeneration(directory: path) else {
        report.add(path, "no manifest: not an index")
        return report
      }
      generation = latest
    } catch {
      report.add(error, fallbackFile: path)
      return report
    }
    report.generation = generation
    let manifest: Manifest
    do {
      manifest = try Manifest.read(directory: path, generation: generation)
      report.filesChecked += 1
    } catch {
      report.add(error, fallbackFile: FileKind.manifestFileName(generation: generation))
      return report
    }
    report.segmentCount = manifest.segments.count
    var seenIDs: [ExactID: String] = [:]
    for entry in manifest.segments {
      checkSegment(path: path, entry: entry, report: &report, seenIDs: &seenIDs)
    }
    return report
  }

  private static func checkSegment(path: String, entry: Manifest.Segment, report: inout CheckReport,
                                   seenIDs: inout [ExactID: String])
  {
    let manifestName = report.generation.map { FileKind.manifestFileName(generation: $0) } ?? "the manifest"
    // Every file alone first, so one damaged file does not hide another.
    var framesOK = true
    for (index, kind) in FileKind.segmentFiles.enumerated() {
      let name = FileKind.segmentFileName(entry.name, kind)
      do {
        let file = try MappedFile(path: path + "/" + name)
        try file.verifyFrame(kind: kind, segment: entry.name, checksum: true)
        report.filesChecked += 1
        report.bytesChecked += file.count
        // A sound file that is not the one the commit recorded (another index's);
        // its content is still checked.
        if let recorded = entry.fileChecksums, index < recorded.count,
           let reason = SegmentStorage.checksumMismatch(file, recorded: recorded[index], manifest: manifestName) {
          report.add(name, reason)
        }
      } catch {
        framesOK = false
        report.add(error, fallbackFile: name)
      }
    }
    var deletions = DeletionSet(maxDoc: entry.maxDoc)
    if let file = entry.deletionFile {
      do {
        deletions = try DeletionSet.read(path: path + "/" + file, segment: entry.name, maxDoc: entry.maxDoc)
        report.filesChecked += 1
        if deletions.count != entry.deletedCount {
          report.add(file, "\(deletions.count) deletions, manifest says \(entry.deletedCount)")
        }
      } catch {
        report.add(error, fallbackFile: file)
        return
      }
    }
    guard framesOK else { return }
    let segment: SegmentReader
    do {
      let storage = try SegmentStorage(directory: path, name: entry.name, maxDoc: entry.maxDoc)
      segment = SegmentReader(storage: storage, deletions: deletions, deletionFile: entry.deletionFile)
    } catch {
      report.add(error, fallbackFile: entry.name)
      return
    }
    report.documentCount += segment.liveDocumentCount
    var problems = SegmentProblems(limit: problemLimit)
    let ids = checkIDs(segment, &problems)
    checkTerms(segment, &problems)
    checkStored(segment, ids: ids, &problems)
    for doc in 0..<segment.maxDoc where segment.isLive(doc) {
      guard Int(doc) < ids.count, let id = ids[Int(doc)] else { continue }
      if let other = seenIDs.updateValue(entry.name, forKey: ExactID(id)) {
        problems.add(segment.storage.ids.name, "id \"\(id)\" is live in segments \(other) and \(entry.name)")
      }
    }
    report.problems += problems.list
  }

  struct SegmentProblems {
    let limit: Int
    var list: [CheckReport.Problem] = []
    var full: Bool { list.count >= limit }
    mutating func add(_ file: String, _ message: String) {
      if list.count < limit { list.append(CheckReport.Problem(file: file, message: message)) }
    }
  }

  /// The id map: ascending ids, each document exactly once; returns the id of each document.
  private static func checkIDs(_ segment: SegmentReader, _ problems: inout SegmentProblems) -> [String?] {
    let file = segment.storage.ids.name
    var byDoc = [String?](repeating: nil, count: Int(segment.maxDoc))
    var previous: [UInt8]? = nil
    for i in 0..<Int(segment.maxDoc) {
      guard let (bytes, doc) = segment.idRecord(i) else {
        problems.add(file, "id record \(i) points outside the file")
        return byDoc
      }
      let current = Array(bytes)
      if let previous, !previous.lexicographicallyPrecedes(current) {
        problems.add(file, "id record \(i) is not in ascending order")
      }
      previous = current
      guard let id = String(validating: current, as: UTF8.self) else {
        problems.add(file, "id record \(i) is not UTF-8")
        continue
      }
      guard doc < segment.maxDoc, byDoc[Int(doc)] == nil else {
        problems.add(file, "id record \(i) names document \(doc) twice or beyond maxDoc \(segment.maxDoc)")
        continue
      }
      byDoc[Int(doc)] = id
    }
    return byDoc
  }

  /// Every term, postings list and position list; field lengths against frequency sums.
  private static func checkTerms(_ segment: SegmentReader, _ problems: inout SegmentProblems) {
    let termsFile = segment.storage.terms.name
    let postingsFile = segment.storage.postings.name
    for field in IndexedField.allCases {
      var sums = [UInt32](repeating: 0, count: Int(segment.maxDoc))
      var previous: [UInt8]? = nil
      for i in 0..<segment.termCount(field) {
        if problems.full { return }
        guard let term = segment.term(field, at: i), let info = segment.termInfo(field, at: i) else {
          problems.add(termsFile, "\(field.name) term \(i) is unreadable (bad offsets or UTF-8)")
          continue
        }
        let bytes = Array(term.utf8)
        if let previous, !previous.lexicographicallyPrecedes(bytes) {
          problems.add(termsFile, "\(field.name) term \(i) \"\(term)\" is not in ascending order")
        }
        previous = bytes
        var postings: PostingsIterator
        do {
          guard let opened = try segment.postings(field, at: i) else { continue }
          postings = opened
        } catch {
          problems.add(postingsFile, "\(field.name) \"\(term)\": \(error)")
          continue
        }
        var count = 0
        var maxTF: UInt32 = 0
        var minLength = UInt32.max
        var doc = postings.next()
        var uncovered = 0
        var beyondMaxima = 0
        while doc != PostingsIterator.exhausted {
          count += 1
          let tf = postings.termFrequency
          maxTF = max(maxTF, tf)
          let length = segment.fieldLength(field, doc)
          minLength = min(minLength, length)
          // Skipping trusts a block's impacts to cover each of its documents.
          if postings.blocks > 1, !postings.impacts(postings.currentBlock).covers(termFrequency: tf, fieldLength: length) {
            uncovered += 1
          }
          // And its recorded highest frequency and shortest field (which
          // bound phrases and the windows' maxima) to hold for each of them.
          if let maxima = postings.blockMaxima(from: doc, through: doc),
             tf > maxima.maxTermFrequency || length < maxima.minFieldLength {
            beyondMaxima += 1
          }
          let positions = postings.positions()
          if positions.count != Int(tf) {
            problems.add(segment.storage.positions.name, "\(field.name) \"\(term)\" doc \(doc): \(positions.count) positions, frequency \(tf)")
          } else if zip(positions, positions.dropFirst()).contains(where: { $0 >= $1 }) {
            problems.add(segment.storage.positions.name, "\(field.name) \"\(term)\" doc \(doc): positions not ascending")
          }
          sums[Int(doc)] &+= tf
          doc = postings.next()
        }
        if let error = postings.error { problems.add(postingsFile, "\(field.name) \"\(term)\": \(error)") }
        if uncovered > 0 {
          problems.add(postingsFile, "\(field.name) \"\(term)\": \(uncovered) documents above their block's impacts")
        }
        if beyondMaxima > 0 {
          problems.add(postingsFile,
                       "\(field.name) \"\(term)\": \(beyondMaxima) documents beyond their block's maximum frequency or minimum length")
        }
        if count != info.documentFrequency {
          problems.add(termsFile, "\(field.name) \"\(term)\": \(count) postings, document frequency \(info.documentFrequency)")
        }
        if count > 0 && (maxTF != info.maxTermFrequency || minLength != info.minFieldLength) {
          problems.add(termsFile, "\(field.name) \"\(term)\": recorded max frequency / min length disagree with postings")
        }
      }
      var total = 0
      for doc in 0..<segment.maxDoc {
        let length = segment.fieldLength(field, doc)
        total += Int(length)
        if sums[Int(doc)] != length {
          problems.add(segment.storage.lengths.name, "\(field.name) doc \(doc): length \(length), postings hold \(sums[Int(doc)])")
        }
      }
      if total != segment.totalFieldLength(field) {
        problems.add(termsFile, "\(field.name): total length \(segment.totalFieldLength(field)), lengths sum to \(total)")
      }
    }
  }

  /// Every stored block and document, against the id map, columns and dates.
  private static func checkStored(_ segment: SegmentReader, ids: [String?], _ problems: inout SegmentProblems) {
    let file = segment.storage.stored.name
    let columns = ExactColumn.allCases.map { segment.column($0) }
    for (c, column) in columns.enumerated() {
      if zip(column.values, column.values.dropFirst()).contains(where: { !$0.utf8.lexicographicallyPrecedes($1.utf8) }) {
        problems.add(segment.storage.columns.name, "column \(ExactColumn.allCases[c].name): values not ascending")
      }
    }
    var doc: UInt32 = 0
    for b in 0..<segment.storage.storedBlockCount {
      if problems.full { return }
      do {
        let (first, block) = try segment.storedBlock(at: b)
        guard first == doc else {
          problems.add(file, "block \(b) starts at document \(first), expected \(doc)")
          return
        }
        var r = ByteArrayReader(block, fileName: file)
        while r.offset < block.count {
          let length = Int(clamping: try r.readVarint())
          guard length <= block.count - r.offset else { throw r.corrupted("document length \(length) too large") }
          let document = try DocumentCodec.decode(Array(block[r.offset..<(r.offset + length)]), fileName: file)
          r.offset += length
          guard doc < segment.maxDoc else {
            problems.add(file, "more stored documents than maxDoc \(segment.maxDoc)")
            return
          }
          if document.id != ids[Int(doc)] { problems.add(file, "document \(doc) has id \"\(document.id)\" but the id map disagrees") }
          let values = [document.type, document.region, document.category, document.unit]
          for (c, value) in values.enumerated() where columns[c].value(doc) != value {
            problems.add(segment.storage.columns.name, "document \(doc) column \(ExactColumn.allCases[c].name) disagrees with the stored document")
          }
          if segment.date(doc) != document.date?.daysSinceEpoch {
            problems.add(segment.storage.columns.name, "document \(doc) date disagrees with the stored document")
          }
          doc += 1
        }
      } catch {
        problems.add(file, "block \(b): \(error)")
        return
      }
    }
    if doc != segment.maxDoc { problems.add(file, "\(doc) stored documents, maxDoc \(segment.maxDoc)") }
  }
}
