#!/usr/bin/env bash
# One small case end to end stays under a budget of instructions (callgrind counts them exactly,
# so this holds on a loaded machine where a timed test would not). Skipped without valgrind.
#   instructions_check.sh TOOL CASE BUDGET
set -euo pipefail
tool=$1 case=$2 budget=$3
if ! command -v valgrind >/dev/null; then
  echo "valgrind is not installed: skipped"
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out" "$out.cg"' EXIT
env -i PATH=/usr/bin:/bin valgrind --tool=callgrind --callgrind-out-file="$out.cg" "$tool" -q "$case" >/dev/null 2>"$out" || true
count=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out")
[[ -n $count ]] || { cat "$out"; exit 1; }
echo "$(basename "$tool") -q $case: $count instructions (budget $budget)"
(( count <= budget ))
