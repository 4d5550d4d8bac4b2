#!/usr/bin/env python3
"""Render docs/search.1, the man page of the `search` command, from the help
the binary itself dumps (`search --experimental-dump-help`).

ArgumentParser's own `swift package generate-manual` plugin drops every
non-ASCII character, so its page lost all the Chinese examples; it also showed
no option defaults and no exit statuses. This script writes a classic man(7)
page instead: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS (one subsection
per command and subcommand, recursively, with its abstract, its discussion with
the examples kept line for line, its usage, arguments and options with
"(default: X)"), EXIT STATUS, ENVIRONMENT, FILES and SEE ALSO. The `help`
subcommand and anything marked hidden are left out. Every non-ASCII character
is written as the groff escape \\[uXXXX], so the page is pure ASCII and renders
on any man(1) (groff or mandoc) with a UTF-8 terminal.

Run from the repository root after a release build:

    swift build -c release --product search
    python3 scripts/make-manual.py --search .build/release/search > docs/search.1
    python3 scripts/make-manual.py --output docs/search.1 --date 2026-11-30

--search defaults to .build/release/search in this repository, --date (the
page's date line) to today, --output to standard output. Look at the result
with `man -l docs/search.1`; `groff -man -Tutf8 -ww -z docs/search.1` should
print nothing (without -Tutf8 groff formats for PostScript, whose fonts have no
Chinese glyphs, and warns "can't find special character" once for each).
Python 3 standard library only.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The sections that are not in the help dump. Plain text; escaped like the rest.
EXIT_STATUS = [
    ("0", "Success."),
    ("1", "Failed with nothing changed (a bad query, a damaged or locked index, "
          "a missing index, an I/O error, or a --strict batch with rejects); with "
          "--commit-every, the commits made before the failure stay."),
    ("2", "Finished, but some input was rejected or some ids to delete were "
          "unknown (the rest is committed), a search answered without the "
          "damaged segments --allow-partial left out, or a --queries line was a "
          "query error (each line is answered)."),
    ("64", "The command line itself is wrong (an unknown option, or a missing "
           "or invalid option value)."),
]

ENVIRONMENT = [
    ("NO_COLOR", "When set, no colour even on a terminal; matched words in "
                 "snippets are then marked \u3010like this\u3011. Without a "
                 "terminal there is never colour."),
]

FILES = [
    ("index/", "The default index directory (--index), relative to the current "
               "directory. With no index yet, the first query (or recurring, unit, "
               "similar, trends) builds it from corpus/ and says so on standard "
               "error; another --index directory that does not exist is an error."),
    ("corpus/", "The default input of search index build, and of that first build."),
    ("corpus/lexicon.txt", "The domain lexicon used when building, when present "
                           "(--lexicon, --no-lexicon); it is stored in the index."),
    ("corpus/synonyms.txt", "The domain synonyms used at query time, when present "
                            "(--synonyms, --no-synonyms)."),
    ("corpus/units.txt", "The unit registry, when present (--units): a unit's "
                         "names match each other."),
    ("corpus/regions.txt", "The region hierarchy, when present (--regions): a "
                           "county includes its towns."),
]

SEE_ALSO = [
    ("docs/CLI.md", "the command-line reference, with the JSON output"),
    ("docs/FORMAT.md", "the on-disk index format"),
    ("docs/RANKING.md", "matching and ranking"),
    ("docs/WORKFLOWS.md", "analyst and reviewer workflows (recurring, unit, similar, trends)"),
]


# --- roff escaping -----------------------------------------------------------

def escape_char(c):
    if c == "\\":
        return "\\e"
    if ord(c) > 0x7F:
        return "\\[u%04X]" % ord(c)
    if c == "\t":
        return " "
    if ord(c) < 0x20 or ord(c) == 0x7F:
        return ""
    return c


def escape_code(s):
    """Literal text: every hyphen is a minus (\\-), so it copies as ASCII '-'."""
    return "".join("\\-" if c == "-" else escape_char(c) for c in s)


PROSE_WORD = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)+$")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'][.!?])\s+(?=[A-Z0-9\"'(\u201c])")
CODE_LIKE = re.compile(r"[:/_=@]|\w\.\w")
PUNCT = "()[]{}\"'`.,;:!?\u201c\u201d\u2018\u2019\u2026"


def escape_token(tok):
    """One whitespace-free token of prose. Hyphens inside an ordinary word
    (full-text) stay hyphens; in anything else (--index, -word, 2020-01-01,
    YYYY-MM-DD, utf-8) they are minus signs, and the token is kept from being
    hyphenated with \\%."""
    core = tok.strip(PUNCT)
    if "-" not in tok:
        plain = "".join(escape_char(c) for c in tok)
        return "\\%" + plain if CODE_LIKE.search(core) else plain
    if PROSE_WORD.match(core) and any(c.islower() for c in core) and not tok.lstrip(PUNCT).startswith("-"):
        return "".join(escape_char(c) for c in tok)
    return "\\%" + escape_code(tok)


def escape_prose(s):
    """Running text: `code` spans become bold; the rest is escaped per token."""
    out = []
    for i, part in enumerate(re.split(r"`([^`]+)`", s)):
        if i % 2:
            out.append("\\fB" + escape_code(part) + "\\fR")
        else:
            out.append("".join(escape_token(t) if t.strip() else t
                               for t in re.split(r"(\s+)", part)))
    return "".join(out)


def text_line(s):
    """A roff text line: never starts with a control character or a space."""
    s = s.rstrip()
    if s.startswith((".", "'")):
        s = "\\&" + s
    return s


def macro_arg(s):
    """One escaped argument of a macro line."""
    s = s.replace('"', "\\(dq")
    return '"%s"' % s if (" " in s or not s) else s


# --- the page ----------------------------------------------------------------

class Page:
    def __init__(self):
        self.lines = []
        self.after_heading = False

    def raw(self, line):
        self.lines.append(line)
        self.after_heading = line.startswith((".SH", ".SS"))

    def text(self, line):
        self.raw(text_line(line))

    def prose(self, s, width=78):
        """Running text, one sentence per line and wrapped at spaces, so that
        groff spaces sentences right and no input line is overlong."""
        for sentence in SENTENCE_END.split(" ".join(s.split())):
            line = ""
            for word in escape_prose(sentence).split(" "):
                if line and len(line) + 1 + len(word) > width:
                    # A break inside a sentence: a final '.' there is no full stop.
                    self.text(line + ("\\&" if line.endswith(".") else ""))
                    line = word
                else:
                    line = line + " " + word if line else word
            if line:
                self.text(line)

    def para(self):
        if not self.after_heading:
            self.raw(".PP")

    def section(self, name):
        self.raw(".SH " + macro_arg(name))

    def subsection(self, name):
        self.raw(".SS " + macro_arg(name))

    def item(self, tag):
        self.raw(".TP")
        self.text(tag)

    def discussion(self, text, inside_item=False):
        """Paragraphs split at blank lines; within one, indented lines (the
        examples) are kept verbatim, line for line, and the rest is filled."""
        if not text:
            return
        for para in re.split(r"\n[ \t]*\n", text.strip("\n")):
            lines = para.split("\n")
            i = 0
            while i < len(lines):
                verbatim = lines[i][:1] in (" ", "\t")
                j = i
                while j < len(lines) and (lines[j][:1] in (" ", "\t")) == verbatim:
                    j += 1
                block = lines[i:j]
                if verbatim:
                    indent = min(len(l) - len(l.lstrip()) for l in block if l.strip())
                    self.raw(".RS 4" if not inside_item else ".RS")
                    self.raw(".nf")
                    for l in block:
                        self.text(escape_code(l[indent:]) if l.strip() else "")
                    self.raw(".fi")
                    self.raw(".RE")
                else:
                    if i == 0:
                        if inside_item:
                            self.raw(".IP")
                        else:
                            self.para()
                    self.prose(" ".join(block))
                i = j


def is_standard(arg):
    """--help and --version: every command has them; shown once, at the top."""
    return arg.get("kind") == "flag" and arg.get("preferredName", {}).get("name") in ("help", "version")


def visible_args(cmd, standard=False):
    return [a for a in cmd.get("arguments", [])
            if a.get("shouldDisplay", True) and (standard or not is_standard(a))]


def visible_subcommands(cmd):
    return [s for s in cmd.get("subcommands", [])
            if s.get("shouldDisplay", True) and s.get("commandName") != "help"]


def name_str(n):
    dashes = {"short": "-", "long": "--", "longWithSingleDash": "-"}[n["kind"]]
    return "\\fB" + escape_code(dashes + n["name"]) + "\\fR"


def value_str(a):
    return "\\fI" + escape_code(a.get("valueName") or "value") + "\\fR"


def usage_element(a):
    """One element of a usage line, with unbreakable spaces inside it."""
    if a["kind"] == "positional":
        s = value_str(a) + ("\\ ..." if a.get("isRepeating") else "")
    else:
        s = name_str(a.get("preferredName") or a["names"][0])
        if a["kind"] == "option":
            s += "\\ " + value_str(a)
        if a.get("isRepeating"):
            s += "\\ ..."
    s = "[" + s + "]" if a.get("isOptional") else s
    return s + "\\&"  # "...]" at the end of a line is not the end of a sentence


def argument_item(page, a):
    if a["kind"] == "positional":
        tag = value_str(a) + (" ..." if a.get("isRepeating") else "")
    else:
        tag = ", ".join(name_str(n) for n in a.get("names", []))
        if a["kind"] == "option":
            tag += " " + value_str(a) + (" ..." if a.get("isRepeating") else "")
    page.item(tag)
    body = a.get("abstract") or ""
    if a.get("defaultValue") is not None:
        body += (" " if body else "") + "(default: " + a["defaultValue"] + ")"
    page.prose(body)
    page.discussion(a.get("discussion"), inside_item=True)


def synopsis(page, path, cmd, default_sub=None, full=False):
    """A .SY block: the command path, then its arguments."""
    page.raw(".SY " + macro_arg(escape_code(" ".join(path))))
    subs = visible_subcommands(cmd)
    args = visible_args(cmd)
    if subs:
        names = "|".join("\\fB" + escape_code(s["commandName"]) + "\\fR" for s in subs)
        if default_sub:
            default = next(s for s in subs if s["commandName"] == default_sub)
            page.text("[\\fB" + escape_code(default_sub) + "\\fR]")
            args = visible_args(default)
            full = False
        else:
            page.text(names)
            page.text("\\&...")
            page.raw(".YS")
            return
    options = [a for a in args if a["kind"] != "positional"]
    if full:
        for a in args:
            page.text(usage_element(a))
    else:
        if options:
            page.text("[\\fIoptions\\fR]")
        for a in args:
            if a["kind"] == "positional":
                page.text(usage_element(a))
    page.raw(".YS")


def leaf_paths(cmd, path):
    subs = visible_subcommands(cmd)
    if not subs:
        yield path, cmd
    for s in subs:
        yield from leaf_paths(s, path + [s["commandName"]])


def command_section(page, cmd, path, root_name, default_sub):
    title = " ".join(path)
    page.subsection(escape_code(title))
    page.prose(cmd.get("abstract") or "")
    if default_sub:
        page.para()
        page.text("The default command:")
        page.text("\\fB" + escape_code(root_name) + "\\fR \\fIwords\\fR ...\\&")
        page.text("is \\fB" + escape_code(title) + "\\fR \\fIwords\\fR ...")
    page.discussion(cmd.get("discussion"))
    subs = visible_subcommands(cmd)
    if subs:
        page.para()
        page.text("Subcommands:")
        for s in subs:
            page.item("\\fB" + escape_code(s["commandName"]) + "\\fR")
            page.prose(s.get("abstract") or "")
        for s in subs:
            command_section(page, s, path + [s["commandName"]], root_name, None)
        return
    page.para()
    page.text("Usage:")
    synopsis(page, path, cmd, full=True)
    args = visible_args(cmd)
    positionals = [a for a in args if a["kind"] == "positional"]
    options = [a for a in args if a["kind"] != "positional"]
    if positionals:
        page.para()
        page.text("Arguments:")
        for a in positionals:
            argument_item(page, a)
    if options:
        page.para()
        page.text("Options:")
        for a in options:
            argument_item(page, a)


def render(dump, date, version):
    root = dump["command"]
    name = root["commandName"]
    default_sub = root.get("defaultSubcommand")
    page = Page()
    page.raw('.\\" Generated by scripts/make-manual.py from `%s --experimental-dump-help`; do not edit.' % name)
    page.raw('.\\" Regenerate: swift build -c release --product search && '
             'python3 scripts/make-manual.py --output docs/search.1')
    page.raw(".TH %s 1 %s %s %s" % (
        name.upper(), date, macro_arg(escape_code(" ".join(filter(None, [name, version])))),
        macro_arg("User Commands")))

    page.section("NAME")
    page.text(escape_code(name) + " \\- " + escape_prose((root.get("abstract") or "").rstrip(".")))

    page.section("SYNOPSIS")
    synopsis(page, [name], root, default_sub=default_sub)
    for path, cmd in leaf_paths(root, [name]):
        synopsis(page, path, cmd)
    for a in visible_args(root, standard=True):
        if is_standard(a):
            page.raw(".SY " + macro_arg(escape_code(name)))
            if a["preferredName"]["name"] == "help":
                page.text("[\\fIcommand\\fR\\ ...]\\&")
            page.text(" | ".join(name_str(n) for n in a["names"]))
            page.raw(".YS")

    page.section("DESCRIPTION")
    page.prose(root.get("abstract") or "")
    page.discussion(root.get("discussion"))
    page.para()
    page.text("\\fB%s help\\fR \\fIcommand\\fR ...\\& or" % name)
    page.text("\\fB%s\\fR \\fIcommand\\fR ... \\fB\\-\\-help\\fR" % name)
    page.text("shows the help of one command; this page collects all of it.")

    page.section("OPTIONS")
    page.text("Every command takes these:")
    for a in visible_args(root, standard=True):
        if is_standard(a):
            argument_item(page, a)
    others = [a for a in visible_args(root) if a["kind"] != "positional"]
    for a in others:
        argument_item(page, a)
    page.para()
    page.text("The options of each command follow under COMMANDS.")
    page.text("A value that starts with \\- (such as a query \\-word) must come after \\fB\\-\\-\\fR.")

    page.section("COMMANDS")
    for s in visible_subcommands(root):
        command_section(page, s, [name, s["commandName"]], name,
                        s["commandName"] if s["commandName"] == default_sub else None)

    page.section("EXIT STATUS")
    for code, text in EXIT_STATUS:
        page.item("\\fB" + code + "\\fR")
        page.prose(text)

    page.section("ENVIRONMENT")
    for var, text in ENVIRONMENT:
        page.item("\\fB" + escape_code(var) + "\\fR")
        page.prose(text)

    page.section("FILES")
    for path, text in FILES:
        page.item("\\fI" + escape_code(path) + "\\fR")
        page.prose(text)

    page.section("SEE ALSO")
    page.text("In the repository:")
    for path, text in SEE_ALSO:
        page.item("\\fI" + escape_code(path) + "\\fR")
        page.prose(text)

    out = "\n".join(page.lines) + "\n"
    bad = [c for c in out if ord(c) > 0x7F]
    assert not bad, "non-ASCII left in the page: %r" % bad[:5]
    return out


def main():
    ap = argparse.ArgumentParser(
        description="Render the search man page (man(7), pure ASCII) from `search --experimental-dump-help`.")
    ap.add_argument("--search", default=os.path.join(REPO, ".build", "release", "search"),
                    help="the search binary (default: .build/release/search in this repository)")
    ap.add_argument("--dump", metavar="FILE",
                    help="read the help dump (JSON) from FILE instead of running the binary")
    ap.add_argument("--date", default=datetime.date.today().isoformat(),
                    help="the page's date, YYYY-MM-DD (default: today, %(default)s)")
    ap.add_argument("--page-version", dest="version_string", metavar="TEXT",
                    help="the version in the page footer (default: what `search --version` prints)")
    ap.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    args = ap.parse_args()

    try:
        datetime.date.fromisoformat(args.date)
    except ValueError:
        ap.error("--date must be YYYY-MM-DD, not %r" % args.date)

    try:
        if args.dump:
            with open(args.dump, encoding="utf-8") as f:
                raw = f.read()
        else:
            raw = subprocess.run([args.search, "--experimental-dump-help"], check=True,
                                 stdout=subprocess.PIPE).stdout.decode("utf-8")
        dump = json.loads(raw)
        version = args.version_string
        if version is None and not args.dump:
            version = subprocess.run([args.search, "--version"], check=True,
                                     stdout=subprocess.PIPE).stdout.decode("utf-8").strip()
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        sys.exit("make-manual: cannot get the help dump: %s" % e)
    if dump.get("serializationVersion", 0) != 0:
        print("make-manual: warning: help dump serializationVersion %r (written for 0)"
              % dump.get("serializationVersion"), file=sys.stderr)

    page = render(dump, args.date, version)
    if args.output:
        with open(args.output, "w", encoding="ascii", newline="\n") as f:
            f.write(page)
    else:
        sys.stdout.write(page)


if __name__ == "__main__":
    main()
