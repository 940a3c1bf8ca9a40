#!/usr/bin/env python3
"""English->Dutch retrieval on EU acts that exist in both languages, aligned by recital and article.

Not treaties: the acts in ../shared/data/corpus/eurlex/en have a Dutch pair in eurlex/nl (GDPR,
Product Liability Directive, Cyber Resilience Act; the English files cover part of each act).
Every Dutch act in eurlex/nl is split into its recitals and articles; those are the collection
(distractors included). A query is the first sentence of an English recital or article; its one
relevant document is the Dutch recital or article with the same number in the paired act. The
query's own sentence is left out of every document (the Dutch unit starts at its second
sentence), so that (d), the Dutch first sentence as the query, is a fair monolingual bound.
Units with fewer than two sentences are skipped.

Settings as in clir_eval.py: (a) no translation, (b) glossary, (c) glossary + FreeDict, (d)
Dutch queries, (e) glossary + open lexicons, (f) with MUSE. Nothing here was tuned: the
split, the query rule and the settings were fixed before the first run.

Backwards, the Dutch first sentences are searched among the English units (without their first
sentence): settings (a), (c), (e) with Dutch queries and (d) with the English ones.

Usage (from the repository root, after `swift build -c release`):

  python3 Benchmarks/eurlex_clir_eval.py

Writes Benchmarks/results/eurlex-clir.json and the table in EVALUATION.md between the
eurlex-clir markers.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clir_eval  # noqa: E402  (settings, lexicon tables and the beleid binary)

ROOT = clir_eval.ROOT
EURLEX = os.path.join(ROOT, "..", "shared", "data", "corpus", "eurlex")
WORK = os.path.join(ROOT, "Benchmarks", "work", "eurlex-clir")
SENTENCE = re.compile(r"(?<=[a-z0-9)\]][.;:])\s+(?=[A-Z(‘“])")


def front_matter(text):
    """The YAML front matter's simple key: value lines, and the body."""
    meta = {}
    if text.startswith("---\n"):
        end = text.index("\n---", 4)
        for line in text[4:end].splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                meta[key.strip()] = value.strip().strip('"')
        text = text[end + 4:]
    return meta, text


def sequential(text, pattern):
    """Units numbered 1, 2, 3, ... in order: the first match of each next number after the last."""
    units, position, number = {}, 0, 1
    starts = []
    while True:
        match = re.compile(pattern.format(number=number)).search(text, position)
        if not match:
            break
        starts.append((number, match.start(), match.end()))
        position, number = match.end(), number + 1
    for index, (number, start, body) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(text)
        units[number] = text[body:end]
    return units


def dutch_units(text):
    """A flattened Dutch act: recitals (N) up to Artikel 1, then Artikel N with its title."""
    text = re.sub(r"\s+", " ", text)
    first_article = re.search(r"Artikel 1 (?=[A-Z])", text)
    head = text[:first_article.start()] if first_article else text
    recitals = sequential(head, r"\({number}\) (?=[A-Z])")
    articles = sequential(text[first_article.start():], r"Artikel {number} (?=[A-Z])") if first_article else {}
    return recitals, articles


def english_units(text):
    """An English act in Markdown: recitals '(N) ' or 'N.  ' lines, articles under 'Article N' lines."""
    recitals, articles = {}, {}
    current = None
    for line in text.splitlines():
        stripped = line.strip().lstrip("#").strip()
        heading = re.fullmatch(r"Article (\d+)", stripped)
        if heading:
            current = ("article", int(heading.group(1)))
            articles[current[1]] = []
            continue
        recital = re.match(r"^\(?(\d+)[.)]\s+(?=[A-Z])", line.strip()) if current is None else None
        if recital and int(recital.group(1)) == len(recitals) + 1:
            recitals[int(recital.group(1))] = [line.strip()[recital.end():]]
            continue
        if current and stripped:
            articles[current[1]].append(stripped)
        elif recitals and stripped and current is None and not stripped.startswith(("HAVE ADOPTED", "Whereas")):
            pass
    return ({n: " ".join(lines) for n, lines in recitals.items()},
            {n: " ".join(lines[1:]) for n, lines in articles.items() if len(lines) > 1})


def sentences(text):
    text = re.sub(r"\[\^\d+\]", "", re.sub(r"\s+", " ", text)).strip()
    return [s for s in SENTENCE.split(text) if len(s.split()) >= 4]


def build():
    os.makedirs(WORK, exist_ok=True)
    pairs = {}
    for name in sorted(os.listdir(os.path.join(EURLEX, "en"))):
        meta, _ = front_matter(open(os.path.join(EURLEX, "en", name), encoding="utf-8").read())
        if meta.get("pair"):
            pairs[os.path.basename(meta["pair"])] = name
    documents, queries, queries_nl, qrels, reverse_documents = [], [], [], [], []
    for name in sorted(os.listdir(os.path.join(EURLEX, "nl"))):
        meta, body = front_matter(open(os.path.join(EURLEX, "nl", name), encoding="utf-8").read())
        celex = meta.get("celex", name)
        recitals, articles = dutch_units(body)
        english = None
        if name in pairs:
            _, en_body = front_matter(open(os.path.join(EURLEX, "en", pairs[name]), encoding="utf-8").read())
            english = english_units(en_body)
        for kind, units in (("rec", recitals), ("art", articles)):
            for number, text in units.items():
                dutch = sentences(text)
                if len(dutch) < 2:
                    continue
                docid = f"{celex}/{kind}-{number}"
                documents.append({"id": docid, "title": f"{celex} {kind} {number}", "text": " ".join(dutch[1:]),
                                  "lang": "nl"})
                if english is None:
                    continue
                source = english[0] if kind == "rec" else english[1]
                en = sentences(source.get(number, ""))
                if len(en) < 2:
                    continue
                qid = f"{celex}-{kind}-{number}"
                queries.append(f"{qid}\t{' '.join(en[0].split()[:40])}")
                queries_nl.append(f"{qid}\t{' '.join(dutch[0].split()[:40])}")
                qrels.append(f"{qid} 0 {docid} 1")
                # Backwards: the English unit, without its first sentence,
                # for the Dutch first sentence (Dutch -> English).
                reverse_documents.append({"id": docid, "title": f"{celex} {kind} {number}",
                                          "text": " ".join(en[1:]), "lang": "en"})
    with open(os.path.join(WORK, "collection.jsonl"), "w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    with open(os.path.join(WORK, "collection-en.jsonl"), "w", encoding="utf-8") as handle:
        for document in reverse_documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    for file, lines in (("queries.tsv", queries), ("queries-nl.tsv", queries_nl), ("qrels.txt", qrels)):
        with open(os.path.join(WORK, file), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    return len(documents), len(queries)


def main():
    if not os.path.isdir(EURLEX):
        sys.exit(f"no EUR-Lex corpus at {EURLEX}")
    documents, count = build()
    print(f"{documents} Dutch recitals and articles, {count} English queries")
    index = os.path.join(WORK, "index")
    clir_eval.subprocess.run([clir_eval.BELEID, "index", "--rebuild", "--index", index,
                              os.path.join(WORK, "collection.jsonl")], check=True, stdout=clir_eval.subprocess.DEVNULL)
    relevant = {}
    for line in open(os.path.join(WORK, "qrels.txt"), encoding="utf-8"):
        qid, _, docid, _ = line.split()
        relevant.setdefault(qid, set()).add(docid)
    rows = []
    for key, label, queries, options, lexicon in clir_eval.SETTINGS:
        file = os.path.join(WORK, "queries-nl.tsv" if key == "d" else "queries.tsv")
        output = clir_eval.subprocess.run(
            [clir_eval.BELEID, "search", "--index", index, "--queries", file, "--json", "--limit", "10", "--literal"]
            + options, check=True, capture_output=True, text=True,
            env=dict(os.environ, BELEID_LEXICON=clir_eval.lexicon_table(lexicon))).stdout
        mrr, recall, _ = clir_eval.score(json.loads(output), relevant)
        rows.append({"setting": key, "label": label, "mrr10": mrr, "recall10": recall})
        print(f"({key}) {label:42} MRR@10 {mrr:.3f}  R@10 {recall:.3f}")
    upper = rows[3]["mrr10"]
    # Dutch -> English: the Dutch first sentences against the aligned English units.
    index_en = os.path.join(WORK, "index-en")
    clir_eval.subprocess.run([clir_eval.BELEID, "index", "--rebuild", "--index", index_en,
                              os.path.join(WORK, "collection-en.jsonl")], check=True,
                             stdout=clir_eval.subprocess.DEVNULL)
    reverse_rows = []
    for key, label, file, options, lexicon in [
            ("a", "Dutch, no translation", "queries-nl.tsv", ["--no-translate", "--lang", "nl"], None),
            ("c", "Dutch, glossary + FreeDict", "queries-nl.tsv", ["--lang", "nl"], None),
            ("d", "English (monolingual upper bound)", "queries.tsv", ["--no-translate", "--lang", "en"], None),
            ("e", "Dutch, glossary + open lexicons", "queries-nl.tsv", ["--lang", "nl"], [])]:
        output = clir_eval.subprocess.run(
            [clir_eval.BELEID, "search", "--index", index_en, "--queries", os.path.join(WORK, file), "--json",
             "--limit", "10", "--literal"] + options, check=True, capture_output=True, text=True,
            env=dict(os.environ, BELEID_LEXICON=clir_eval.lexicon_table(lexicon))).stdout
        mrr, recall, _ = clir_eval.score(json.loads(output), relevant)
        reverse_rows.append({"setting": key, "label": label, "mrr10": mrr, "recall10": recall})
        print(f"NL->EN ({key}) {label:36} MRR@10 {mrr:.3f}  R@10 {recall:.3f}")
    reverse_upper = reverse_rows[2]["mrr10"]
    lines = ["<!-- eurlex-clir:start -->",
             f"`python3 Benchmarks/eurlex_clir_eval.py`: {count} English queries, {documents} Dutch recitals and articles.",
             "", "| Setting | MRR@10 | Recall@10 | MRR vs (d) |", "|---|---|---|---|"]
    for row in rows:
        lines.append(f"| ({row['setting']}) {row['label']} | {row['mrr10']:.3f} | {row['recall10']:.3f} | "
                     f"{100 * row['mrr10'] / upper:.0f}% |")
    lines += ["", f"Dutch -> English: the Dutch first sentences of the same {count} units against their English "
              "versions (the same units, without their first sentence; no distractors beyond them).", "",
              "| Setting | MRR@10 | Recall@10 | MRR vs (d) |", "|---|---|---|---|"]
    for row in reverse_rows:
        lines.append(f"| ({row['setting']}) {row['label']} | {row['mrr10']:.3f} | {row['recall10']:.3f} | "
                     f"{100 * row['mrr10'] / reverse_upper:.0f}% |")
    lines.append("<!-- eurlex-clir:end -->")
    os.makedirs(clir_eval.RESULTS, exist_ok=True)
    with open(os.path.join(clir_eval.RESULTS, "eurlex-clir.json"), "w", encoding="utf-8") as handle:
        json.dump({"queries": count, "documents": documents, "rows": rows, "dutch_to_english": reverse_rows}, handle,
                  indent=2)
    path = os.path.join(ROOT, "EVALUATION.md")
    text = open(path, encoding="utf-8").read()
    if "<!-- eurlex-clir:start -->" in text:
        start = text.index("<!-- eurlex-clir:start -->")
        end = text.index("<!-- eurlex-clir:end -->") + len("<!-- eurlex-clir:end -->")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text[:start] + "\n".join(lines) + text[end:])
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
