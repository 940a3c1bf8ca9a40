#!/usr/bin/env python3
"""Counts the print defects (SentenceLint) in the digests of 20 queries on ../shared/data/corpus.

Indexes the corpus into Benchmarks/work/digest-lint-index, then runs

  beleid newsletter --query Q --limit 5 --lint

for each query below (written once, before the first run, to cover the corpus's topics in both languages),
and reports each digest's sentences and defects. Writes Benchmarks/results/digest-lint.json and the table in
EVALUATION.md between the digest-lint markers. Usage (from the repository root, after
`swift build -c release`):

  python3 Benchmarks/digest_lint.py
"""
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "data", "corpus")
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
INDEX = os.path.join(ROOT, "Benchmarks", "work", "digest-lint-index")
RESULTS = os.path.join(ROOT, "Benchmarks", "results", "digest-lint.json")

QUERIES = [
    "ketenveiligheid", "digitale autonomie", "Cyberbeveiligingswet", "NIS2", "zorgplicht", "meldplicht",
    "kunstmatige intelligentie", "cloud", "privacy", "gegevensbescherming", "vitale sectoren",
    "supply chain security", "digital sovereignty", "incident reporting", "cyber resilience act",
    "algoritmes overheid", "open source", "toezichthouder", "datacenters", "informatiebeveiliging",
]


def main():
    if not os.path.exists(BELEID):
        sys.exit("build first: swift build -c release")
    if not os.path.isdir(CORPUS):
        sys.exit(f"no corpus at {CORPUS}")
    subprocess.run([BELEID, "index", "--index", INDEX, "--rebuild", CORPUS], check=True, capture_output=True)
    rows = []
    for query in QUERIES:
        run = subprocess.run([BELEID, "newsletter", "--index", INDEX, "--query", query, "--limit", "5", "--lint"],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"{query}: beleid exited {run.returncode}: {run.stderr}")
        lines = run.stdout.strip().splitlines()
        if not lines:
            rows.append({"query": query, "defects": 0, "sentences": 0, "findings": [], "note": run.stderr.strip()})
            print(f"{query:28} no digest: {run.stderr.strip()}")
            continue
        total = re.match(r"(\d+) defects? in (\d+) sentences", lines[-1])
        rows.append({"query": query, "defects": int(total.group(1)), "sentences": int(total.group(2)),
                     "findings": lines[:-1]})
        print(f"{query:28} {lines[-1]}")
        for finding in lines[:-1]:
            print(f"    {finding[:160]}")
    report = {"date": time.strftime("%Y-%m-%d"), "rows": rows,
              "defects": sum(r["defects"] for r in rows), "sentences": sum(r["sentences"] for r in rows)}
    os.makedirs(os.path.dirname(RESULTS), exist_ok=True)
    with open(RESULTS, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
    print(f"{report['defects']} defects in {report['sentences']} sentences of {len(rows)} digests")
    write_table(report)


def write_table(report):
    lines = [
        "<!-- digest-lint:start -->",
        f"Measured {report['date']} with `python3 Benchmarks/digest_lint.py`: {len(report['rows'])} digests "
        f"(`beleid newsletter --query Q --limit 5 --lint` on `../shared/data/corpus`), "
        f"**{report['defects']} defects in {report['sentences']} sentences**.",
        "",
        "| query | sentences | defects |",
        "|---|---|---|",
    ]
    for row in report["rows"]:
        lines.append(f"| {row['query']} | {row['sentences']} | {row['defects']} |")
    lines.append("<!-- digest-lint:end -->")
    path = os.path.join(ROOT, "EVALUATION.md")
    text = open(path, encoding="utf-8").read()
    if "<!-- digest-lint:start -->" not in text:
        text += "\n<!-- digest-lint:start -->\n<!-- digest-lint:end -->\n"
    start = text.index("<!-- digest-lint:start -->")
    end = text.index("<!-- digest-lint:end -->") + len("<!-- digest-lint:end -->")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text[:start] + "\n".join(lines) + text[end:])


if __name__ == "__main__":
    main()
