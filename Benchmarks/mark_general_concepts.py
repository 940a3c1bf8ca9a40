#!/usr/bin/env python3
"""Lists, and with --apply marks, the glossary's general concepts.

A concept is general when its preferred Dutch term is one everyday word of
Dutch: one word (not an acronym) whose Zipf frequency in general Dutch is at
least 4.0 (ten times per million words), after the word frequencies of
wordfreq (Speer 2022; code Apache-2.0, data CC BY-SA 4.0, read here at
development time only: only the yes/no flag goes into the glossary, no
frequencies). Concepts of the quiet domains (international, legal drafting)
are not glossed anyway and are left as they are.

    pip install wordfreq
    python3 Benchmarks/mark_general_concepts.py            # list
    python3 Benchmarks/mark_general_concepts.py --apply    # write general: true

The flag is written as `general: true` after the concept's id; the glosser
skips such concepts and key terms do not count them (Glossary/README.md).
"""
import argparse
import pathlib
import re
import sys

import yaml
from wordfreq import zipf_frequency

ROOT = pathlib.Path(__file__).resolve().parent.parent
THRESHOLD = 4.0
QUIET = {"international", "legal drafting"}


def preferred_dutch(concept):
    terms = concept.get("nl") or []
    if not terms:
        return None
    first = terms[0]
    return first["term"] if isinstance(first, dict) else first


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply", action="store_true")
    args = parser.parse_args()
    total = 0
    for path in sorted((ROOT / "Glossary").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        marked = []
        for concept in data.get("concepts", []):
            domain = concept.get("domain", data.get("domain"))
            term = preferred_dutch(concept)
            if domain in QUIET or not term or " " in term or "-" in term or term.isupper():
                continue
            zipf = zipf_frequency(term.lower(), "nl")
            if zipf >= THRESHOLD:
                marked.append(concept["id"])
                print(f"{path.name}\t{concept['id']}\t{term}\t{zipf:.2f}\t{'(marked)' if concept.get('general') else ''}")
        total += len(marked)
        if args.apply and marked:
            text = path.read_text()
            for concept_id in marked:
                pattern = re.compile(rf'^(  - id: "?{re.escape(concept_id)}"?\n)(?!    general:)', re.M)
                text = pattern.sub(lambda m: m.group(1) + "    general: true\n", text, count=1)
            path.write_text(text)
    print(f"{total} general concepts (Zipf >= {THRESHOLD} in Dutch)", file=sys.stderr)


if __name__ == "__main__":
    main()
