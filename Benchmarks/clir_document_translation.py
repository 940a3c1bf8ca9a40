#!/usr/bin/env python3
"""An experiment: does translating the Dutch documents help cross-language search?

Query translation (beleid's setting (c) in clir_eval.py) translates the English
query with the glossary and FreeDict's English-Dutch half, which has 7,700
headwords. FreeDict's Dutch-English half has 22,700, so this probe translates
the other side instead. Each Dutch article of ../shared/data/eval/clir-treaties
becomes a bag of English stems: every word's Dutch Snowball stem is looked up
among the stems of the Dutch-English headwords, and the English words of that
entry's first sense (up to 3, each counting 1/n) are stemmed with English
Snowball. Words it cannot translate are kept: numbers as written, the rest
stemmed as English, which keeps names. The English dev queries are searched in
those bags with BM25 (k1 1.2, b 0.75). The run is scored alone, and fused with
beleid's run for setting (c) by reciprocal rank fusion and by summing
max-normalised scores.

This is a probe, not part of beleid: the result is in EVALUATION.md. It needs
nltk (for Snowball; sumy, which the summary evaluation uses, brings it) and
`swift build -c release` with the CLIR index that clir_eval.py builds.

Usage (from the repository root): python3 Benchmarks/clir_document_translation.py
"""
import collections
import gzip
import json
import math
import os
import re
import subprocess

from nltk.stem.snowball import SnowballStemmer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "eval", "clir-treaties")
INDEX = os.path.join(ROOT, "Benchmarks", "work", "clir", "index")
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
FREEDICT = "/usr/share/dictd/freedict-nld-eng"
STOP = set("the a an of to in and or for on by with at from as is are be been shall that which this these those "
           "it its such any each other than not no may all their there where when who whom whose under into upon "
           "within between".split())
WORD = re.compile(r"\w+")
DUTCH, ENGLISH = SnowballStemmer("dutch"), SnowballStemmer("english")


def dictd_number(text):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    value = 0
    for character in text:
        value = value * 64 + alphabet.index(character)
    return value


def translations():
    """Dutch stem -> English stems of the first sense's single-word translations."""
    data = gzip.open(FREEDICT + ".dict.dz").read()
    result = collections.defaultdict(list)
    for line in open(FREEDICT + ".index", encoding="utf-8"):
        headword, offset, length = line.rstrip("\n").split("\t")
        if headword.startswith("00-") or " " in headword:
            continue
        start = dictd_number(offset)
        senses = [s for s in data[start:start + dictd_number(length)].decode("utf-8", "replace").split("\n")[1:]
                  if s.strip()]
        if not senses:
            continue
        words = [w.strip() for w in re.sub(r"^\d+\.\s*", "", senses[0]).split(",")]
        key = DUTCH.stem(headword.lower())
        for word in [w for w in words if w and " " not in w][:3]:
            stem = ENGLISH.stem(word.lower())
            if stem not in result[key]:
                result[key].append(stem)
    return result


def main():
    table = translations()
    bags, lengths, cache = {}, {}, {}
    for line in gzip.open(os.path.join(DATA, "collection.jsonl.gz"), "rt", encoding="utf-8"):
        document = json.loads(line)
        bag = collections.Counter()
        for word in WORD.findall((document.get("title", "") + " " + document["text"]).lower()):
            if word not in cache:
                found = table.get(DUTCH.stem(word))
                cache[word] = found or ([word] if word.isdigit() else [ENGLISH.stem(word)])
            for stem in cache[word]:
                bag[stem] += 1 / len(cache[word])
        bags[document["id"]] = bag
        lengths[document["id"]] = sum(bag.values())
    count, average = len(bags), sum(lengths.values()) / len(bags)
    postings = collections.defaultdict(list)
    for key, bag in bags.items():
        for stem, frequency in bag.items():
            postings[stem].append((key, frequency))

    def search(text):
        terms = [ENGLISH.stem(w) for w in WORD.findall(text.lower()) if w not in STOP]
        scores = collections.Counter()
        for term in set(terms):
            if term not in postings:
                continue
            df = len(postings[term])
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            for key, f in postings[term]:
                scores[key] += terms.count(term) * idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * lengths[key] / average))
        return scores.most_common(100)

    relevant = {}
    for line in open(os.path.join(DATA, "dev-qrels.txt")):
        qid, _, key, _ = line.split()
        relevant[qid] = key
    queries = [line.rstrip("\n").split("\t") for line in open(os.path.join(DATA, "dev-queries.tsv"), encoding="utf-8")]

    def score(runs):
        total, found = 0.0, 0
        for qid, _ in queries:
            keys = [key for key, _ in runs[qid][:10]]
            if relevant[qid] in keys:
                total += 1 / (keys.index(relevant[qid]) + 1)
                found += 1
        return "MRR@10 %.3f, Recall@10 %.3f" % (total / len(queries), found / len(queries))

    translated = {qid: search(text) for qid, text in queries}
    output = subprocess.run([BELEID, "search", "--index", INDEX, "--limit", "100", "--queries",
                             os.path.join(DATA, "dev-queries.tsv"), "--json", "--lang", "en", "--literal"],
                            capture_output=True, text=True, check=True).stdout
    beleid = {r["qid"]: [(h["docid"], h["score"]) for h in r["hits"]] for r in json.loads(output)}
    print("documents translated, alone:", score(translated))
    print("beleid, setting (c):", score(beleid))
    for k in (10, 60):
        fused = {}
        for qid, _ in queries:
            sums = collections.Counter()
            for run in (beleid[qid], translated[qid]):
                for rank, (key, _) in enumerate(run):
                    sums[key] += 1 / (k + rank + 1)
            fused[qid] = sums.most_common(10)
        print("reciprocal rank fusion, k = %d:" % k, score(fused))
    for weight in (0.3, 0.5, 1.0):
        fused = {}
        for qid, _ in queries:
            sums = collections.Counter()
            for run, w in ((beleid[qid], 1.0), (translated[qid], weight)):
                top = max([s for _, s in run] or [1])
                for key, s in run:
                    sums[key] += w * s / top
            fused[qid] = sums.most_common(10)
        print("score sum, documents at weight %.1f:" % weight, score(fused))


if __name__ == "__main__":
    main()
