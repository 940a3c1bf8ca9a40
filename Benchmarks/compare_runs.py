#!/usr/bin/env python3
"""Checks that two beleid binaries rank alike: the same top 10, in the same
order, with the same scores (to 1e-9, relative; documents whose scores tie
to that may swap), for the 1,000 benchmark queries over the BWB and
for every setting of the cross-language evaluation (clir_eval.py).

Both binaries search the same indexes, built once by the baseline, so only
the search code differs. A refactoring of the search layers must leave every
run unchanged; this script is how that is shown.

  python3 Benchmarks/compare_runs.py --baseline /tmp/beleid-before --candidate .build/release/beleid

Needs ../shared/data (the BWB corpus and the CLIR treaties). Prints one line
per run set and the first differences; exits 1 when any query differs.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clir_eval  # noqa: E402
import search_bench  # noqa: E402

# Scores are printed as JSON numbers from Doubles; the same sums in another
# order differ in the last place at most, so anything past this is a change.
TOLERANCE = 1e-9


def top10(binary, index, queries, options):
    """{qid: [(docid, score)]} of one batch run. A query the binary refuses
    (only stop words, say) is reported on stderr and left out, and the
    batch ends with exit 2; both binaries must then leave out the same."""
    result = subprocess.run(
        [binary, "search", "--index", index, "--queries", queries, "--json", "--limit", "10"] + options,
        capture_output=True, text=True)
    if result.returncode not in (0, 1, 2) or not result.stdout.strip():
        sys.exit("%s failed (exit %d): %s" % (binary, result.returncode, result.stderr[-500:]))
    output = result.stdout
    return {r["qid"]: [(h["docid"], h["score"]) for h in r["hits"]] for r in json.loads(output)}


def tie_order(hits):
    """The docids in rank order, documents whose scores tie (equal to
    TOLERANCE, relative) taken in docid order: summing the same parts in
    another order can move a score by one unit in the last place, and that
    alone must not count as a change of ranking."""
    scale = max(1.0, max((abs(s) for _, s in hits), default=1))
    groups = []
    for docid, score in hits:
        if groups and abs(groups[-1][0] - score) <= TOLERANCE * scale:
            groups[-1][1].append(docid)
        else:
            groups.append((score, [docid]))
    return [d for _, docs in groups for d in sorted(docs)]


def differences(before, after):
    """The qids whose top 10 differ, each with a short reason."""
    found = []
    for qid in sorted(set(before) | set(after)):
        a, b = before.get(qid), after.get(qid)
        if a is None or b is None:
            found.append((qid, "missing in one run"))
        elif tie_order(a) != tie_order(b):
            found.append((qid, "order %s → %s" % ([d for d, _ in a][:3], [d for d, _ in b][:3])))
        else:
            worst = max((abs(x - y) for (_, x), (_, y) in zip(a, b)), default=0)
            if worst > TOLERANCE * max(1.0, max((abs(x) for _, x in a), default=1)):
                found.append((qid, "scores differ by up to %.3g" % worst))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="the binary before the change")
    parser.add_argument("--candidate", required=True, help="the binary after the change")
    parser.add_argument("--skip-bwb", action="store_true", help="only the CLIR runs (no 437 MB index)")
    arguments = parser.parse_args()
    # FreeDict alone, as without an import: a lexicon imported on this
    # machine must not change what either binary ranks.
    os.environ["BELEID_LEXICON"] = "off"
    sets = []

    if not arguments.skip_bwb:
        search_bench.BELEID = arguments.baseline
        folder, _ = search_bench.index_engine("beleid", search_bench.subset(1), "compare")
        queries = search_bench.beleid_queries_file()
        for label, options in [("BWB, as benchmarked", ["--lang", "nl", "--no-translate"]),
                               ("BWB, translating", [])]:
            sets.append((label, folder, queries, options))

    clir_eval.BELEID = arguments.baseline
    index, _ = clir_eval.prepare_index()
    for key, label, queries, options, lexicon in clir_eval.SETTINGS:
        # A baseline from before `beleid lexicon import` cannot run the
        # lexicon settings; clir_eval.py's figures show a change there.
        if lexicon is None:
            sets.append(("CLIR (%s) %s" % (key, label), index, os.path.join(clir_eval.DATA, queries),
                         ["--literal"] + options))

    failed = False
    for label, index, queries, options in sets:
        before = top10(arguments.baseline, index, queries, options)
        after = top10(arguments.candidate, index, queries, options)
        found = differences(before, after)
        print("%-45s %4d queries, %d differ" % (label, len(before), len(found)), flush=True)
        for qid, reason in found[:5]:
            print("    %s: %s" % (qid, reason))
        failed = failed or bool(found)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
