#!/usr/bin/env python3
"""Cross-language retrieval on ../shared/data/eval/clir-treaties: English queries, Dutch treaty articles.

Indexes the 18,044 Dutch articles with beleid, runs the 300 dev queries top 10 in four settings
and reports MRR@10 and Recall@10 (one relevant article per query):

  (a) English queries, no translation             beleid search --no-translate --lang en
  (b) English queries, glossary only              beleid search --no-dictionary --lang en
  (c) English queries, glossary and FreeDict      beleid search --lang en
  (d) Dutch queries (monolingual upper bound)     beleid search --no-translate --lang nl

Writes Benchmarks/results/clir.json and the table in EVALUATION.md between the clir markers.

Usage (from the repository root, after `swift build -c release`):

  python3 Benchmarks/clir_eval.py
"""
import gzip
import json
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "eval", "clir-treaties")
WORK = os.path.join(ROOT, "Benchmarks", "work", "clir")
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
BELEID = os.path.join(ROOT, ".build", "release", "beleid")

SETTINGS = [
    ("a", "English, no translation", "dev-queries.tsv", ["--no-translate", "--lang", "en"]),
    ("b", "English, glossary", "dev-queries.tsv", ["--no-dictionary", "--lang", "en"]),
    ("c", "English, glossary + FreeDict", "dev-queries.tsv", ["--lang", "en"]),
    ("d", "Dutch (monolingual upper bound)", "dev-queries-nl.tsv", ["--no-translate", "--lang", "nl"]),
]


def qrels():
    relevant = {}
    for line in open(os.path.join(DATA, "dev-qrels.txt"), encoding="utf-8"):
        qid, _, docid, grade = line.split()
        if int(grade) > 0:
            relevant.setdefault(qid, set()).add(docid)
    return relevant


def prepare_index():
    os.makedirs(WORK, exist_ok=True)
    collection = os.path.join(WORK, "collection.jsonl")
    if not os.path.exists(collection):
        with gzip.open(os.path.join(DATA, "collection.jsonl.gz"), "rt", encoding="utf-8") as source, \
                open(collection + ".tmp", "w", encoding="utf-8") as target:
            for line in source:
                record = json.loads(line)
                record["lang"] = "nl"
                target.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.rename(collection + ".tmp", collection)
    index = os.path.join(WORK, "index")
    started = time.time()
    subprocess.run([BELEID, "index", "--rebuild", "--index", index, collection], check=True,
                   stdout=subprocess.DEVNULL)
    return index, time.time() - started


def run(index, queries, options):
    output = subprocess.run(
        [BELEID, "search", "--index", index, "--queries", os.path.join(DATA, queries), "--json", "--limit", "10", "--literal"]
        + options, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def score(results, relevant):
    reciprocal, found = 0.0, 0
    for result in results:
        ranked = [hit["docid"] for hit in result["hits"]]
        for rank, docid in enumerate(ranked[:10], start=1):
            if docid in relevant.get(result["qid"], ()):
                reciprocal += 1 / rank
                found += 1
                break
    n = len(results)
    return reciprocal / n, found / n


def main():
    if not os.path.isdir(DATA):
        sys.exit(f"no evaluation data at {DATA}")
    if not os.path.exists(BELEID):
        sys.exit("build first: swift build -c release")
    relevant = qrels()
    index, seconds = prepare_index()
    rows = []
    for key, label, queries, options in SETTINGS:
        started = time.time()
        results = run(index, queries, options)
        elapsed = time.time() - started
        errors = [r for r in results if r.get("error")]
        mrr, recall = score(results, relevant)
        rows.append({"setting": key, "label": label, "options": options, "queries": len(results),
                     "errors": len(errors), "mrr10": mrr, "recall10": recall, "seconds": elapsed})
        print(f"({key}) {label:34} MRR@10 {mrr:.3f}  R@10 {recall:.3f}  ({len(results)} queries, {elapsed:.1f} s)")
    upper = rows[3]["mrr10"]
    for row in rows:
        row["mrr_of_upper"] = row["mrr10"] / upper if upper else 0.0
    report = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
              "index_seconds": seconds, "rows": rows}
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "clir.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_table(report)


def write_table(report):
    lines = [
        "<!-- clir:start -->",
        f"Measured {report['date']} on {report['machine']} with `python3 Benchmarks/clir_eval.py` "
        f"(300 dev queries; indexing the 18,044 articles took {report['index_seconds']:.1f} s).",
        "",
        "| Setting | Options | MRR@10 | Recall@10 | MRR vs (d) |",
        "|---|---|---|---|---|",
    ]
    for row in report["rows"]:
        lines.append(f"| ({row['setting']}) {row['label']} | `{' '.join(row['options'])}` | {row['mrr10']:.3f} | "
                     f"{row['recall10']:.3f} | {100 * row['mrr_of_upper']:.0f}% |")
    lines.append("<!-- clir:end -->")
    path = os.path.join(ROOT, "EVALUATION.md")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Evaluation\n\n<!-- clir:start -->\n<!-- clir:end -->\n"
    start, end = text.index("<!-- clir:start -->"), text.index("<!-- clir:end -->") + len("<!-- clir:end -->")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text[:start] + "\n".join(lines) + text[end:])


if __name__ == "__main__":
    main()
