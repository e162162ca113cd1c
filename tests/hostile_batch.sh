#!/usr/bin/env bash
# A batch with hostile inputs in the middle: a directory, a FIFO, a missing file, a 10 MB line,
# 100,000 keys (and an unreadable file when not root, since root reads anything). Each must be
# reported in its place and every good case around them judged; the exit status is 2.
#   hostile_batch.sh SBC_CHECK WORK_DIR
set -u
tool=$1 work=$2
rm -rf "$work" && mkdir -p "$work/a-directory" && cd "$work" || exit 1
printf 'applicant: {name: 好案例, registered_province: 山东}\n' > good.yaml
{ printf 'applicant:\n  name: '; head -c 10000000 /dev/zero | tr '\0' x; printf '\n'; } > long-line.yaml
{ printf 'applicant:\n'; seq 1 100000 | sed 's/.*/  k&: 1/'; } > many-keys.yaml
mkfifo a-fifo && (cat good.yaml > a-fifo &)
inputs=(good.yaml a-directory a-fifo missing.yaml long-line.yaml many-keys.yaml)
expected=(undetermined error undetermined error error error)
if [[ $(id -u) -ne 0 ]]; then
  cp good.yaml unreadable.yaml && chmod 000 unreadable.yaml
  inputs+=(unreadable.yaml) expected+=(error)
fi
inputs+=(good.yaml) expected+=(undetermined)
timeout 60 "$tool" --rules shandong-2020 --lang en -q "${inputs[@]}" > out.txt 2> err.txt
status=$?
mapfile -t lines < out.txt
fail=0
[[ $status -eq 2 ]] || { echo "exit status $status, expected 2"; fail=1; }
[[ ${#lines[@]} -eq ${#expected[@]} ]] || { echo "${#lines[@]} results for ${#expected[@]} inputs"; fail=1; }
for i in "${!expected[@]}"; do
  [[ ${lines[$i]:-} == "${inputs[$i]}: ${expected[$i]}"* ]] || { echo "result $i: '${lines[$i]:-}', expected ${inputs[$i]}: ${expected[$i]}"; fail=1; }
done
"$tool" --rules shandong-2020 --lang en a-directory missing.yaml long-line.yaml many-keys.yaml > messages.txt 2>&1
for pattern in "a-directory: error: is a directory with no" "missing.yaml: error: no such file" \
               "long-line.yaml:1:1: error: document exceeds" "many-keys.yaml:100001:.*max_nodes"; do
  grep -q "$pattern" messages.txt || { echo "no message matching: $pattern"; fail=1; }
done
exit $fail
