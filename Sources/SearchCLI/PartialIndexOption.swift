import ArgumentParser

/// `--allow-partial`, which every searching command accepts: answer from the
/// segments that open when others are damaged, instead of refusing.
struct PartialIndexOption: ParsableArguments {
  @Flag(help: ArgumentHelp(
    "Leave out segments whose files are damaged or missing, with a warning for each, and answer from the rest "
      + "(exit status 2): partial answers until the index is rebuilt."))
  var allowPartial = false
}
