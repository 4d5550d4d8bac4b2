// Writes a realistic generated corpus as JSON Lines, for benchmarks.
//
//   swift run -c release CorpusGenerator --count 100000 --seed 42 --output /tmp/corpus-100k.jsonl
//
// Deterministic: document i depends only on (seed, i), so smaller corpora are prefixes of larger ones.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a message to standard error.
func complain(_ message: String) {
  let bytes = Array((message + "\n").utf8)
  _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func usage() -> Never {
  complain("usage: CorpusGenerator --count N [--seed S] [--output FILE]  (FILE defaults to standard output)")
  exit(64)
}

var count = 1000
var seed: UInt64 = 42
var output: String? = nil
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
  guard let value = arguments.popFirst() else { usage() }
  switch flag {
  case "--count": guard let v = Int(value), v >= 0 else { usage() }; count = v
  case "--seed": guard let v = UInt64(value) else { usage() }; seed = v
  case "--output": output = value
  default: usage()
  }
}

let descriptor = output.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) } ?? 1
guard descriptor >= 0 else {
  complain("CorpusGenerator: cannot open \(output ?? "-"): \(String(cString: strerror(errno)))")
  exit(1)
}
let composer = DocumentComposer(seed: seed)
var buffer: [UInt8] = []
buffer.reserveCapacity(8 << 20)
var written = 0
for index in 0..<count {
  composer.append(index: index, to: &buffer)
  if buffer.count >= 4 << 20 || index == count - 1 {
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
      guard n > 0 else {
        complain("CorpusGenerator: write failed: \(String(cString: strerror(errno)))")
        exit(1)
      }
      offset += n
    }
    written += offset
    buffer.removeAll(keepingCapacity: true)
  }
}
if output != nil { close(descriptor) }
complain("CorpusGenerator: \(count) documents, \(written) bytes")
