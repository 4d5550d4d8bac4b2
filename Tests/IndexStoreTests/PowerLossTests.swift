#if DEBUG
#if canImport(Glibc)
import Glibc
#endif
import IndexStore
import Ingest
import Testing
import TextAnalysis

/// RELIABILITY.md R2: a power failure at any point of a writer's work.
///
/// A writer makes a run of commits (adds, replacements, deletions, flushes
/// in the middle of a batch, merges, a reopen) while the file system
/// operations it asks for in its directory are recorded (`FileJournal`).
/// Each trial then picks the moment of the failure and builds the directory
/// a disk could hold afterwards, assuming no more than POSIX promises: a
/// file's bytes are durable once it was fsynced, and before that may be
/// lost, cut short, zeroed from a page on or garbage; a name created, renamed or removed is
/// durable once its directory was fsynced, and before that each such change
/// may or may not have reached the disk, independently of the others.
///
/// The index there must open at the last commit whose manifest's rename a
/// directory fsync covered, or at the one after it if that one's rename
/// happened to survive, holding exactly that commit's documents; it must
/// check clean, and a new writer must commit on it. Before the first
/// durable commit it may also hold no commit at all ("no index"), which a
/// new writer must then start afresh. `POWER_TRIALS` sets the
/// number of failures (1,000), `SEED` the run and the failures.
@Suite struct PowerLossTests {
  /// A file as the disk may hold it after the failure.
  struct Inode {
    /// The bytes of its last fsync before the failure, if any.
    var synced: [UInt8]?
    /// The bytes its next fsync (after the failure) recorded, if any: what was being written.
    var eventual: [UInt8]?
  }

  @Test func everyPowerFailureLeavesTheLastDurableCommitOrTheNext() throws {
    let seed = testSeed(2_611_302)
    let trials = environmentInt("POWER_TRIALS", 1000)
    print("PowerLossTests seed \(seed) (reproduce with SEED=\(seed)), \(trials) failures")
    var rng = SeededGenerator(seed: seed)
    let root = makeTemporaryDirectory("power")
    defer { removeTree(root) }
    let path = root + "/index"
    #expect(mkdir(path, 0o700) == 0)

    // The recorded run: the documents of each commit by generation.
    var commits: [Int: [String: Document]] = [:]
    FileJournal.start(path)
    var options = IndexWriterOptions()
    options.mergePolicy = MergePolicy(mergeFactor: 3, minimumSegmentDocuments: 5)
    options.memoryBudgetBytes = 48 << 10  // flushes in the middle of a batch
    options.analysisBatchSize = 8
    var writer = try IndexWriter(path: path, analyzer: Analyzer(), options: options)
    var model: [String: Document] = [:]
    var nextID = 0
    for batch in 0..<9 {
      for _ in 0..<Int.random(in: 10...40, using: &rng) {
        let id: String
        if !model.isEmpty && Int.random(in: 0..<4, using: &rng) == 0 {
          id = model.keys.sorted().randomElement(using: &rng) ?? "p0"
        } else {
          id = "p\(nextID)"
          nextID += 1
        }
        let document = ChineseCorpus.document(id: id, using: &rng)
        _ = try writer.add(document)
        model[id] = document
      }
      for id in model.keys.sorted() where Int.random(in: 0..<12, using: &rng) == 0 {
        _ = try writer.delete(id: id)
        model[id] = nil
      }
      let info = batch == 6 ? try writer.forceMerge(maxSegments: 1) : try writer.commit()
      commits[info.generation] = model
      if batch == 4 {  // a new writer, which collects at open
        writer.close()
        writer = try IndexWriter(path: path, analyzer: Analyzer(), options: options)
      }
    }
    writer.close()
    let operations = FileJournal.stop(path)
    try #require(operations.count > 100, "the run recorded \(operations.count) operations")
    // Where each commit's manifest was renamed into place.
    var renamedAt: [Int: Int] = [:]
    for (index, operation) in operations.enumerated() {
      if case .renamed(_, let to) = operation, to.hasPrefix("manifest-"), let generation = Int(to.dropFirst(9)) {
        renamedAt[generation] = index
      }
    }
    try #require(renamedAt.count == commits.count)

    var openedAt: [String: Int] = [:]
    for trial in 0..<trials {
      let moment = Int.random(in: 0...operations.count, using: &rng)
      let files = simulate(operations, failingAt: moment, using: &rng)
      let lastSync = operations[..<moment].lastIndex(of: .directorySynced) ?? -1
      let durable = renamedAt.filter { $0.value < lastSync }.keys.max() ?? 0
      let next = renamedAt[durable + 1].map { $0 < moment } == true ? durable + 1 : durable

      let directory = makeTemporaryDirectory("power-trial")
      defer { removeTree(directory) }
      for (name, bytes) in files { try writeFile(directory + "/" + name, bytes) }
      let label = "trial \(trial) (seed \(seed)), failure after \(moment) of \(operations.count) operations"
      let reader: IndexReader
      do {
        reader = try IndexReader.open(path: directory)
      } catch {
        // Only "no commit yet" is acceptable, and a writer must then start the index afresh.
        #expect(durable == 0 && error as? IndexError == .notFound(path: directory),
                "\(label): \(error), durable commit \(durable)")
        openedAt["none", default: 0] += 1
        let writer = try IndexWriter(path: directory, analyzer: Analyzer())
        _ = try writer.add(Document(id: "after-power-loss", body: "断电之后继续写入。"))
        #expect(try writer.commit().documentCount == 1, "\(label)")
        writer.close()
        continue
      }
      let generation = reader.generation
      openedAt[generation == durable ? "durable" : "next", default: 0] += 1
      #expect(generation == durable || generation == next,
              "\(label): opened commit \(generation), durable \(durable), next \(next)")
      var found: [String: Document] = [:]
      try reader.forEachDocument { found[$0.id] = $0 }
      let matches = found == commits[generation]
      #expect(matches, "\(label): \(found.count) documents, not the \(commits[generation]?.count ?? -1) of commit \(generation)")
      let report = IndexChecker.check(path: directory)
      #expect(report.isClean, "\(label): \(report)")
      // A writer takes over (collecting what the failure left) and commits.
      let writer = try IndexWriter(path: directory, analyzer: Analyzer())
      _ = try writer.add(Document(id: "after-power-loss", body: "断电之后继续写入。"))
      let info = try writer.commit()
      writer.close()
      #expect(info.documentCount == found.count + 1, "\(label)")
    }
    print("PowerLossTests: \(operations.count) operations recorded, \(commits.count) commits; opened at: \(openedAt.sorted { $0.key < $1.key })")
  }

  /// The files a disk may hold after a failure once `operations[..<moment]` were made.
  func simulate(_ operations: [FileJournal.Operation], failingAt moment: Int,
                using rng: inout SeededGenerator) -> [String: [UInt8]] {
    var inodes: [Inode] = []
    var current: [String: Int] = [:]  // every operation so far applied
    var durable: [String: Int] = [:]  // as of the last directory fsync
    var pending: [(FileJournal.Operation, inode: Int)] = []  // name operations since then
    for operation in operations[..<moment] {
      switch operation {
      case .created(let name):
        inodes.append(Inode(synced: nil, eventual: nil))
        current[name] = inodes.count - 1
        pending.append((operation, inodes.count - 1))
      case .synced(let name, let bytes):
        if let inode = current[name] { inodes[inode].synced = bytes }
      case .renamed(let from, let to):
        current[to] = current[from]
        current[from] = nil
        pending.append((operation, -1))
      case .removed(let name):
        current[name] = nil
        pending.append((operation, -1))
      case .directorySynced:
        durable = current
        pending = []
      }
    }
    // What the files being written would have become (the bytes of their next fsync).
    var names = current
    for operation in operations[moment...] {
      switch operation {
      case .synced(let name, let bytes):
        if let inode = names[name], inodes[inode].synced == nil, inodes[inode].eventual == nil {
          inodes[inode].eventual = bytes
        }
      case .renamed(let from, let to):
        names[to] = names[from]
        names[from] = nil
      case .removed(let name): names[name] = nil
      case .created(let name): names[name] = nil
      case .directorySynced: break
      }
    }
    // Each name operation since the last directory fsync reached the disk or not.
    var disk = durable
    for (operation, inode) in pending {
      let survives = Bool.random(using: &rng)
      switch operation {
      case .created(let name):
        if survives { disk[name] = inode }
      case .renamed(let from, let to):
        if survives, let inode = disk[from] {
          disk[to] = inode
          disk[from] = nil
        }
      case .removed(let name):
        if survives { disk[name] = nil }
      default: break
      }
    }
    // A file never fsynced holds nothing, part of what was being written, or garbage.
    var files: [String: [UInt8]] = [:]
    for (name, inode) in disk {
      if let synced = inodes[inode].synced {
        files[name] = synced
        continue
      }
      let eventual = inodes[inode].eventual ?? []
      switch Int.random(in: 0..<5, using: &rng) {
      case 0: files[name] = []
      case 4:  // its full length, zeros from a random page on (blocks allocated, never written)
        var bytes = eventual
        if !bytes.isEmpty {
          for i in (Int.random(in: 0..<bytes.count, using: &rng) / 4096 * 4096)..<bytes.count { bytes[i] = 0 }
        }
        files[name] = bytes
      case 1: files[name] = Array(eventual.prefix(Int.random(in: 0...eventual.count, using: &rng)))
      case 2: files[name] = (0..<Int.random(in: 1...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      default:  // all of it written, one sector of it garbage
        var bytes = eventual
        if !bytes.isEmpty {
          let start = Int.random(in: 0..<bytes.count, using: &rng) / 512 * 512
          for i in start..<min(bytes.count, start + 512) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        }
        files[name] = bytes
      }
    }
    return files
  }

  func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    try #require(fd >= 0, "cannot create \(path)")
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    try #require(written == bytes.count, "short write to \(path)")
  }
}
#endif
