#!/usr/bin/env bash
# No function of the library longer than 60 lines: clang-tidy's readability-function-size over
# every source of lib/ (and the headers they include), with the build's compile commands. Prints
# file:line: function NAME: N lines for each one over; exit 77 (skipped) without clang-tidy
# (scripts/bootstrap.sh installs it).
#
# Usage: function_size_check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$2")
limit=60
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [[ -z $tidy ]]; then
  echo "clang-tidy is not installed: scripts/bootstrap.sh installs it"
  exit 77
fi
[[ -f $build/compile_commands.json ]] || { echo "$build/compile_commands.json: missing"; exit 1; }
config="{CheckOptions: [{key: readability-function-size.LineThreshold, value: $limit}]}"
report=$(find "$source/lib/src" -name '*.cpp' | sort |
  xargs -P "$(nproc)" -n 4 "$tidy" -p "$build" --quiet --checks='-*,readability-function-size' \
    --config="$config" --header-filter="^$source/lib/" 2>/dev/null || true)
# "F:L:C: warning: function 'NAME' exceeds …" then "F:L:C: note: N lines including …"
over=$(printf '%s\n' "$report" | sed 's/\x1b\[[0-9;]*m//g' | awk -v root="$source/" '
  / warning: function .* exceeds/ { split($0, a, ":"); where = a[1] ":" a[2]; sub(root, "", where);
                                    match($0, /function '\''[^'\'']*'\''/); name = substr($0, RSTART + 10, RLENGTH - 11) }
  / note: [0-9]+ lines including/ && where != "" { match($0, /[0-9]+ lines/); print where ": function " name ": " substr($0, RSTART, RLENGTH); where = "" }' |
  sort -u)
if [[ -n $over ]]; then
  printf '%s\n' "$over"
  echo "$(printf '%s\n' "$over" | wc -l) functions of lib/ over $limit lines: split them (a function per record, per step)"
  exit 1
fi
echo "no function of lib/ over $limit lines"
