#!/usr/bin/env python3
"""The HTTP server under load: wrk against `beleid serve`'s /api/search on the full BWB index.

One run, on one machine:
  1. the in-process batch rate: `beleid search --queries` over the 1,000 benchmark queries ten
     times over with 2 threads (both cores), wall time with start-up, best of 3;
  2. `beleid serve` (release) on the same index; wrk (Debian) with 2 threads, a Lua script that
     rotates the same 1,000 queries (Dutch analysis, no translation, top 10, as the batch), at 16,
     64 and 256 connections, 15 s each after a 5 s warm-up, without facets or snippets (what the
     batch does); then once more at 64 connections with the API's defaults (facets: every match
     counted, a second pass; snippets: each hit's text read and analysed);
  3. the server's peak RSS (VmHWM) against the index's size on disk.

Usage (from the repository root, after `swift build -c release` and the index of search_bench.py
or count_instructions.sh in Benchmarks/work):

  python3 Benchmarks/serve_bench.py [--index Benchmarks/work/index-callgrind] [--seconds 15]

Writes Benchmarks/results/serve.json and prints a Markdown table for BENCHMARKS.md.
"""
import argparse, json, os, re, subprocess, sys, tempfile, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BELEID = os.path.join(ROOT, ".build", "release", "beleid")
QUERIES = os.path.join(ROOT, "Benchmarks", "work", "beleid-queries.tsv")

LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%.1f %%.1f %%.1f %%.1f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration, 0,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
"""


def queries():
    with open(QUERIES, encoding="utf-8") as source:
        return [line.rstrip("\n").split("\t", 1)[1] for line in source if "\t" in line]


def batch_rate(index, passes=3, repeats=10):
    lines = queries()
    path = os.path.join(tempfile.mkdtemp(), "queries.tsv")
    with open(path, "w", encoding="utf-8") as target:
        for number in range(repeats):
            for position, text in enumerate(lines):
                target.write("r%d-%d\t%s\n" % (number, position, text))
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        subprocess.run([BELEID, "search", "--index", index, "--lang", "nl", "--limit", "10", "--no-translate",
                        "--queries", path, "--threads", "2"], check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return len(lines) * repeats / best


def start_server(index):
    process = subprocess.Popen([BELEID, "serve", "--index", index, "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"(http://\S+)", line)
    if not match:
        process.kill()
        sys.exit("serve_bench: the server did not start: " + line)
    return process, match.group(1).rstrip("/")


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def wrk(url, connections, seconds, defaults):
    folder = tempfile.mkdtemp()
    paths = os.path.join(folder, "paths.txt")
    with open(paths, "w", encoding="utf-8") as target:
        for text in queries():
            target.write("/api/search?" + urllib.parse.urlencode(
                {"q": text, "lang": "nl", "translate": "false", "limit": 10,
                 "facets": "true" if defaults else "false", "snippets": "true" if defaults else "false"}) + "\n")
    script = os.path.join(folder, "rotate.lua")
    with open(script, "w") as target:
        target.write(LUA % {"paths": paths})
    command = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s", "-s", script, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    fields = re.search(r"RESULT (.*)", output).group(1).split()
    requests, socket_errors, status_errors, duration_us = (int(value) for value in fields[:4])
    p50, p99, p999, worst = (float(value) / 1000 for value in fields[5:9])
    return {"connections": connections, "defaults": defaults, "requests": requests,
            "qps": requests / (duration_us / 1e6), "errors": socket_errors + status_errors,
            "p50_ms": p50, "p99_ms": p99, "p999_ms": p999, "max_ms": worst}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default=os.path.join(ROOT, "Benchmarks", "work", "index-callgrind"))
    parser.add_argument("--seconds", type=int, default=15)
    arguments = parser.parse_args()
    index_bytes = sum(os.path.getsize(os.path.join(arguments.index, name)) for name in os.listdir(arguments.index))
    print("in-process batch rate…", file=sys.stderr, flush=True)
    batch = batch_rate(arguments.index)
    server, url = start_server(arguments.index)
    try:
        wrk(url, 64, 5, False)  # warm-up
        runs = []
        for connections, defaults in [(16, False), (64, False), (256, False), (64, True)]:
            print("wrk: %d connections%s…" % (connections, ", facets and snippets" if defaults else ""),
                  file=sys.stderr, flush=True)
            runs.append(wrk(url, connections, arguments.seconds, defaults))
        rss = rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"batch_qps": batch, "runs": runs, "server_rss_kib": rss, "index_bytes": index_bytes,
              "index": arguments.index, "seconds": arguments.seconds}
    os.makedirs(os.path.join(ROOT, "Benchmarks", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "Benchmarks", "results", "serve.json"), "w") as target:
        json.dump(result, target, indent=2)
    print("in-process batch, 2 threads: %.0f queries/s" % batch)
    print("| connections | facets, snippets | queries/s | / batch | p50 | p99 | p99.9 | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for run in runs:
        print("| %d | %s | %.0f | %.2f | %.2f ms | %.2f ms | %.2f ms | %d |" % (
            run["connections"], "yes" if run["defaults"] else "no", run["qps"], run["qps"] / batch,
            run["p50_ms"], run["p99_ms"], run["p999_ms"], run["errors"]))
    print("server peak RSS %.0f MiB; index %.0f MiB on disk: %.2f×" % (
        rss / 1024, index_bytes / 2**20, rss * 1024 / index_bytes))


if __name__ == "__main__":
    main()
