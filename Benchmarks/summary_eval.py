#!/usr/bin/env python3
"""ROUGE of extractive summaries on ../shared/data/eval/summaries-rechtspraak (Dutch court rulings).

For each of the 40 dev rulings, four systems pick 3 sentences of the text; each summary is scored
against the official inhoudsindicatie with rouge-score (ROUGE-1, ROUGE-2, ROUGE-L F1, the package's
default tokenizer, no stemming: the README's recipe A):

  beleid     beleid summarize --sentences 3 (its own sentence splitter, kind detected)
  Lead-3     the first 3 sentences (recipe A's splitter)
  LexRank    sumy 0.13 LexRankSummarizer, 3 sentences
  TextRank   sumy 0.13 TextRankSummarizer, 3 sentences
  beleid, LexRank's length   beleid summarize --words N, N = that item's LexRank summary's words

sumy gets recipe A's sentence splitter, a Unicode word tokenizer, its Dutch Snowball stemmer and
beleid's Dutch stop-word list (sumy ships none), so Lead-3 and sumy see the same sentences.

Writes Benchmarks/results/summaries.json and the table in EVALUATION.md between the summaries
markers. Usage (from the repository root, after `swift build -c release`):

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


def beleid_summary(text, folder, words=None):
    """beleid's 3-sentence summary, or with `words` its summary of at most that many words."""
    path = os.path.join(folder, "ruling.txt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    length = ["--words", str(words)] if words else ["--sentences", str(SENTENCES)]
    output = subprocess.run([BELEID, "summarize"] + length + ["--format", "json", "--lang", "nl", path],
                            check=True, capture_output=True, text=True).stdout
    return " ".join(s["text"] for s in json.loads(output)["sentences"])


def main():
    from rouge_score import rouge_scorer
    if not os.path.exists(DATA):
        sys.exit(f"no evaluation data at {DATA}")
    if not os.path.exists(BELEID):
        sys.exit("build first: swift build -c release")
    items = [json.loads(line) for line in open(DATA, encoding="utf-8")]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    systems = {
        "beleid": None,
        "Lead-3": lambda text: " ".join(split(text)[:SENTENCES]),
        "sumy LexRank": lambda text: sumy_summary(text, "lexrank"),
        "sumy TextRank": lambda text: sumy_summary(text, "textrank"),
        # The same item's LexRank summary's word count as a word budget: a check
        # that beleid does not win by choosing longer sentences.
        "beleid, LexRank's length": None,
    }
    scores = {name: {"rouge1": [], "rouge2": [], "rougeL": []} for name in systems}
    seconds = {name: 0.0 for name in systems}
    words = {name: [] for name in systems}
    with tempfile.TemporaryDirectory() as folder:
        for item in items:
            for name, make in systems.items():
                started = time.time()
                if name == "beleid":
                    summary = beleid_summary(item["text"], folder)
                elif make is None:
                    summary = beleid_summary(item["text"], folder, words=words["sumy LexRank"][-1])
                else:
                    summary = make(item["text"])
                seconds[name] += time.time() - started
                words[name].append(len(summary.split()))
                result = scorer.score(item["reference"], summary)
                for metric in scores[name]:
                    scores[name][metric].append(result[metric].fmeasure)
    rows = []
    for name in systems:
        row = {"system": name, "items": len(items), "seconds": seconds[name],
               "mean_words": statistics.mean(words[name])}
        for metric, values in scores[name].items():
            row[metric] = 100 * statistics.mean(values)
        rows.append(row)
        print(f"{name:24} R-1 {row['rouge1']:5.2f}  R-2 {row['rouge2']:5.2f}  R-L {row['rougeL']:5.2f}  "
              f"({row['mean_words']:.0f} words on average, {seconds[name]:.1f} s)")
    os.makedirs(RESULTS, exist_ok=True)
    report = {"date": time.strftime("%Y-%m-%d"), "sentences": SENTENCES, "rows": rows}
    with open(os.path.join(RESULTS, "summaries.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
    write_table(report)


def write_table(report):
    lines = [
        "<!-- summaries:start -->",
        f"Measured {report['date']} with `python3 Benchmarks/summary_eval.py`: 40 dev rulings, "
        f"{report['sentences']} sentences per summary, ROUGE F1 × 100 (rouge-score, default tokenizer, no stemming).",
        "",
        "| System | ROUGE-1 | ROUGE-2 | ROUGE-L | words per summary |",
        "|---|---|---|---|---|",
    ]
    for row in report["rows"]:
        lines.append(f"| {row['system']} | {row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} | "
                     f"{row['mean_words']:.0f} |")
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
