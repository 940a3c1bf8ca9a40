#!/usr/bin/env bash
# Run from the repository root. Counts the instructions of a query batch with callgrind: only the closure
# that answers one query (in BatchAnswers.wait) is counted, over a warm-up
# pass and the timed pass, with hashing made deterministic so that repeated
# runs count exactly the same.
#
#   Benchmarks/count_instructions.sh BINARY INDEX QUERIES [search options…]
#
# e.g. the 1,000 benchmark queries:
#   Benchmarks/count_instructions.sh .build/release/beleid Benchmarks/work/index-callgrind \
#     Benchmarks/work/beleid-queries.tsv --lang nl --no-translate
# Prints the count; the profile is left in Benchmarks/work/callgrind.out for
# callgrind_annotate. valgrind 3.19 cannot read Swift 6's DWARF 5, so a copy
# of the binary without debug information is run.
set -euo pipefail
mkdir -p Benchmarks/work
binary=${1:?binary}; index=${2:?index}; queries=${3:?queries}; shift 3
copy=$(mktemp)
trap 'rm -f "$copy"' EXIT
cp "$binary" "$copy" && strip -g "$copy" && chmod +x "$copy"
closure='$s9BeleidCLI12BatchAnswersC4waityAA6SearchV0C6AnswerVSiFAH0aF012QueryPlannerCSgzXEfU_'
SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=Benchmarks/work/callgrind.out \
  --toggle-collect="$closure" "$copy" search --index "$index" --limit 10 --queries "$queries" --json --warm-up "$@" \
  2>&1 >/dev/null | grep -a "Collected" | awk '{print $NF}'
