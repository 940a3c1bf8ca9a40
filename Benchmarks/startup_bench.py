#!/usr/bin/env python3
"""Start-up: one search as a fresh process, beside SQLite FTS5, Xapian and Tantivy.

A terminal user runs one command and waits for it, so what counts is the
whole process: start, load, answer, exit. This indexes the bundled Corpus
(Corpus/nl, Corpus/en) with each engine, then times with hyperfine one query
per process ("cloud"; 5 warm-up runs, then --runs), and reads each command's
peak RSS with /usr/bin/time. The peers are their own command-line tools where
one exists: `sqlite3` (FTS5) and Xapian's `quest`; Tantivy has only its
Python binding, so its figure includes Python's start.

It also times beleid's other start-up paths (search without translation,
glossary lookup, analyze of a sentence, --version) and prints the phases
of a search (BELEID_TRACE=1, the median of 10 runs).

Writes Benchmarks/results/startup.json and the table between the
start-up markers in BENCHMARKS.md.

Usage (from the repository root, after `swift build -c release`, or with
the binary users run, installed with its Swift runtime linked in):

  python3 Benchmarks/startup_bench.py [--runs 50]
  Scripts/install /tmp/beleid-bench
  python3 Benchmarks/startup_bench.py --binary /tmp/beleid-bench/bin/beleid --runs 50

Needs hyperfine, sqlite3 and xapian-tools (Debian) and tantivy (pip).
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.append("/usr/lib/python3/dist-packages")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search_bench  # noqa: E402  (the peers' indexing, shared with the search benchmark)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
QUERY = "cloud"


def corpus_jsonl(path):
    """The bundled Corpus as JSON lines (id, title, text), for the peers."""
    with open(path, "w", encoding="utf-8") as out:
        for language in ("nl", "en"):
            folder = os.path.join(ROOT, "Corpus", language)
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    text = handle.read()
                out.write(json.dumps({"id": name, "title": "", "text": text}, ensure_ascii=False) + "\n")


def hyperfine(commands, runs, work):
    """Median and mean wall seconds of each command (name → shell command)."""
    export = os.path.join(work, "hyperfine.json")
    arguments = ["hyperfine", "-N", "--warmup", "5", "--runs", str(runs), "--export-json", export]
    for name, command in commands.items():
        arguments += ["-n", name, command]
    subprocess.run(arguments, check=True, cwd=work, stdout=subprocess.DEVNULL)
    with open(export) as handle:
        results = json.load(handle)["results"]
    return {r["command"]: {"median_ms": r["median"] * 1000, "mean_ms": r["mean"] * 1000,
                           "stddev_ms": r["stddev"] * 1000} for r in results}


def peak_rss_mb(command, work):
    """Peak RSS of one run, in MB (the median of 5)."""
    values = []
    for _ in range(5):
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", command + " >/dev/null 2>/dev/null"],
                                cwd=work, capture_output=True, text=True, check=True)
        values.append(int(result.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(values)


def phases(work):
    """beleid's start-up phases for a search, the median of 10 traced runs."""
    runs = []
    for _ in range(10):
        result = subprocess.run([BELEID, "search", "--index", "beleid-index", QUERY], cwd=work,
                                env=dict(os.environ, BELEID_TRACE="1"), capture_output=True, text=True)
        runs.append({m.group(1).strip(): float(m.group(2))
                     for m in re.finditer(r"trace: (.+?) +([0-9.]+) ms \(at", result.stderr)})
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def markdown(figures, command):
    rows = figures["search"]
    base = rows["beleid search"]["median_ms"]
    lines = [
        "<!-- startup-benchmark:start -->",
        f"One search (`{QUERY}`) of the bundled Corpus ({figures['documents']} documents) as a fresh process,"
        f" median of {figures['runs']} runs after 5 warm-up runs (hyperfine), on {figures['machine']};"
        f" beleid is {figures['binary']}. The peak RSS is the median of 5 runs of `/usr/bin/time`, taken after"
        " indexing, so the mapped analysis tables are in the page cache (see docs/analysis-cache.md).",
        f"Command: `{command}`.",
        "",
        "| command | median ms | × beleid | peak RSS MB |",
        "|---|---:|---:|---:|",
    ]
    for name, row in rows.items():
        lines.append(f"| {name} | {row['median_ms']:.1f} | {row['median_ms'] / base:.2f} | {row['rss_mb']:.1f} |")
    goals = [("beleid search", 20), ("beleid glossary lookup", 15), ("beleid analyze (a sentence)", 15)]
    met = [f"{name} ≤ {limit} ms: {'met' if rows[name]['median_ms'] <= limit else 'not met'}"
           f" ({rows[name]['median_ms']:.1f})" for name, limit in goals]
    met.append(f"search peak RSS ≤ 30 MB: {'met' if rows['beleid search']['rss_mb'] <= 30 else 'not met'}"
               f" ({rows['beleid search']['rss_mb']:.1f})")
    lines += ["", "Goals of issue #19: " + "; ".join(met) + "."]
    lines += ["", "beleid's search, by phase (BELEID_TRACE=1, median of 10 runs):", "",
              "| phase | ms |", "|---|---:|"]
    for name, value in figures["phases"].items():
        lines.append(f"| {name} | {value:.2f} |")
    lines.append("<!-- startup-benchmark:end -->")
    return "\n".join(lines)


def main():
    global BELEID
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--binary", default=BELEID, help="the beleid to time (default: .build/release/beleid)")
    options = parser.parse_args()
    BELEID = os.path.abspath(options.binary)
    for tool in ("hyperfine", "sqlite3", "quest"):
        if not shutil.which(tool):
            sys.exit(f"needs {tool}: apt-get install hyperfine sqlite3 xapian-tools")
    if not os.path.exists(BELEID):
        sys.exit("build beleid first: swift build -c release")
    work = tempfile.mkdtemp(prefix="beleid-startup-")
    jsonl = os.path.join(work, "corpus.jsonl")
    corpus_jsonl(jsonl)
    documents = sum(1 for _ in open(jsonl, encoding="utf-8"))
    subprocess.run([BELEID, "index", "--index", "beleid-index", os.path.join(ROOT, "Corpus", "nl"),
                    os.path.join(ROOT, "Corpus", "en")], cwd=work, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BELEID, "lexicon", "compile"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    for engine in ("fts5", "xapian", "tantivy"):
        folder = os.path.join(work, engine)
        os.makedirs(folder)
        search_bench.PEERS[engine][0](folder, jsonl)
    tantivy = ("python3 -c \"import tantivy,sys;i=tantivy.Index.open('tantivy');"
               "i.register_tokenizer('nl',tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())"
               ".filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.stemmer('dutch')).build());"
               "s=i.searcher();q=i.parse_query('%s',['title','text']);"
               "print([s.doc(a)['id'][0] for _,a in s.search(q,10).hits])\"" % QUERY)
    search = {
        "beleid search": f"{BELEID} search --index beleid-index {QUERY}",
        "beleid search --no-translate": f"{BELEID} search --index beleid-index --no-translate {QUERY}",
        "sqlite3 (FTS5)": f"sqlite3 fts5/fts.db \"SELECT id FROM docs WHERE docs MATCH '{QUERY}' ORDER BY rank LIMIT 10\"",
        "quest (Xapian)": f"quest -d xapian/db -s dutch {QUERY}",
        "python3 + tantivy": tantivy,
    }
    others = {
        "beleid glossary lookup": f"{BELEID} glossary lookup ketenveiligheid",
        "beleid analyze (a sentence)": f"{BELEID} analyze 'De NIS2-richtlijn wordt de Cyberbeveiligingswet.'",
        "beleid --version": f"{BELEID} --version",
    }
    # hyperfine -N runs without a shell: quote-aware splitting is its own.
    timed = hyperfine({**search, **others}, options.runs, work)
    figures = {
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "documents": documents, "runs": options.runs, "query": QUERY,
        "search": {name: {**timed[name], "rss_mb": peak_rss_mb(command, work)} for name, command in search.items()},
        "others": {name: {**timed[name], "rss_mb": peak_rss_mb(command, work)} for name, command in others.items()},
        "phases": phases(work),
    }
    figures["search"].update(figures.pop("others"))
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "startup.json"), "w") as handle:
        json.dump(figures, handle, indent=2)
    figures["binary"] = "installed (Scripts/install)" if "/bin/beleid" in BELEID else "the release build (.build/release)"
    command = "python3 Benchmarks/startup_bench.py --runs %d" % options.runs
    if options.binary != os.path.join(ROOT, ".build", "release", "beleid"):
        command = "Scripts/install /tmp/beleid-bench && " + command + " --binary /tmp/beleid-bench/bin/beleid"
    table = markdown(figures, command)
    print(table)
    path = os.path.join(ROOT, "BENCHMARKS.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if "<!-- startup-benchmark:start -->" in text:
        text = re.sub(r"<!-- startup-benchmark:start -->.*<!-- startup-benchmark:end -->", lambda _: table, text,
                      flags=re.S)
    else:
        text += "\n## Start-up\n\n" + table + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
