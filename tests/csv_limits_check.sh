#!/usr/bin/env bash
# A spreadsheet is held to the limits of YAML: a cell to max_scalar_bytes, a row to
# max_document_bytes; and a row's problems are capped at 20 and a line saying how many more, so
# 200,000 unknown header cells give a few kilobytes of messages within seconds.
#   csv_limits_check.sh BUILD_DIR
set -u
build=$1 fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
open(w + "/wide.csv", "w").write(",".join(["applicant.name"] + ["x%d" % i for i in range(200000)]) + "\n" + "a" + "," * 200000 + "\n")
open(w + "/cell.csv", "w").write("applicant.name,software.name\n" + "A" * (1 << 20) + ",x\n")
open(w + "/row.csv", "w").write("applicant.name,software.name\n" + ",".join(["B" * 60000] * 80) + "\n")
PY
check() {  # description, expected text, file
  local out status bytes start end
  start=$(date +%s)
  out=$("$build/sbc-check" --lang en --rules shandong-2020 "$3" 2>&1); status=$?
  end=$(date +%s)
  bytes=${#out}
  if [[ $status -eq 2 && $out == *"$2"* && $bytes -lt 20000 && $((end - start)) -lt 10 ]]; then
    echo "ok   $1 ($bytes bytes of output)"
  else
    echo "FAIL $1: exit $status, $bytes bytes, $((end - start)) s: ${out:0:300}"; fail=1
  fi
}
check "200,000 unknown header cells: 20 messages and a count" "… and 199980 more like it" "$work/wide.csv"
check "a 1 MiB cell" "value of 1048576 bytes exceeds the limit of 65536" "$work/cell.csv"
check "a 4.8 MB row" "the row exceeds 4194304 bytes" "$work/row.csv"
exit $fail
