import ArgumentParser
import IndexStore
import QueryEngine

/// The one place where errors become messages on stderr and exit codes.
///
/// Exit status: 0 ok; 1 failed with nothing changed (bad query, damaged or
/// locked index, I/O error, `--strict` rejects); 2 finished, but some input
/// was rejected (the rest is committed), some ids to delete were unknown, a
/// search left out damaged segments (`--allow-partial`), or a `--queries`
/// line was a query error; 64 a usage error.
enum Failure {
  /// Runs a command body, turning every error into a message and a code.
  static func guarded(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Terminal.note(message(for: error))
      throw ExitCode(1)
    }
  }

  static func message(for error: Error) -> String {
    "error: " + description(of: error)
  }

  /// What went wrong, without the "error: " of the stderr line (for reports).
  static func description(of error: Error) -> String {
    switch error {
    case let error as QueryError: return "\(error.message) (column \(error.column))\n" + error.caretDiagram
    case let error as UsageError: return error.message
    default: return "\(error)"
    }
  }
}

/// A mistake in how the command was called, with the fix.
struct UsageError: Error {
  var message: String
}

/// The exit status of a batch that finished with rejected records.
let exitRejected = ExitCode(2)
/// The exit status of a search answered without the damaged segments it left out (`--allow-partial`).
let exitPartial = ExitCode(2)
