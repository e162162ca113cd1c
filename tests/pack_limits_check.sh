#!/usr/bin/env bash
# Rule pack files are read under limits like case files: /dev/zero and a 5 MiB pack end with one
# located error line and exit 2 within a second; --limit max_pack_bytes lets the large one through
# to the loader, whose own message then speaks.
#   pack_limits_check.sh BUILD_DIR [BOUND_MS]
# BOUND_MS (1000) is larger for the sanitizer build, whose tools run several times slower while
# the other tests share the machine: the bound catches a hang or a whole read, not a slow build.
set -u
build=$1 bound=${2:-1000} fail=0
big=$(mktemp --suffix=.yaml)
trap 'rm -f "$big"' EXIT
{ printf 'id: big\nversion: 1\n# '; head -c $((5 << 20)) /dev/zero | tr '\0' x; printf '\n'; } >"$big"
expect() {  # description, expected stderr text, command...
  local what=$1 text=$2; shift 2
  local start end err status
  start=$(date +%s%N)
  err=$("$@" 2>&1 >/dev/null); status=$?
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 ))
  if [[ $status -eq 2 && $err == *"$text"* && $ms -lt $bound && $(wc -l <<<"$err") -eq 1 ]]; then
    echo "ok   $what (${ms} ms)"
  else
    echo "FAIL $what: exit $status, ${ms} ms: $err"; fail=1
  fi
}
case=examples/01-eligible-general.yaml
expect "sbc-check --rules /dev/zero" "/dev/zero: error: the rule pack file is over 4194304 bytes" \
  "$build/sbc-check" --lang en --rules /dev/zero "$case"
expect "sbc-subsidy --compare-rules /dev/zero" "/dev/zero: error: the rule pack file is over" \
  "$build/sbc-subsidy" --lang en --compare-rules /dev/zero shandong-2020 examples/subsidy/s01-granted-one-policy.yaml
expect "sbc-check --rules a 5 MiB pack" "error: the rule pack file is over 4194304 bytes (max_pack_bytes" \
  "$build/sbc-check" --lang en --rules "$big" "$case"
expect "sbc-validate --lint-rules - < /dev/zero" "-: error: the rule pack file is over" \
  bash -c "'$build/sbc-validate' --lang en --lint-rules - < /dev/zero 1>&2"  # its report is its output
expect "--limit max_pack_bytes raises it: the loader reads the pack" "missing required key" \
  "$build/sbc-check" --lang en --limit max_pack_bytes=8000000 --rules "$big" "$case"
exit $fail
