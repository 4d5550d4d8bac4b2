#!/usr/bin/env python3
"""Query latency per kind, measured inside the `search` process (took_ms).

Reads the peer harness's queries (../shared/bench: queries.jsonl with kinds
single, and, or, phrase, rare), writes them in the engine's syntax exactly as
the harness's CLI adapter does, and runs them through
`search query --queries FILE --json`. Two more kinds reuse
the single-word queries: with a date filter (--from) and with facets
(--facets). Totals are exact up to 10,000 (the CLI default) unless
--exact-total is given. Reports p50/p95/p99 per kind over the last passes: the first
pass warms the page cache and the process. As the harness does, the passes of a kind run
one after the other in one process (the queries repeated); --process-per-pass starts a
process per pass instead (each pass then pays the first touch of every page it maps,
as this script measured before 2026-11-29 23:00 UTC).

    python3 scripts/query-latency.py --search .build/release/search --index DIR \
        --queries /tmp/search-bench/queries/queries.jsonl --passes 3
"""
import argparse, json, statistics, subprocess, tempfile, os


def cli_text(q):
    op, terms = q["op"], q["terms"]
    if op in ("phrase", "rare"):
        return '"' + (q.get("surface") or "".join(terms)) + '"'
    if op == "and":
        return " ".join("+" + t for t in terms)
    if op == "or":
        return " OR ".join(terms)
    return terms[0] if len(terms) == 1 else '"' + (q.get("surface") or "".join(terms)) + '"'


def run(search, index, texts, extra):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(t.replace("\n", " ") for t in texts) + "\n")
        path = f.name
    try:
        run = subprocess.run([search, "query", "--index", index, "--queries", path, "--json", "--limit", "10"] + extra,
                             capture_output=True, text=True)
        if run.returncode not in (0, 2):  # 2: some line was a query error, answered as such
            raise subprocess.CalledProcessError(run.returncode, run.args, run.stdout, run.stderr)
        out = run.stdout
    finally:
        os.unlink(path)
    return [json.loads(line)["took_ms"] for line in out.splitlines() if line.strip()]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--search", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--no-synonyms", action="store_true")
    ap.add_argument("--exact-total", action="store_true", help="count every match (no skipping past 10,000)")
    ap.add_argument("--process-per-pass", action="store_true",
                    help="a new search process for each pass (cold mappings) instead of one for all passes")
    ap.add_argument("--like-peers", action="store_true",
                    help="ask only what the peer harness asks of tantivy: no count beyond the page "
                         "(--track-total-hits 0) and no snippets")
    a = ap.parse_args()
    queries = [json.loads(l) for l in open(a.queries, encoding="utf-8") if l.strip()]
    kinds = {}
    for q in queries:
        kinds.setdefault(q.get("kind", q["op"]), []).append(cli_text(q))
    runs = [(kind, texts, []) for kind, texts in kinds.items()]
    singles = kinds.get("single") or kinds.get("term") or []
    runs.append(("with filter", singles, ["--from", "2021-01-01"]))
    runs.append(("with facets", singles, ["--facets"]))
    base = (["--no-synonyms"] if a.no_synonyms else []) + (["--exact-total"] if a.exact_total else []) \
        + (["--track-total-hits", "0", "--no-snippets"] if a.like_peers else [])
    print("| kind | queries | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for kind, texts, extra in runs:
        times = []
        if a.process_per_pass:
            for p in range(a.passes):
                t = run(a.search, a.index, texts, extra + base)
                if p > 0 or a.passes == 1:
                    times += t
        else:
            t = run(a.search, a.index, texts * a.passes, extra + base)
            times = t[len(texts):] if a.passes > 1 else t
        print(f"| {kind} | {len(texts)} | {percentile(times, 50):.2f} | {percentile(times, 95):.2f} | {percentile(times, 99):.2f} |")


if __name__ == "__main__":
    main()
