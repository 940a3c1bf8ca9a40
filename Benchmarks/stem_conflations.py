#!/usr/bin/env python3
"""Porter-Dutch conflations of unrelated words (omzetting/omzet), found in Dutch law, for review.

Method (#16 item 2):
  1. The words of the bundled BWB frequency table seen at least MIN_COUNT times are stemmed with
     beleid's own Dutch analysis (`beleid analyze --lang nl --json`, Snowball with our overrides).
  2. Words are grouped by stem. A candidate pair is a *derived* word, one ending in a suffix
     Porter strips in its step 3 (-heid/-heden, -ing/-ingen, -end/-ende, -ig/-ige, -lijk/-lijke,
     -baar/-bare), and another word of its group that does not end in that suffix.
  3. Relatedness is how often the two words occur in the same regulation of
     ../shared/data/bench/bwb-laws.jsonl.xz: the cosine of their sets of regulations,
     |A and B| / sqrt(|A| |B|). Words of one family appear in the same laws (handeling,
     handelingen); a conflation joins words of different laws (omzet in tax law, omzetting where
     a directive is transposed). A context-window cosine was tried first and dropped: it scored
     handeling/handelingen 0.10 and overeenkomstig/overeenkomst 0.62, syntax rather than sense.
  4. Pairs are ranked by min(count) x (1 - cosine): frequent and unrelated first. The list goes
     to Benchmarks/results/stem-conflations.tsv for a person to review; the fixes are lines in
     Sources/BeleidAnalysis/Resources/dutch-stem-overrides.tsv.

Usage (from the repository root, after `swift build -c release`):

  python3 Benchmarks/stem_conflations.py
"""
import collections
import json
import lzma
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
FREQUENCIES = os.path.join(ROOT, "Sources", "BeleidAnalysis", "Resources", "nl-frequencies.tsv")
STOPWORDS = os.path.join(ROOT, "Sources", "BeleidAnalysis", "Resources", "stopwords-nl.txt")
BWB = os.path.join(ROOT, "..", "shared", "data", "bench", "bwb-laws.jsonl.xz")
OUTPUT = os.path.join(ROOT, "Benchmarks", "results", "stem-conflations.tsv")
MIN_COUNT = 50
SUFFIXES = ["heden", "heid", "ingen", "ing", "ende", "end", "ige", "ig", "lijke", "lijk", "bare", "baar"]
# Each suffix and its inflection are one family (-ing, -ingen).
FAMILY = {"heden": "heid", "ingen": "ing", "ende": "end", "ige": "ig", "lijke": "lijk", "bare": "baar"}
WORD = re.compile(r"[a-zà-ÿ]+")


def stems(words):
    """Each word's stem under beleid's Dutch analysis (one process, words one per line)."""
    text = "\n".join(words)
    output = subprocess.run([BELEID, "analyze", "--lang", "nl", "--json", "--file", "-"], input=text,
                            capture_output=True, text=True, check=True).stdout
    result = {}
    for token in json.loads(output)["tokens"]:
        if token["kind"] == "word":
            result[token["form"]] = token["stem"]
    return result


def suffix(word):
    """The suffix family a word ends in (ing for -ingen), or None."""
    found = next((s for s in SUFFIXES if word.endswith(s) and len(word) > len(s) + 2), None)
    return FAMILY.get(found, found)


def main():
    if not os.path.exists(BWB):
        sys.exit(f"no BWB corpus at {BWB}")
    counts = {}
    for line in open(FREQUENCIES, encoding="utf-8"):
        if line.startswith("#"):
            continue
        word, count = line.rstrip("\n").split("\t")
        counts[word] = int(count)
    stop = {line.strip() for line in open(STOPWORDS, encoding="utf-8") if line.strip() and not line.startswith("#")}
    frequent = [w for w, c in counts.items() if c >= MIN_COUNT and w.isalpha()]
    stem_of = stems(frequent)
    groups = collections.defaultdict(list)
    for word in frequent:
        if word in stem_of:
            groups[stem_of[word]].append(word)
    pairs = []
    for stem, words in groups.items():
        for derived in words:
            ending = suffix(derived)
            if not ending:
                continue
            for other in words:
                if other != derived and suffix(other) != ending:
                    pairs.append((derived, other, stem))
    wanted = {w for pair in pairs for w in pair[:2]}
    documents = {w: set() for w in wanted}
    with lzma.open(BWB, "rt", encoding="utf-8") as source:
        for number, line in enumerate(source):
            record = json.loads(line)
            text = (record.get("title", "") + " " + record.get("text", "")).lower()
            for token in set(WORD.findall(text)) & wanted:
                documents[token].add(number)

    def cosine(a, b):
        da, db = documents[a], documents[b]
        return len(da & db) / math.sqrt(len(da) * len(db)) if da and db else 0.0

    rows = []
    for derived, other, stem in pairs:
        similarity = cosine(derived, other)
        rows.append((min(counts[derived], counts[other]) * (1 - similarity), derived, other, stem, similarity))
    rows.sort(reverse=True)
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as handle:
        handle.write("# score = min(count) x (1 - cosine)\tderived\tother\tstem\tcosine"
                     f"\t(python3 Benchmarks/stem_conflations.py: {len(frequent)} words seen >= {MIN_COUNT} times,"
                     f" {len(groups)} stems, {len(pairs)} candidate pairs)\n")
        for score, derived, other, stem, similarity in rows:
            handle.write(f"{score:.0f}\t{derived}\t{other}\t{stem}\t{similarity:.3f}\n")
    print(f"{len(frequent)} words, {len(pairs)} candidate pairs -> {OUTPUT}")


if __name__ == "__main__":
    main()
