#!/usr/bin/env python3
"""ROUGE of extractive summaries on ../shared/data/eval/summaries-rechtspraak (Dutch court rulings).

Each system picks 3 sentences of each ruling; each summary is scored against the official
inhoudsindicatie with rouge-score (ROUGE-1, ROUGE-2, ROUGE-L F1, the package's default tokenizer, no
stemming: the README's recipe A):

  beleid     beleid summarize --sentences 3: for rulings (detected), the learned sentence model
             (Benchmarks/train_summary_model.py, fitted on train.jsonl only)
  beleid, unsupervised scorer   the same with --kind general: LexRank, position, key terms, no model
  Lead-3     the first 3 sentences (recipe A's splitter)
  LexRank    sumy 0.13 LexRankSummarizer, 3 sentences
  TextRank   sumy 0.13 TextRankSummarizer, 3 sentences (dev only)
  beleid, LexRank's length   beleid summarize --words N, N = that item's LexRank summary's words (dev only)

sumy gets recipe A's sentence splitter, a Unicode word tokenizer, its Dutch Snowball stemmer and
beleid's Dutch stop-word list (sumy ships none), so Lead-3 and sumy see the same sentences.

Two tables: dev.jsonl (40 rulings, never used for fitting: the check), and train.jsonl (166), where
beleid's figure is the cross-validated one of Benchmarks/results/summary-cv.json (run
train_summary_model.py first) and the untrained systems run as they are, over all items and over the 127
whose reference is not a verbatim passage of the text.

Writes Benchmarks/results/summaries.json and the tables in EVALUATION.md between the summaries
markers. Usage (from the repository root, after `swift build -c release`):

  python3 Benchmarks/train_summary_model.py   # cross-validation figures and the model
  swift build -c release                      # bundles the model
  python3 Benchmarks/summary_eval.py
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "eval", "summaries-rechtspraak", "dev.jsonl")
CV = os.path.join(ROOT, "Benchmarks", "results", "summary-cv.json")
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
STOP = os.path.join(ROOT, "Sources", "BeleidAnalysis", "Resources", "stopwords-nl.txt")
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
SENTENCES = 3

SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"“'‘(\[])")


def split(text):
    """Recipe A: break after . ! ? followed by white space and a capital, digit, quote or bracket."""
    return [s.strip() for s in SPLIT.split(text) if s.strip()]


class Tokenizer:
    """sumy's tokenizer interface over recipe A's splitter."""
    language = "dutch"

    def to_sentences(self, paragraph):
        return split(paragraph)

    def to_words(self, sentence):
        return re.findall(r"\w+", sentence)


def sumy_summary(text, kind):
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    parser = PlaintextParser.from_string(text, Tokenizer())
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("dutch"))
    summarizer.stop_words = [w.strip() for w in open(STOP, encoding="utf-8") if w.strip() and not w.startswith("#")]
    return " ".join(str(s) for s in summarizer(parser.document, SENTENCES))


def beleid_summary(text, folder, words=None, kind=None):
    """beleid's 3-sentence summary, or with `words` its summary of at most that many words."""
    path = os.path.join(folder, "ruling.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    length = ["--words", str(words)] if words else ["--sentences", str(SENTENCES)]
    length += ["--kind", kind] if kind else []
    output = subprocess.run([BELEID, "summarize"] + length + ["--format", "json", "--lang", "nl", path],
                            check=True, capture_output=True, text=True).stdout
    return " ".join(s["text"] for s in json.loads(output)["sentences"])


def evaluate(items, names):
    """Per system in `names`: each item's ROUGE scores, summary words and the seconds taken."""
    from rouge_score import rouge_scorer
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    makers = {
        "beleid": lambda text, folder, lexrank: beleid_summary(text, folder),
        "beleid, unsupervised scorer": lambda text, folder, lexrank: beleid_summary(text, folder, kind="general"),
        "Lead-3": lambda text, folder, lexrank: " ".join(split(text)[:SENTENCES]),
        "sumy LexRank": lambda text, folder, lexrank: sumy_summary(text, "lexrank"),
        "sumy TextRank": lambda text, folder, lexrank: sumy_summary(text, "textrank"),
        # The same item's LexRank summary's word count as a word budget: a check
        # that beleid does not win by choosing longer sentences.
        "beleid, LexRank's length": lambda text, folder, lexrank: beleid_summary(text, folder, words=lexrank),
    }
    found = {name: {"scores": [], "words": [], "seconds": 0.0} for name in names}
    with tempfile.TemporaryDirectory() as folder:
        for item in items:
            lexrank = None
            for name in names:
                started = time.time()
                summary = makers[name](item["text"], folder, lexrank)
                found[name]["seconds"] += time.time() - started
                if name == "sumy LexRank":
                    lexrank = len(summary.split())
                found[name]["words"].append(len(summary.split()))
                result = scorer.score(item["reference"], summary)
                found[name]["scores"].append({m: 100 * result[m].fmeasure for m in ("rouge1", "rouge2", "rougeL")})
    return found


def row(name, found, keep=None):
    keep = keep or [True] * len(found["scores"])
    scores = [s for s, k in zip(found["scores"], keep) if k]
    result = {"system": name, "items": len(scores), "seconds": found["seconds"],
              "mean_words": statistics.mean(w for w, k in zip(found["words"], keep) if k)}
    for metric in ("rouge1", "rouge2", "rougeL"):
        result[metric] = statistics.mean(s[metric] for s in scores)
    return result


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from train_summary_model import is_verbatim, load
    if not os.path.exists(DATA):
        sys.exit(f"no evaluation data at {DATA}")
    if not os.path.exists(BELEID):
        sys.exit("build first: swift build -c release")
    if not os.path.exists(CV):
        sys.exit("cross-validate first: python3 Benchmarks/train_summary_model.py")
    dev = load("dev")
    names = ["beleid", "beleid, unsupervised scorer", "Lead-3", "sumy LexRank", "sumy TextRank",
             "beleid, LexRank's length"]
    found = evaluate(dev, names)
    rows = [row(name, found[name]) for name in names]
    for r in rows:
        print(f"dev  {r['system']:28} R-1 {r['rouge1']:5.2f}  R-2 {r['rouge2']:5.2f}  R-L {r['rougeL']:5.2f}  "
              f"({r['mean_words']:.0f} words on average, {r['seconds']:.1f} s)")
    train = load("train")
    verbatim = [is_verbatim(item) for item in train]
    untrained = ["beleid, unsupervised scorer", "Lead-3", "sumy LexRank"]
    found = evaluate(train, untrained)
    train_rows = []
    for name in untrained:
        every, other = row(name, found[name]), row(name, found[name], [not v for v in verbatim])
        train_rows.append({"system": name, "all": every, "without verbatim": other})
        print(f"train {name:27} R-2 {every['rouge2']:5.2f} / {other['rouge2']:5.2f}  "
              f"R-L {every['rougeL']:5.2f} / {other['rougeL']:5.2f} (all / without verbatim)")
    os.makedirs(RESULTS, exist_ok=True)
    report = {"date": time.strftime("%Y-%m-%d"), "sentences": SENTENCES, "rows": rows, "train": train_rows,
              "cv": json.load(open(CV, encoding="utf-8")), "train_items": len(train), "verbatim": sum(verbatim)}
    with open(os.path.join(RESULTS, "summaries.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_table(report)


def write_table(report):
    cv = report["cv"]
    lines = [
        "<!-- summaries:start -->",
        f"Measured {report['date']} with `python3 Benchmarks/summary_eval.py`, {report['sentences']} sentences per "
        "summary, ROUGE F1 × 100 (rouge-score, default tokenizer, no stemming).",
        "",
        f"**Train** ({report['train_items']} rulings, {report['verbatim']} of them with a verbatim reference): "
        f"beleid's figure is {cv['folds']}-fold cross-validation (mean ± standard deviation over folds; each "
        "fold's model fitted on the other four); the other systems are not trained.",
        "",
        "| System | ROUGE-2, all | ROUGE-L, all | ROUGE-2, without verbatim | ROUGE-L, without verbatim |",
        "|---|---|---|---|---|",
        f"| beleid, cross-validated | {cv['all']['rouge2']['mean']:.2f} ± {cv['all']['rouge2']['sd']:.2f} | "
        f"{cv['all']['rougeL']['mean']:.2f} ± {cv['all']['rougeL']['sd']:.2f} | "
        f"{cv['without verbatim']['rouge2']['mean']:.2f} ± {cv['without verbatim']['rouge2']['sd']:.2f} | "
        f"{cv['without verbatim']['rougeL']['mean']:.2f} ± {cv['without verbatim']['rougeL']['sd']:.2f} |",
    ]
    for r in report["train"]:
        lines.append(f"| {r['system']} | {r['all']['rouge2']:.2f} | {r['all']['rougeL']:.2f} | "
                     f"{r['without verbatim']['rouge2']:.2f} | {r['without verbatim']['rougeL']:.2f} |")
    lines += [
        "",
        "**Dev** (40 rulings, never used for fitting or choosing; no verbatim references): the shipped model, "
        "fitted on all of train.",
        "",
        "| System | ROUGE-1 | ROUGE-2 | ROUGE-L | words per summary |",
        "|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        lines.append(f"| {r['system']} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeL']:.2f} | "
                     f"{r['mean_words']:.0f} |")
    lines.append("<!-- summaries:end -->")
    path = os.path.join(ROOT, "EVALUATION.md")
    text = open(path, encoding="utf-8").read()
    if "<!-- summaries:start -->" not in text:
        text += "\n<!-- summaries:start -->\n<!-- summaries:end -->\n"
    start = text.index("<!-- summaries:start -->")
    end = text.index("<!-- summaries:end -->") + len("<!-- summaries:end -->")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text[:start] + "\n".join(lines) + text[end:])


if __name__ == "__main__":
    main()
