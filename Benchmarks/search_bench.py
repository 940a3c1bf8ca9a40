#!/usr/bin/env python3
"""Index and query the BWB benchmark corpus with beleid, SQLite FTS5, Xapian and Tantivy.

One run indexes the same decompressed JSONL with every engine (each in its own
process, so its peak RSS can be read; on the full corpus three times, the
engines taking turns, and the index time is the median), runs the same 1,000
queries top 10 in
process after one warm-up pass (rounds of three passes, the engines taking
turns; in a round each query counts its best time, and latencies are the
median over the rounds, whose spread is reported too), and writes:

  Benchmarks/results/search.json   every figure
  Benchmarks/results/search.svg    index time and query latency against corpus size
  BENCHMARKS.md                    the tables, between the search-benchmark markers

Usage (from the repository root, after `swift build -c release`):

  python3 Benchmarks/search_bench.py [--fractions 0.01,0.1,1] [--engines beleid,fts5,xapian,tantivy] \
      [--rounds 3] [--index-rounds 3]

Peers: sqlite3 (Python standard library; FTS5, unicode61 remove_diacritics 2),
python3-xapian (Debian; Dutch stemmer, positions), tantivy (pip; simple
tokenizer, lowercase, Dutch stemmer, positions, 2 threads).
"""
import argparse
import json
import lzma
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

sys.path.append("/usr/lib/python3/dist-packages")  # python3-xapian from Debian

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "data", "bench", "bwb-laws.jsonl.xz")
QUERIES = os.path.join(ROOT, "..", "shared", "data", "bench", "queries.tsv")
WORK = os.path.join(ROOT, "Benchmarks", "work")
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
ENGINES = ["beleid", "fts5", "xapian", "tantivy"]
QUERY_PASSES = 3


def read_queries():
    queries = []
    for line in open(QUERIES, encoding="utf-8"):
        qid, kind, text = line.rstrip("\n").split("\t")
        queries.append((qid, kind, text))
    return queries


def documents(path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


# ---------------------------------------------------------------- peers

def fts5_index(folder, jsonl):
    import sqlite3
    connection = sqlite3.connect(os.path.join(folder, "fts.db"))
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')")
    with connection:
        connection.executemany(
            "INSERT INTO docs(id, title, text) VALUES (?, ?, ?)",
            ((d["id"], d.get("title", ""), d.get("text", "")) for d in documents(jsonl)))
    connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    connection.commit()
    connection.close()


def fts5_queries(folder, queries):
    import sqlite3
    connection = sqlite3.connect(os.path.join(folder, "fts.db"))

    def expression(kind, text):
        words = text.split()
        if kind == "or":
            return " OR ".join('"%s"' % w for w in words)
        return '"%s"' % text

    def run(kind, text):
        return [row[0] for row in connection.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", (expression(kind, text),))]
    return run


def xapian_index(folder, jsonl):
    import xapian
    database = xapian.WritableDatabase(os.path.join(folder, "db"), xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("dutch"))
    generator.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    for d in documents(jsonl):
        document = xapian.Document()
        generator.set_document(document)
        generator.index_text(d.get("title", ""))
        generator.increase_termpos()
        generator.index_text(d.get("text", ""))
        document.set_data(d["id"])
        database.add_document(document)
    database.commit()
    database.close()


def xapian_queries(folder, queries):
    import xapian
    database = xapian.Database(os.path.join(folder, "db"))
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("dutch"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_database(database)
    parser.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(database)
    flags = xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN

    def run(kind, text):
        if kind == "or":
            text = " OR ".join(text.split())
        elif kind == "phrase":
            text = '"%s"' % text
        enquire.set_query(parser.parse_query(text, flags))
        return [m.document.get_data().decode() for m in enquire.get_mset(0, 10)]
    return run


def tantivy_schema():
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name="nl")
    builder.add_text_field("text", tokenizer_name="nl")
    return builder.build()


def tantivy_analyzer():
    import tantivy
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.stemmer("dutch")).build())


def tantivy_index(folder, jsonl):
    import tantivy
    index = tantivy.Index(tantivy_schema(), path=folder)
    index.register_tokenizer("nl", tantivy_analyzer())
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for d in documents(jsonl):
        writer.add_document(tantivy.Document(id=d["id"], title=d.get("title", ""), text=d.get("text", "")))
    writer.commit()
    writer.wait_merging_threads()


def tantivy_queries(folder, queries):
    import tantivy
    index = tantivy.Index.open(folder)
    index.register_tokenizer("nl", tantivy_analyzer())
    searcher = index.searcher()

    def run(kind, text):
        if kind == "or":
            text = " OR ".join(text.split())
        elif kind == "phrase":
            text = '"%s"' % text
        query = index.parse_query(text, ["title", "text"])
        return [searcher.doc(address)["id"][0] for _, address in searcher.search(query, 10).hits]
    return run


PEERS = {
    "fts5": (fts5_index, fts5_queries),
    "xapian": (xapian_index, xapian_queries),
    "tantivy": (tantivy_index, tantivy_queries),
}


def peer_main(arguments):
    """Runs in a child process: `_index ENGINE FOLDER JSONL` or `_query ENGINE FOLDER`."""
    action, engine, folder = arguments[:3]
    index, queries = PEERS[engine]
    if action == "_index":
        index(folder, arguments[3])
        return
    run = queries(folder, None)
    items = read_queries()
    for _, kind, text in items:  # warm-up
        run(kind, text)
    timings = []
    for qid, kind, text in items:
        start = time.perf_counter()
        hits = run(kind, text)
        timings.append({"qid": qid, "kind": kind, "ms": (time.perf_counter() - start) * 1000, "hits": len(hits)})
    print(json.dumps(timings))


# ---------------------------------------------------------------- driver

def measured(command):
    """Runs a command; returns (wall seconds, peak RSS in bytes, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(command), error[-2000:]))
    return seconds, usage.ru_maxrss * 1024, output


def folder_size(folder):
    total = 0
    for directory, _, files in os.walk(folder):
        for name in files:
            total += os.path.getsize(os.path.join(directory, name))
    return total


def subset(fraction):
    full = os.path.join(WORK, "bwb-laws.jsonl")
    os.makedirs(WORK, exist_ok=True)
    if not os.path.exists(full):
        with lzma.open(CORPUS, "rb") as source, open(full + ".part", "wb") as target:
            shutil.copyfileobj(source, target, 1 << 24)
        os.rename(full + ".part", full)
    if fraction >= 1:
        return full
    path = os.path.join(WORK, "bwb-laws-%g.jsonl" % fraction)
    if not os.path.exists(path):
        # Stream: the driver must stay small, since a forked child's peak
        # RSS (ru_maxrss) starts from the parent's resident size.
        total = sum(1 for _ in open(full, encoding="utf-8"))
        wanted = max(1, int(total * fraction))
        with open(full, encoding="utf-8") as source, open(path + ".part", "w", encoding="utf-8") as target:
            for number, line in enumerate(source):
                if number >= wanted:
                    break
                target.write(line)
        os.rename(path + ".part", path)
    return path


def beleid_queries_file():
    path = os.path.join(WORK, "beleid-queries.tsv")
    with open(path, "w", encoding="utf-8") as target:
        for qid, kind, text in read_queries():
            if kind == "or":
                text = " OR ".join(text.split())
            elif kind == "phrase":
                text = '"%s"' % text
            target.write("%s\t%s\n" % (qid, text))
    return path


def index_engine(engine, jsonl, label):
    """Indexes `jsonl` with `engine`; returns its folder and figures."""
    folder = os.path.join(WORK, "index-%s-%s" % (engine, label))
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    if engine == "beleid":
        seconds, rss, _ = measured([BELEID, "index", "--rebuild", "--index", folder, jsonl])
    else:
        seconds, rss, _ = measured([sys.executable, os.path.abspath(__file__), "_index", engine, folder, jsonl])
    return folder, {"engine": engine, "index_seconds": seconds, "peak_rss": rss, "index_bytes": folder_size(folder)}


def query_pass(engine, folder):
    """One pass of the 1,000 queries in a fresh process: [{qid, kind, ms, hits}]."""
    if engine == "beleid":
        kinds = {qid: kind for qid, kind, _ in read_queries()}
        # --no-translate: the peers search the words as written, so beleid does too.
        _, _, output = measured([BELEID, "search", "--index", folder, "--lang", "nl", "--limit", "10",
                                 "--no-translate", "--queries", beleid_queries_file(), "--json", "--warm-up"])
        return [{"qid": r["qid"], "kind": kinds[r["qid"]], "ms": r["milliseconds"], "hits": len(r["hits"])}
                for r in json.loads(output)]
    _, _, output = measured([sys.executable, os.path.abspath(__file__), "_query", engine, folder])
    return json.loads(output)


BATCH_THREADS = (1, 2)


BATCH_REPEATS = 10


def batch_throughput(folder, passes=3):
    """Wall seconds of a whole `beleid search --queries` run of the 1,000
    queries, ten times over (10,000 queries, so that start-up is a small
    part), with 1 and with 2 threads over one open index, the thread counts
    taking turns; each the best of `passes`."""
    repeated = os.path.join(WORK, "beleid-queries-x%d.tsv" % BATCH_REPEATS)
    with open(beleid_queries_file(), encoding="utf-8") as source:
        lines = [line for line in source if line.strip()]
    with open(repeated, "w", encoding="utf-8") as target:
        for number in range(BATCH_REPEATS):
            for line in lines:
                target.write("r%d-%s" % (number, line if line.endswith("\n") else line + "\n"))
    best = {threads: float("inf") for threads in BATCH_THREADS}
    for number in range(passes):
        for threads in BATCH_THREADS:
            print("  batch pass %d with %d thread(s)…" % (number + 1, threads), file=sys.stderr, flush=True)
            seconds, _, _ = measured([BELEID, "search", "--index", folder, "--lang", "nl", "--limit", "10",
                                      "--no-translate", "--queries", repeated, "--threads", str(threads)])
            best[threads] = min(best[threads], seconds)
    return {str(threads): seconds for threads, seconds in best.items()}


def run_engines(engines, jsonl, label, rounds=1, index_rounds=1):
    """Indexes with every engine `index_rounds` times, the engines taking
    turns, then measures queries in `rounds` rounds of QUERY_PASSES passes
    each, the engines taking turns within each pass; a round keeps each
    query's best time, and the reported figures are the median over rounds:
    on a shared 2-core machine one pass varies by 20–40% from minute to
    minute, and taking turns exposes every engine to the same minutes. The
    index time is the median of the indexing rounds and the peak RSS their
    largest. Each round's figures are kept, to show the spread."""
    index_runs = {engine: [] for engine in engines}
    folders = {}
    for index_round in range(index_rounds):
        for engine in engines:
            print("  indexing round %d with %s…" % (index_round + 1, engine), file=sys.stderr, flush=True)
            folders[engine], figures = index_engine(engine, jsonl, label)
            index_runs[engine].append(figures)
    indexed = []
    for engine in engines:
        runs = index_runs[engine]
        figures = dict(runs[-1])
        figures["index_seconds"] = statistics.median(r["index_seconds"] for r in runs)
        figures["peak_rss"] = max(r["peak_rss"] for r in runs)
        figures["index_rounds"] = [r["index_seconds"] for r in runs]
        indexed.append((folders[engine], figures))
    measured_rounds = {engine: [] for engine in engines}
    for round_number in range(rounds):
        passes = {engine: [] for engine in engines}
        for number in range(QUERY_PASSES):
            for engine, (folder, _) in zip(engines, indexed):
                print("  round %d, query pass %d with %s…" % (round_number + 1, number + 1, engine),
                      file=sys.stderr, flush=True)
                passes[engine].append(query_pass(engine, folder))
        for engine in engines:
            measured_rounds[engine].append(round_figures(passes[engine]))
    batch = batch_throughput(folders["beleid"]) if "beleid" in engines and rounds > 1 else None
    results = []
    for engine, (folder, result) in zip(engines, indexed):
        if engine == "beleid" and batch:
            result["batch_seconds"] = batch
        figures = measured_rounds[engine]
        for key in figures[0]:
            result[key] = statistics.median(f[key] for f in figures)
        result["rounds"] = [{"p50_ms": f["p50_ms"], "p95_ms": f["p95_ms"]} for f in figures]
        shutil.rmtree(folder, ignore_errors=True)
        results.append(result)
    return results


def round_figures(passes):
    """One round's figures from its passes: each query's best time."""
    timings = passes[0]
    by_qid = [{t["qid"]: t["ms"] for t in run} for run in passes]
    for timing in timings:
        timing["ms"] = min(run[timing["qid"]] for run in by_qid)
    ms = sorted(t["ms"] for t in timings)
    figures = {
        "p50_ms": ms[len(ms) // 2], "p95_ms": ms[int(len(ms) * 0.95)], "mean_ms": statistics.mean(ms),
        "queries": len(ms), "queries_with_hits": sum(1 for t in timings if t["hits"] > 0),
    }
    for kind in ("term", "or", "phrase"):
        kind_ms = sorted(t["ms"] for t in timings if t["kind"] == kind)
        figures["p50_%s_ms" % kind] = kind_ms[len(kind_ms) // 2]
    return figures


def svg_chart(runs, engines):
    """Two panels: index seconds and query p50 against corpus MB (log-log)."""
    import math
    colors = {"beleid": "#d62728", "fts5": "#1f77b4", "xapian": "#2ca02c", "tantivy": "#ff7f0e"}
    width, height, margin = 460, 320, 56
    panels = [("index time (s)", "index_seconds"), ("query p50 (ms)", "p50_ms")]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">'
             % (2 * width, height + 40), '<rect width="100%" height="100%" fill="white"/>']
    sizes = sorted({r["megabytes"] for r in runs})
    for panel, (title, key) in enumerate(panels):
        x0 = panel * width
        values = [r[key] for r in runs if r[key] > 0]
        lo, hi = math.log10(min(values)) - 0.1, math.log10(max(values)) + 0.1
        xlo, xhi = math.log10(min(sizes)) - 0.1, math.log10(max(sizes)) + 0.1

        def px(mb):
            return x0 + margin + (math.log10(mb) - xlo) / (xhi - xlo) * (width - 2 * margin)

        def py(v):
            return height - margin + 20 - (math.log10(v) - lo) / (hi - lo) * (height - 2 * margin)
        parts.append('<text x="%d" y="18" font-size="13" font-weight="bold">%s</text>' % (x0 + margin, title))
        parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
                     % (x0 + margin, height - margin + 20, x0 + width - margin, height - margin + 20))
        parts.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
                     % (x0 + margin, 30, x0 + margin, height - margin + 20))
        for mb in sizes:
            parts.append('<text x="%.1f" y="%d" text-anchor="middle">%.0f MB</text>' % (px(mb), height - margin + 36, mb))
        for exponent in range(math.floor(lo), math.ceil(hi) + 1):
            for factor in (1, 3):
                value = factor * 10 ** exponent
                if lo <= math.log10(value) <= hi:
                    parts.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (x0 + margin - 4, py(value) + 4, value))
                    parts.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>'
                                 % (x0 + margin, py(value), x0 + width - margin, py(value)))
        for engine in engines:
            points = sorted((r["megabytes"], r[key]) for r in runs if r["engine"] == engine)
            path = " ".join("%.1f,%.1f" % (px(mb), py(v)) for mb, v in points)
            parts.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>' % (path, colors[engine]))
            for mb, v in points:
                parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(mb), py(v), colors[engine]))
    for index, engine in enumerate(engines):
        parts.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>' % (margin + 110 * index, height + 24, colors[engine]))
        parts.append('<text x="%d" y="%d">%s</text>' % (margin + 16 + 110 * index, height + 34, engine))
    parts.append("</svg>")
    return "\n".join(parts)


def markdown(runs, engines, command, machine):
    full = [r for r in runs if r["fraction"] == max(x["fraction"] for x in runs)]
    by = {r["engine"]: r for r in full}
    lines = ["Command: `%s`" % command, "", "Machine: %s" % machine, "",
             "Corpus: %d documents, %.1f MB of JSONL; 1,000 queries (354 term, 379 OR, 267 phrase), top 10, "
             "timed in process after one warm-up pass; in each round a query's time is the best of 3 passes, the engines "
             "taking turns, and latencies are the median of %d rounds. Each engine indexed the corpus %d times, the "
             "engines taking turns: the index time is the median of those runs and the peak RSS the largest."
             % (full[0]["documents"], full[0]["megabytes"], len(full[0]["rounds"]), len(full[0].get("index_rounds", [0]))), "",
             "| engine | index time (s) | MB/s | index size (MB) | peak RSS (MB) | p50 (ms) | p95 (ms) | mean (ms) | queries with hits |",
             "|---|---|---|---|---|---|---|---|---|"]
    for engine in engines:
        r = by[engine]
        lines.append("| %s | %.1f | %.1f | %.1f | %.0f | %.3f | %.3f | %.3f | %d |" % (
            engine, r["index_seconds"], r["megabytes"] / r["index_seconds"], r["index_bytes"] / 1e6,
            r["peak_rss"] / 1e6, r["p50_ms"], r["p95_ms"], r["mean_ms"], r["queries_with_hits"]))
    lines += ["", "Ratios beleid / peer (below 1 means beleid is faster, smaller or leaner):", "",
              "| peer | index time | index size | peak RSS | p50 | p95 | mean |", "|---|---|---|---|---|---|---|"]
    b = by["beleid"]
    for engine in engines:
        if engine == "beleid":
            continue
        r = by[engine]
        lines.append("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |" % (
            engine, b["index_seconds"] / r["index_seconds"], b["index_bytes"] / r["index_bytes"],
            b["peak_rss"] / r["peak_rss"], b["p50_ms"] / r["p50_ms"], b["p95_ms"] / r["p95_ms"], b["mean_ms"] / r["mean_ms"]))
    if len(b["rounds"]) > 1 or len(b.get("index_rounds", [])) > 1:
        lines += ["", "Spread: the ratios beleid / peer in each round:", "",
                  "| peer | index time by round | p50 by round | p95 by round |", "|---|---|---|---|"]
        for engine in engines:
            if engine == "beleid":
                continue
            pairs = list(zip(b["rounds"], by[engine]["rounds"]))
            index_pairs = list(zip(b.get("index_rounds", []), by[engine].get("index_rounds", [])))
            lines.append("| %s | %s | %s | %s |" % (
                engine, ", ".join("%.2f" % (x / y) for x, y in index_pairs),
                ", ".join("%.2f" % (x["p50_ms"] / y["p50_ms"]) for x, y in pairs),
                ", ".join("%.2f" % (x["p95_ms"] / y["p95_ms"]) for x, y in pairs)))
    if b.get("batch_seconds"):
        one, two = b["batch_seconds"]["1"], b["batch_seconds"]["2"]
        count = 1000 * BATCH_REPEATS
        lines += ["", "Batch throughput: the 1,000 queries ten times over as one `beleid search --queries` run over "
                  "one open index (wall time with start-up, no warm-up, best of 3 passes, thread counts taking "
                  "turns): 1 thread %.2f s (%.0f queries/s), 2 threads %.2f s (%.0f queries/s): %.2f× the throughput."
                  % (one, count / one, two, count / two, one / two)]
    lines += ["", "Median latency by query kind (ms):", "", "| engine | term | or | phrase |", "|---|---|---|---|"]
    for engine in engines:
        r = by[engine]
        lines.append("| %s | %.3f | %.3f | %.3f |" % (engine, r["p50_term_ms"], r["p50_or_ms"], r["p50_phrase_ms"]))
    fractions = sorted({r["fraction"] for r in runs})
    if len(fractions) > 1:
        lines += ["", "Scaling (index seconds / query p50 ms) at each share of the corpus:", "",
                  "| engine | " + " | ".join("%g%% (%.0f MB)" % (100 * f, next(r["megabytes"] for r in runs if r["fraction"] == f))
                                           for f in fractions) + " |",
                  "|---|" + "---|" * len(fractions)]
        for engine in engines:
            cells = []
            for f in fractions:
                r = next(x for x in runs if x["engine"] == engine and x["fraction"] == f)
                cells.append("%.2f s / %.3f ms" % (r["index_seconds"], r["p50_ms"]))
            lines.append("| %s | %s |" % (engine, " | ".join(cells)))
        lines += ["", "![index time and query p50 against corpus size](Benchmarks/results/search.svg)"]
    return "\n".join(lines)


def main():
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        peer_main(sys.argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fractions", default="0.01,0.1,1")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--rounds", type=int, default=3,
                        help="query rounds on the full corpus (one on smaller shares); figures are their median")
    parser.add_argument("--index-rounds", type=int, default=3,
                        help="indexing runs per engine on the full corpus (one on smaller shares); the index time "
                             "is their median")
    arguments = parser.parse_args()
    if arguments.rounds < 1 or arguments.index_rounds < 1:
        parser.error("--rounds and --index-rounds must be at least 1")
    fractions = [float(x) for x in arguments.fractions.split(",")]
    engines = arguments.engines.split(",")
    if not os.path.exists(BELEID):
        raise SystemExit("build beleid first: swift build -c release")
    # The first run after a build compiles beleid's word lists and
    # dictionaries into its cache (docs/analysis-cache.md), once per
    # install; do it now, so that no timed run pays for it.
    subprocess.run([BELEID, "lexicon", "compile"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)
    runs = []
    for fraction in fractions:
        jsonl = subset(fraction)
        megabytes = os.path.getsize(jsonl) / 1e6
        with open(jsonl, encoding="utf-8") as handle:
            count = sum(1 for _ in handle)
        print("%g%% of the corpus (%.1f MB)…" % (100 * fraction, megabytes), file=sys.stderr, flush=True)
        full = fraction == max(fractions)
        rounds = arguments.rounds if full else 1
        index_rounds = arguments.index_rounds if full else 1
        for result in run_engines(engines, jsonl, "%g" % fraction, rounds, index_rounds):
            result.update({"fraction": fraction, "megabytes": megabytes, "documents": count})
            print("  " + json.dumps(result), file=sys.stderr, flush=True)
            runs.append(result)
    command = "python3 Benchmarks/search_bench.py --fractions %s --engines %s --rounds %d --index-rounds %d" % (
        arguments.fractions, arguments.engines, arguments.rounds, arguments.index_rounds)
    machine = "%s, %d cores, %s, Python %s" % (platform.machine(), os.cpu_count(), platform.platform(), platform.python_version())
    json.dump({"command": command, "machine": machine, "runs": runs}, open(os.path.join(RESULTS, "search.json"), "w"), indent=2)
    if len(fractions) > 1:
        open(os.path.join(RESULTS, "search.svg"), "w").write(svg_chart(runs, engines))
    table = markdown(runs, engines, command, machine)
    print(table)
    path = os.path.join(ROOT, "BENCHMARKS.md")
    text = open(path, encoding="utf-8").read()
    start, end = "<!-- search-benchmark:start -->", "<!-- search-benchmark:end -->"
    if start in text and end in text:
        text = text[:text.index(start) + len(start)] + "\n" + table + "\n" + text[text.index(end):]
        open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
