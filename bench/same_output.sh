#!/usr/bin/env bash
# The digest of every output both tools give over the benchmark's corpora, one line a run:
# what an optimisation must leave byte for byte as it was (#30).
#   bench/same_output.sh [BUILD] > before.txt; (change, rebuild) ...; bench/same_output.sh > after.txt
#   diff before.txt after.txt        # nothing: every output the same
# Runs each output at -j2, and each corpus's jsonl at -j1 too. The workbook (xlsx) is left out: it
# records the time it was written.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
data=$build/cases
[[ -d $data/10k && -f $data/10k.csv ]] || { echo "run bench/run.sh first (it makes $data)" >&2; exit 2; }
[[ -d $data/rich-2k ]] || python3 bench/generate.py 2000 "$data/rich-2k" --rich

out=$(mktemp)
trap 'rm -f "$out"' EXIT
digest() {  # label, then the command: prints "label sha256-of-stdout-and-stderr exit-status"
  local label=$1 status=0
  shift
  "$@" >"$out" 2>&1 || status=$?
  echo "$label $(sha256sum <"$out" | cut -c1-16) $status"
}

corpora=("$data/10k" "$data/10k.csv" "$data/rich-2k" examples examples/subsidy examples/round)
for tool in sbc-check sbc-subsidy; do
  formats=(text json jsonl csv html)
  [[ $tool == sbc-check ]] && formats+=(junit sarif github) || formats+=(markdown)
  for corpus in "${corpora[@]}"; do
    name="$tool:${corpus#"$data"/}"
    for format in "${formats[@]}"; do
      digest "$name:$format" "$build/$tool" --format "$format" -j2 --lang en "$corpus"
    done
    digest "$name:explain" "$build/$tool" --explain -j2 --lang zh "$corpus"
    digest "$name:jsonl-j1" "$build/$tool" --format jsonl -j1 "$corpus"
    digest "$name:no-round" "$build/$tool" --format jsonl -j2 --no-round "$corpus"
  done
  digest "$tool:records" "$build/$tool" --format json -j2 --records examples/records examples/records
  digest "$tool:records-10k" "$build/$tool" --format jsonl -j2 --records "$data/records-10k" "$data/10k"
done
digest "sbc-validate:10k" "$build/sbc-validate" -j2 "$data/10k"
digest "sbc-validate:10k.csv" "$build/sbc-validate" -j2 "$data/10k.csv"
