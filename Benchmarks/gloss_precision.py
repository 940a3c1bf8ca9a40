#!/usr/bin/env python3
"""Gloss precision on ten real Dutch documents, judged by hand.

For each of ten documents of ../shared/data/corpus (a set), the script asks beleid for
the summary a digest would print (`beleid summarize --sentences 12 --gloss en
--format json`) and takes its first ten glosses in text order: 100 glosses.
Each is looked up in Benchmarks/gloss-judgements.tsv (document, term, gloss,
verdict ok|wrong, reason), which a person fills in by reading the sentence:
a gloss is ok when it is a right English equivalent of the term in that
sentence, of the same word class, and tells an English reader something.

    swift build -c release
    python3 Benchmarks/gloss_precision.py [--set A|B]          # precision, and what is unjudged
    python3 Benchmarks/gloss_precision.py [--set A|B] --list   # every gloss with its sentence, to judge

Set A is the first ten documents, set B ten others (see SETS). Writes
Benchmarks/results/gloss-precision-{A,B}.json.
"""
import argparse
import csv
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "corpus"
BINARY = ROOT / ".build" / "release" / "beleid"
JUDGEMENTS = ROOT / "Benchmarks" / "gloss-judgements.tsv"
PER_DOCUMENT = 10

SETS = {}
SETS["A"] = [
    "news/2026-01-30-coalitieakkoord-digitale-plannen.txt",
    "coalitieakkoord-2021/05-03-digitalisering.md",
    "acict/definitief-advies-abacus.txt",
    "eurlex/nl/32024r2847-cyber-resilience-act.txt",
    "eurlex/nl/32022r2554-dora.txt",
    "eurlex/nl/32024r2690-nis2-implementing-regulation.txt",
    "eurlex/nl/32019r0881-cybersecurity-act.txt",
    "eurlex/nl/32016r0679-gdpr.txt",
    "eurlex/nl/32022d2481-digital-decade-2030.txt",
    "eurlex/nl/32024l2853-product-liability-directive.txt",
]
# Set B: ten other documents, drawn after the rules that set A's misses
# suggested were in place, so it checks them on text nobody had looked at.
SETS["B"] = [
    "coalitieakkoord-2021/original/coalitieakkoord-2021-2025.pdf",
    "eurlex/nl/32014r0910-eidas.txt",
    "eurlex/nl/32022r2065-digital-services-act.txt",
    "eurlex/nl/32016l0680-law-enforcement-directive.txt",
    "eurlex/nl/32024r1183-european-digital-identity.txt",
    "eurlex/nl/32025r0327-european-health-data-space.txt",
    "eurlex/nl/32021r0887-cybersecurity-competence-centre.txt",
    "eurlex/nl/32023r1543-e-evidence.txt",
    "eurlex/nl/32024r3143-csa-notifications.txt",
    "eurlex/nl/32025r0301-dora-rts-incident-reporting.txt",
]


def glosses(document):
    """The first PER_DOCUMENT glosses of the document's summary, with their sentences."""
    found = []
    for sentences in (12, 40, 400):
        out = subprocess.run(
            [str(BINARY), "summarize", "--sentences", str(sentences), "--gloss", "en", "--format", "json",
             str(SHARED / document)],
            capture_output=True, text=True, check=True).stdout
        summary = json.loads(out)
        found = []
        for sentence in summary["sentences"]:
            text = sentence["text"]
            for gloss in summary["glosses"]:
                if gloss["text"] in text and not any(g["term"] == gloss["text"] for g in found):
                    found.append({"term": gloss["text"], "gloss": gloss["gloss"], "kind": gloss["kind"],
                                  "sentence": sentence["glossed"]})
        if len(found) >= PER_DOCUMENT:
            break
    return found[:PER_DOCUMENT]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--set", choices=sorted(SETS), default="A")
    args = parser.parse_args()
    documents = SETS[args.set]
    if not SHARED.exists():
        sys.exit(f"needs {SHARED}")
    judged = {}
    if JUDGEMENTS.exists():
        with JUDGEMENTS.open() as f:
            for row in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"):
                judged[(row["document"], row["term"], row["gloss"])] = (row["verdict"], row["reason"])
    rows = []
    for document in documents:
        for item in glosses(document):
            verdict, reason = judged.get((document, item["term"], item["gloss"]), ("", ""))
            rows.append({"document": document, **item, "verdict": verdict, "reason": reason})
    if args.list:
        for row in rows:
            print(f"{row['document']}\t{row['term']}\t{row['gloss']}\t{row['verdict']}\t{row['sentence']}")
        return
    ok = sum(row["verdict"] == "ok" for row in rows)
    wrong = [row for row in rows if row["verdict"] == "wrong"]
    unjudged = [row for row in rows if row["verdict"] not in ("ok", "wrong")]
    judged_count = ok + len(wrong)
    precision = ok / judged_count if judged_count else 0.0
    print(f"set {args.set}: {len(rows)} glosses from {len(documents)} documents; {judged_count} judged: "
          f"{ok} ok, {len(wrong)} wrong; precision {precision:.3f}")
    for row in wrong:
        print(f"  wrong: {row['term']} ({row['gloss']}) in {row['document']}: {row['reason']}")
    for row in unjudged:
        print(f"  unjudged: {row['document']}\t{row['term']}\t{row['gloss']}")
    results = ROOT / "Benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / f"gloss-precision-{args.set}.json").write_text(json.dumps(
        {"set": args.set, "glosses": len(rows), "judged": judged_count, "ok": ok, "wrong": len(wrong), "precision": round(precision, 3),
         "rows": rows}, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
