#!/usr/bin/env bash
# Fails each allocation a tool makes after main() starts, one run per allocation, for one small
# case (tests/oom/oom_shim.cpp, LD_PRELOAD; glibc only): every run must end with an exit status of
# 0 to 3, never a signal or an abort, and a status of 2 must come with a line naming the failure.
#   oom_check.sh SHIM TOOL [STEP] -- ARGS...
# STEP (default 1) tries every STEP-th allocation, for a quicker run.
set -u
shim=$1 tool=$2 step=${3:-1}
shift 3
[[ ${1:-} == -- ]] && shift
name=$(basename "$tool")
total=$(SBC_OOM_COUNT=1 LD_PRELOAD=$shim "$tool" "$@" 2>&1 >/dev/null | sed -n 's/^oom-shim: \([0-9]*\) allocations$/\1/p')
if [[ -z $total ]]; then
  echo "$name: the shim did not count (not glibc?): skipped"
  exit 0
fi
# Reading one case takes thousands of allocations; a handful means the shim sees malloc only, and
# the tool's allocator serves operator new around it (tests/oom/oom_shim.cpp).
if ((total < 500)); then
  echo "$name: the shim counted only $total allocations: operator new passes it by"
  exit 1
fi
out=$(mktemp) err=$(mktemp)
tried=0 aborted=0 silent=0 handled=0
for ((n = 1; n <= total; n += step)); do
  SBC_OOM_FAIL_AT=$n LD_PRELOAD=$shim "$tool" "$@" >"$out" 2>"$err"
  status=$?
  tried=$((tried + 1))
  if ((status > 3)) || grep -q "terminate called" "$err"; then
    aborted=$((aborted + 1))
    ((aborted <= 5)) && echo "$name: allocation $n: exit $status: $(head -c 200 "$err")"
  elif ((status == 2)); then
    if grep -qE "out of memory|error" "$err" "$out"; then handled=$((handled + 1)); else
      silent=$((silent + 1))
      ((silent <= 5)) && echo "$name: allocation $n: exit 2 with no message"
    fi
  fi
done
rm -f "$out" "$err"
echo "$name: $total allocations after main(), $tried failed one at a time: $aborted aborted, $silent silent, $handled reported (exit 2), $((tried - aborted - silent - handled)) unaffected"
((aborted == 0 && silent == 0))
