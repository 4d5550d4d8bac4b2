import ArgumentParser
import TextAnalysis

/// `search analyze TEXT`: prints the tokens of a text, with positions, byte
/// offsets into the text as given, and kinds.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Show the tokens the analyzer makes of a text.",
    discussion: """
      Offsets are UTF-8 byte offsets into TEXT as given (before normalization). \
      Stop words leave gaps in the word positions; the bigram stream (--bigrams) \
      is what exact Chinese phrases are matched against. It reads no index.

      Examples:
        search analyze 益阳市赫山区ＣＯＤ超标
        search analyze '環境保護 PM2.5 扬尘' --bigrams
        search analyze 金源造纸有限公司 --lexicon none --json
      """)

  @Argument(help: ArgumentHelp("The text to analyze.", valueName: "TEXT"))
  var text: String

  @Flag(help: "Print one JSON object instead of a table.")
  var json = false

  @Option(help: ArgumentHelp(
    "Lexicon file (default: corpus/lexicon.txt when it exists; \"none\" for no lexicon).",
    valueName: "FILE"))
  var lexicon: String?

  @Flag(help: "Also print the bigram recall stream (--json output always has it).")
  var bigrams = false

  func run() throws {
    let analyzer = Analyzer(lexicon: try loadLexicon())
    let analysis = analyzer.analyze(text)
    if json {
      print(AnalyzeCommand.json(text: text, analysis: analysis))
    } else {
      print(AnalyzeCommand.table(analysis.words))
      if bigrams {
        print("")
        print("bigrams:")
        print(AnalyzeCommand.table(analysis.bigrams))
      }
    }
  }

  private func loadLexicon() throws -> Lexicon {
    if lexicon == "none" { return Lexicon() }
    let path = lexicon ?? "corpus/lexicon.txt"
    if lexicon == nil && !TextFile.exists(path) { return Lexicon() }
    return try Lexicon.load(path: path)  // a WordListError names file and line
  }

  /// One line per token: position, byte range, kind, text.
  static func table(_ tokens: [Token]) -> String {
    tokens.map { "\($0.position)\t\($0.utf8Range.lowerBound)..<\($0.utf8Range.upperBound)\t\($0.kind.rawValue)\t\($0.text)" }
      .joined(separator: "\n")
  }

  /// `{"text":…, "tokens":[{"text","position","start","end","kind"}], "bigrams":[…]}`.
  static func json(text: String, analysis: Analysis) -> String {
    func list(_ tokens: [Token]) -> JSONValue {
      .array(tokens.map { token in
        .object([
          ("text", .string(token.text)), ("position", .integer(token.position)),
          ("start", .integer(token.utf8Range.lowerBound)), ("end", .integer(token.utf8Range.upperBound)),
          ("kind", .string(token.kind.rawValue)),
        ])
      })
    }
    return JSONValue.object([
      ("text", .string(text)), ("tokens", list(analysis.words)), ("bigrams", list(analysis.bigrams)),
    ]).text
  }
}

/// File-system checks the CLI needs without Foundation.
private enum TextFile {
  static func exists(_ path: String) -> Bool {
    guard let file = fopen(path, "rb") else { return false }
    fclose(file)
    return true
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
