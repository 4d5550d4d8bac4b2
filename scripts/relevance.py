#!/usr/bin/env python3
"""Relevance and synonym-latency measurements over the judged query set.

The judged queries are Tests/Fixtures/relevance/judgments.jsonl (see
docs/RELEVANCE.md). This script feeds them to the `search` executable in
`--queries` mode and scores what comes back; it never changes the judgments.

  # nDCG@10 and recall@100 per kind, synonyms on and off (Markdown table)
  python3 scripts/relevance.py quality --search .build/release/search

  # every query with its figures and the judged documents the engine missed
  python3 scripts/relevance.py quality --search .build/release/search --per-query

  # after a deliberate ranking change: record new floors for the Swift test
  python3 scripts/relevance.py quality --search .build/release/search --write-floors

  # median per-query time (took_ms) with and without expansion, 9 repetitions
  python3 scripts/relevance.py latency --search .build/release/search --repeat 9

Both need an index of corpus/ (`search index build`, default folder index/).

Metrics (the same definitions as Tests/QueryEngineTests/Relevance):
  DCG@10   = sum over ranks i = 1..10 of (2^grade - 1) / log2(i + 1)
  nDCG@10  = DCG@10 / DCG@10 of the ideal order of the judged grades
  recall@100 = judged documents in the first 100 hits / min(judged, 100)
Unjudged documents have grade 0. A kind's figure is the mean over its queries.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JUDGMENTS = os.path.join(ROOT, "Tests", "Fixtures", "relevance", "judgments.jsonl")
KINDS = ["full_name", "short_name", "synonym", "location_problem", "phrase", "case_number", "traditional", "mixed"]


def load_judgments(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def dcg(grades):
    return sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranked, relevant, k=10):
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(doc, 0) for doc in ranked[:k]]) / ideal


def recall_at(ranked, relevant, k=100):
    if not relevant:
        return 0.0
    found = sum(1 for doc in ranked[:k] if doc in relevant)
    return found / min(len(relevant), k)


def run_queries(search, index, queries, synonyms, limit):
    """Runs every query once through `search query --queries FILE --json`; returns the JSON lines."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("".join(query + "\n" for query in queries))
        path = handle.name
    try:
        command = [search, "query", "--queries", path, "--json", "--limit", str(limit), "--index", index]
        if not synonyms:
            command.append("--no-synonyms")
        run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if run.returncode not in (0, 2):  # 2: some line was a query error, answered as such
            raise subprocess.CalledProcessError(run.returncode, command, run.stdout, run.stderr)
        output = run.stdout
    finally:
        os.unlink(path)
    results = [json.loads(line) for line in output.splitlines() if line.strip()]
    if len(results) != len(queries):
        sys.exit(f"expected {len(queries)} result lines, got {len(results)}")
    return results


def score(judgments, results):
    rows = []
    for judged, result in zip(judgments, results):
        if "error" in result:
            sys.exit(f"query {judged['query']!r} did not parse: {result['error']}")
        ranked = [hit["id"] for hit in result["hits"]]
        rows.append({"query": judged["query"], "kind": judged["kind"], "ranked": ranked,
                     "relevant": judged["relevant"],
                     "ndcg": ndcg_at(ranked, judged["relevant"]), "recall": recall_at(ranked, judged["relevant"])})
    return rows


def by_kind(rows):
    table = {}
    for kind in KINDS + ["all"]:
        chosen = [row for row in rows if kind == "all" or row["kind"] == kind]
        if chosen:
            table[kind] = (len(chosen), statistics.mean(r["ndcg"] for r in chosen),
                           statistics.mean(r["recall"] for r in chosen))
    return table


def quality(args):
    judgments = load_judgments(args.judgments)
    queries = [j["query"] for j in judgments]
    on = score(judgments, run_queries(args.search, args.index, queries, True, 100))
    off = score(judgments, run_queries(args.search, args.index, queries, False, 100))
    on_table, off_table = by_kind(on), by_kind(off)
    print("| kind | queries | nDCG@10 (synonyms on) | nDCG@10 (off) | recall@100 (on) | recall@100 (off) |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, (count, ndcg, recall) in on_table.items():
        _, ndcg_off, recall_off = off_table[kind]
        name = f"**{kind}**" if kind == "all" else kind
        print(f"| {name} | {count} | {ndcg:.3f} | {ndcg_off:.3f} | {recall:.3f} | {recall_off:.3f} |")
    if args.write_floors:
        write_floors(on_table, off_table)
    if args.per_query:
        print()
        for row, row_off in zip(on, off):
            missing = [doc for doc, grade in sorted(row["relevant"].items(), key=lambda item: -item[1])
                       if doc not in row["ranked"][:100]]
            print(f"{row['kind']:16} {row['query']:24} nDCG@10 {row['ndcg']:.3f} (off {row_off['ndcg']:.3f})"
                  f"  recall@100 {row['recall']:.3f} (off {row_off['recall']:.3f})"
                  f"  judged {len(row['relevant'])}, missed {len(missing)}: {' '.join(missing[:6])}")
            if args.per_query > 1:
                top = [f"{doc}:{row['relevant'].get(doc, 0)}" for doc in row["ranked"][:10]]
                print("    top10 " + " ".join(top))


def write_floors(on_table, off_table):
    """Records floors 0.02 below the measured figures (rounded down to 0.01) for the Swift test."""
    def floor(value):
        return max(0.0, math.floor(round((value - 0.02) * 100, 6)) / 100)

    def setting(table):
        return {kind: {"ndcg@10": floor(ndcg), "recall@100": floor(recall)} for kind, (_, ndcg, recall) in table.items()}

    path = os.path.join(os.path.dirname(JUDGMENTS), "floors.json")
    floors = {"synonyms_on": setting(on_table), "synonyms_off": setting(off_table)}
    lines = ["{"]
    for number, (name, kinds) in enumerate(floors.items()):
        lines.append(f'  "{name}": {{')
        rows = [f'    "{kind}": {{"ndcg@10": {v["ndcg@10"]:.2f}, "recall@100": {v["recall@100"]:.2f}}}'
                for kind, v in kinds.items()]
        lines.append(",\n".join(rows))
        lines.append("  }" + ("," if number == 0 else ""))
    lines.append("}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print(f"\nwrote {os.path.relpath(path, ROOT)}")


def latency(args):
    judgments = load_judgments(args.judgments)
    queries = [j["query"] for j in judgments]
    settings = (("synonyms on", True), ("synonyms off", False))
    # The two settings alternate run by run so that load from other processes
    # falls on both alike.
    times = {label: [[] for _ in queries] for label, _ in settings}
    for _ in range(args.repeat):
        for label, synonyms in settings:
            for index, result in enumerate(run_queries(args.search, args.index, queries, synonyms, args.limit)):
                times[label][index].append(result["took_ms"])
    for label, _ in settings:
        medians = [statistics.median(per_query) for per_query in times[label]]
        by_kind_medians = {}
        for judged, median in zip(judgments, medians):
            by_kind_medians.setdefault(judged["kind"], []).append(median)
        ordered = sorted(medians)
        p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
        print(f"{label}: median of per-query medians {statistics.median(medians):.3f} ms, "
              f"mean {statistics.mean(medians):.3f} ms, p95 {p95:.3f} ms, max {ordered[-1]:.3f} ms "
              f"({len(queries)} queries x {args.repeat} runs, --limit {args.limit})")
        for kind in KINDS:
            if kind in by_kind_medians:
                print(f"  {kind:16} median {statistics.median(by_kind_medians[kind]):.3f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["quality", "latency"])
    parser.add_argument("--search", default=os.path.join(ROOT, ".build", "release", "search"))
    parser.add_argument("--index", default="index", help="index folder, relative to the repository (default: index)")
    parser.add_argument("--judgments", default=JUDGMENTS)
    parser.add_argument("--repeat", type=int, default=9, help="latency: runs of the whole set per setting")
    parser.add_argument("--limit", type=int, default=10, help="latency: hits per query")
    parser.add_argument("--write-floors", action="store_true",
                        help="quality: record floors 0.02 below the measured figures in floors.json")
    parser.add_argument("--per-query", action="count", default=0, help="quality: also list every query (twice: top 10)")
    args = parser.parse_args()
    quality(args) if args.mode == "quality" else latency(args)


if __name__ == "__main__":
    main()
