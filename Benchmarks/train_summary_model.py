#!/usr/bin/env python3
"""Trains beleid's sentence model for court rulings on the train split only, and cross-validates it.

Data: ../shared/data/eval/summaries-rechtspraak/train.jsonl (166 rulings). dev.jsonl is never read here.

1. Features: `beleid summarize --features` gives each sentence's features (Sources/BeleidSummary/Summary/
   SentenceFeatures.swift), with beleid's own sentence splitter.
2. Labels: a greedy ROUGE oracle per ruling (Nallapati et al. 2017, SummaRuNNer): add the sentence that most
   raises ROUGE-1 F + ROUGE-2 F of the chosen set against the inhoudsindicatie, up to 3 sentences, while it
   rises. The chosen sentences are 1, the rest 0. Tokens are rouge-score's (recipe A). Only sentences a summary
   may quote (`printable`: no heading, fragment or other SentenceLint defect) are candidates and rows.
3. Model: L2-regularised logistic regression (Newton's method) on standardised features, L2 = 1, fixed
   beforehand, on all training rulings. Nothing is searched: selection is the summariser's MMR (lambda 0.7,
   as for every document kind).
4. Cross-validation: 5 folds over train (rulings shuffled with seed 20261206); each fold's model is written
   to a temporary file and beleid itself summarises the held-out rulings with it
   (BELEID_SUMMARY_MODEL=...), so the figure is the shipped program's, selection included.
5. The model fitted on all of train is written to
   Sources/BeleidSummary/Resources/sentence-model.json, the cross-validation figures to
   Benchmarks/results/summary-cv.json.

Usage (from the repository root, after `swift build -c release`):

  python3 Benchmarks/train_summary_model.py            # cross-validate, then write the model
  python3 Benchmarks/train_summary_model.py --cv-only  # cross-validate only
"""
import collections
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "eval", "summaries-rechtspraak")
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
MODEL = os.path.join(ROOT, "Sources", "BeleidSummary", "Resources", "sentence-model.json")
CACHE = os.path.join(ROOT, "Benchmarks", "work", "summary-features")
RESULTS = os.path.join(ROOT, "Benchmarks", "results", "summary-cv.json")
SENTENCES = 3
FOLDS = 5
SEED = 20261206
L2 = 1.0
# A ruling whose inhoudsindicatie is a passage of its text, token for token, is "verbatim"
# (train.jsonl's README: 39 such items, mostly Raad van State rulings; dev has none).


def load(split):
    path = os.path.join(DATA, f"{split}.jsonl")
    if not os.path.exists(path):
        sys.exit(f"no evaluation data at {path}")
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def tokens(text):
    """rouge-score's default tokens: lowercase [a-z0-9] runs (recipe A)."""
    from rouge_score import tokenize
    return tokenize.tokenize(text, None)


def ngrams(words, n):
    return collections.Counter(tuple(words[k:k + n]) for k in range(len(words) - n + 1))


def f1(candidate, reference):
    overlap = sum((candidate & reference).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(candidate.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def is_verbatim(item):
    """Whether the reference's tokens occur in the text as one unbroken run."""
    reference = " ".join(tokens(item["reference"]))
    return f" {reference} " in " " + " ".join(tokens(item["text"])) + " "


def features(item, summary_model=None):
    """beleid's sentences and their features for one ruling (cached by text and binary)."""
    os.makedirs(CACHE, exist_ok=True)
    stamp = f"{os.path.getmtime(BELEID)}:{item['text']}".encode()
    cached = os.path.join(CACHE, hashlib.sha1(stamp).hexdigest() + ".json")
    if os.path.exists(cached):
        return json.load(open(cached, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "ruling.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(item["text"])
        output = subprocess.run([BELEID, "summarize", "--features", "--lang", "nl", path],
                                check=True, capture_output=True, text=True).stdout
    with open(cached, "w", encoding="utf-8") as handle:
        handle.write(output)
    return json.loads(output)


def oracle(sentences, reference):
    """Indices of the greedy ROUGE-1 + ROUGE-2 oracle's sentences."""
    reference_tokens = tokens(reference)
    goal = (ngrams(reference_tokens, 1), ngrams(reference_tokens, 2))
    words = [tokens(s) for s in sentences]
    chosen, best, summary = [], 0.0, []
    while len(chosen) < SENTENCES:
        pick, pick_value = None, best
        for index, sentence in enumerate(words):
            if index in chosen or not sentence:
                continue
            trial = summary + sentence
            value = f1(ngrams(trial, 1), goal[0]) + f1(ngrams(trial, 2), goal[1])
            if value > pick_value:
                pick, pick_value = index, value
        if pick is None:
            break
        chosen.append(pick)
        summary = summary + words[pick]
        best = pick_value
    return chosen


def design(items):
    """Feature matrix, labels, each row's item and the feature names."""
    rows, labels, owners, names = [], [], [], None
    for number, item in enumerate(items):
        found = features(item)
        names = found["names"]
        # Only sentences a summary may quote (not headings, fragments, identifiers: SentenceLint) are
        # candidates, for the oracle and for the model.
        sentences = [s["text"] if s["printable"] else "" for s in found["sentences"]]
        positive = set(oracle(sentences, item["reference"]))
        for index, sentence in enumerate(found["sentences"]):
            if not sentence["printable"]:
                continue
            rows.append(sentence["features"])
            labels.append(1.0 if index in positive else 0.0)
            owners.append(number)
    return np.array(rows), np.array(labels), np.array(owners), names


def fit(x, y, rows):
    """L2 logistic regression on `rows`, standardised features, by Newton's method: (mean, scale, weights, bias)."""
    x, y = x[rows], y[rows]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2)
    penalty[-1] = 0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, w[:-1], w[-1]


def write_model(path, names, model, note):
    mean, scale, weights, bias = model
    document = {
        "features": names, "mean": [round(v, 6) for v in mean], "scale": [round(v, 6) for v in scale],
        "weights": [round(v, 6) for v in weights], "bias": round(float(bias), 6),
        "trainedOn": note, "script": "Benchmarks/train_summary_model.py",
        "method": f"L2 logistic regression (lambda {L2}) on greedy ROUGE-1+2 oracle labels, {SENTENCES} sentences",
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


def summarize(item, model_path=None):
    """beleid's 3-sentence summary of a ruling, with the model at `model_path` (default: the shipped one)."""
    env = dict(os.environ)
    if model_path:
        env["BELEID_SUMMARY_MODEL"] = model_path
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "ruling.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(item["text"])
        output = subprocess.run([BELEID, "summarize", "--sentences", str(SENTENCES), "--format", "json",
                                 "--lang", "nl", path], check=True, capture_output=True, text=True, env=env).stdout
    return " ".join(s["text"] for s in json.loads(output)["sentences"])


def rouge(reference, summary):
    """ROUGE-1, -2, -L F1 x 100, recipe A."""
    from rouge_score import rouge_scorer
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    result = scorer.score(reference, summary)
    return {metric: 100 * result[metric].fmeasure for metric in ("rouge1", "rouge2", "rougeL")}


def folds(items):
    order = sorted(range(len(items)), key=lambda k: items[k]["id"])
    random.Random(SEED).shuffle(order)
    return [sorted(order[k::FOLDS]) for k in range(FOLDS)]


def cross_validate(items, system=None):
    """Per fold, the mean ROUGE of beleid with a model fitted on the other folds; all items and non-verbatim.

    `system(item, model_path)` makes a summary; default beleid's. Returns {"folds": [...], "verbatim": [...]}.
    """
    system = system or summarize
    x, y, owners, names = design(items)
    verbatim = [is_verbatim(item) for item in items]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for number, held in enumerate(folds(items)):
            rows = ~np.isin(owners, held)
            path = os.path.join(folder, f"fold{number}.json")
            write_model(path, names, fit(x, y, rows), f"cross-validation fold {number}")
            scores = [(rouge(items[k]["reference"], system(items[k], path)), verbatim[k]) for k in held]
            results.append(scores)
    return results, verbatim


def summarize_folds(results, keep=lambda verbatim: True):
    """Mean and standard deviation over folds of each metric, for items `keep` accepts."""
    table = {}
    for metric in ("rouge1", "rouge2", "rougeL"):
        means = [statistics.mean(s[metric] for s, v in fold if keep(v)) for fold in results]
        table[metric] = (statistics.mean(means), statistics.stdev(means))
    return table


def main():
    if not os.path.exists(BELEID):
        sys.exit("build first: swift build -c release")
    items = load("train")
    results, verbatim = cross_validate(items)
    report = {"folds": FOLDS, "seed": SEED, "items": len(items), "verbatim": sum(verbatim)}
    print(f"{FOLDS}-fold cross-validation on train ({len(items)} rulings, {sum(verbatim)} verbatim):")
    for label, keep in [("all", lambda v: True), ("without verbatim", lambda v: not v)]:
        table = summarize_folds(results, keep)
        report[label] = {metric: {"mean": mean, "sd": sd} for metric, (mean, sd) in table.items()}
        print(f"  {label:17} " + "  ".join(f"{m} {mean:5.2f} ± {sd:4.2f}" for m, (mean, sd) in table.items()))
    if "--cv-only" in sys.argv:
        return
    with open(RESULTS, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    x, y, _, names = design(items)
    write_model(MODEL, names, fit(x, y, np.ones(len(y), dtype=bool)),
                f"train.jsonl: all {len(items)} rulings ({len(x)} sentences)")
    print(f"wrote {os.path.relpath(MODEL, ROOT)} and {os.path.relpath(RESULTS, ROOT)}")


if __name__ == "__main__":
    main()
