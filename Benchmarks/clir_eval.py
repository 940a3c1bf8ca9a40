#!/usr/bin/env python3
"""Cross-language retrieval on ../shared/data/eval/clir-treaties: English queries, Dutch treaty articles.

Indexes the 18,044 Dutch articles with beleid, runs the 300 dev queries top 10 in four settings
and reports MRR@10 and Recall@10 (one relevant article per query):

  (a) English queries, no translation             beleid search --no-translate --lang en
  (b) English queries, glossary only              beleid search --no-dictionary --lang en
  (c) English queries, glossary and FreeDict      beleid search --lang en
  (d) Dutch queries (monolingual upper bound)     beleid search --no-translate --lang nl
  (e) English, glossary and the open lexicons     beleid lexicon import LEXICONS; beleid search --lang en
  (f) (e) with MUSE (CC BY-NC, opt-in)            beleid lexicon import --lexicon muse LEXICONS

(c) runs with BELEID_LEXICON=off (FreeDict alone, as without an import); (e) and (f) import
../shared/data/lexicons into tables of their own under Benchmarks/work/clir (with Debian's
wordnet-base installed, as for the published figures, OMW's senses are weighed by WordNet's
sense order). `--only e,f` runs
some settings (the table and EVALUATION.md are then left alone) and writes their per-query
reciprocal ranks to Benchmarks/work/clir/clir-only.json, for cross-validation.

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

LEXICONS = os.path.join(ROOT, "..", "shared", "data", "lexicons")
SETTINGS = [
    ("a", "English, no translation", "dev-queries.tsv", ["--no-translate", "--lang", "en"], None),
    ("b", "English, glossary", "dev-queries.tsv", ["--no-dictionary", "--lang", "en"], None),
    ("c", "English, glossary + FreeDict", "dev-queries.tsv", ["--lang", "en"], None),
    ("d", "Dutch (monolingual upper bound)", "dev-queries-nl.tsv", ["--no-translate", "--lang", "nl"], None),
    ("e", "English, glossary + open lexicons", "dev-queries.tsv", ["--lang", "en"], []),
    ("f", "English, glossary + open lexicons + MUSE", "dev-queries.tsv", ["--lang", "en"], ["--lexicon", "muse"]),
]


def lexicon_table(extra):
    """The compiled lexicon for a setting: off (None), or imported with `extra` options."""
    if extra is None:
        return "off"
    path = os.path.join(WORK, "lexicon-" + ("-".join(extra[1::2]) or "open") + ".tables")
    subprocess.run([BELEID, "lexicon", "import", "--output", path, LEXICONS] + extra, check=True,
                   stdout=subprocess.DEVNULL)
    return path


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


def run(index, queries, options, lexicon):
    output = subprocess.run(
        [BELEID, "search", "--index", index, "--queries", os.path.join(DATA, queries), "--json", "--limit", "10", "--literal"]
        + options, check=True, capture_output=True, text=True,
        env=dict(os.environ, BELEID_LEXICON=lexicon)).stdout
    return json.loads(output)


def score(results, relevant):
    per_query = {}
    for result in results:
        ranked = [hit["docid"] for hit in result["hits"]]
        per_query[result["qid"]] = 0.0
        for rank, docid in enumerate(ranked[:10], start=1):
            if docid in relevant.get(result["qid"], ()):
                per_query[result["qid"]] = 1 / rank
                break
    n = len(results)
    return sum(per_query.values()) / n, sum(1 for v in per_query.values() if v > 0) / n, per_query


def main():
    if not os.path.isdir(DATA):
        sys.exit(f"no evaluation data at {DATA}")
    if not os.path.exists(BELEID):
        sys.exit("build first: swift build -c release")
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    relevant = qrels()
    index, seconds = prepare_index()
    rows = []
    for key, label, queries, options, lexicon in SETTINGS:
        if only and key not in only:
            continue
        table = lexicon_table(lexicon)
        started = time.time()
        results = run(index, queries, options, table)
        elapsed = time.time() - started
        errors = [r for r in results if r.get("error")]
        mrr, recall, per_query = score(results, relevant)
        shown = options + (["(" + " ".join(["lexicon import"] + lexicon) + ")"] if lexicon is not None else [])
        rows.append({"setting": key, "label": label, "options": shown, "queries": len(results),
                     "errors": len(errors), "mrr10": mrr, "recall10": recall, "seconds": elapsed,
                     "per_query": per_query})
        print(f"({key}) {label:42} MRR@10 {mrr:.3f}  R@10 {recall:.3f}  ({len(results)} queries, {elapsed:.1f} s)")
    if only:
        with open(os.path.join(WORK, "clir-only.json"), "w", encoding="utf-8") as handle:
            json.dump(rows, handle)
        return
    upper = rows[3]["mrr10"]
    for row in rows:
        row["mrr_of_upper"] = row["mrr10"] / upper if upper else 0.0
    report = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores",
              "index_seconds": seconds,
              "rows": [{k: v for k, v in row.items() if k != "per_query"} for row in rows]}
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
