#!/usr/bin/env bash
# Builds the fuzz targets with clang and runs each for a bounded time (default 60 s each), from
# the committed corpus of each target (tests/fuzz/corpus/<target>/) and seeds from examples/ and
# rules/, with a dictionary per target (tests/fuzz/dict/). Prints each target's executions and
# coverage (the final "DONE cov:" line), so that runs can be compared. A finding is saved under
# build-fuzz/findings/; copy it into tests/regressions/ so the test suite keeps it.
#   tests/fuzz/run.sh [SECONDS]            run
#   tests/fuzz/run.sh --merge [SECONDS]    run, then merge what was found into the committed
#                                          corpus, minimized (libFuzzer's -merge=1): commit it
set -euo pipefail
cd "$(dirname "$0")/../.."
merge=false
if [[ ${1:-} == --merge ]]; then
  merge=true
  shift
fi
seconds=${1:-60}
command -v clang++ >/dev/null || { echo "fuzz: clang++ is needed (apt-get install clang)"; exit 2; }
CXX=clang++ cmake -S . -B build-fuzz -DSBC_FUZZ=ON -DSBC_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target sbc-fuzz_case sbc-fuzz_package sbc-fuzz_pack sbc-fuzz_pack_tests sbc-fuzz_answer sbc-fuzz_csv >/dev/null
mkdir -p build-fuzz/corpus/case build-fuzz/corpus/package build-fuzz/corpus/pack build-fuzz/corpus/pack_tests build-fuzz/corpus/answer build-fuzz/corpus/csv build-fuzz/findings
cp examples/*.yaml examples/subsidy/*.yaml build-fuzz/corpus/case/
[[ -d tests/regressions ]] && cp tests/regressions/*.yaml build-fuzz/corpus/case/ 2>/dev/null || true
cp examples/subsidy/*.yaml examples/round/*.yaml tests/package/*.yaml build-fuzz/corpus/package/
cp rules/*.yaml build-fuzz/corpus/pack/
cp rules/tests/*.yaml tests/pack_tests/failing.yaml tests/pack_tests/hostile.yaml build-fuzz/corpus/pack_tests/
for target in case package pack pack_tests answer csv; do
  [[ -d tests/fuzz/corpus/$target ]] && cp tests/fuzz/corpus/$target/* build-fuzz/corpus/$target/ 2>/dev/null || true
done
# Answers as people type them; the first byte picks the fact.
i=0
for a in "120万" "1,200,000.50" "2020年6月1日" "2020/6/1" "山东" "是" "CMMI3、ITSS" "[CMA, CNAS]" \
         "[{level: 省, kind: 奖项}]" "none" "never" "1.5%" "[{date: 2020-03-31, amount: 10万}]"; do
  printf '%b%s' "\\x$(printf %02x $((i * 7 % 256)))" "$a" > build-fuzz/corpus/answer/$i; i=$((i + 1))
done
printf 'applicant.name,注册地,software.rd_spend,insurance.policies[0].payments[1].amount,applicant.qualifications\r\n"甲,""乙""",山东,"1,200,000",10万,CMMI3、ITSS\r\n' > build-fuzz/corpus/csv/1
cp examples/records/*.csv tests/records/*.csv build-fuzz/corpus/csv/  # the records read from the same bytes
for target in case package pack pack_tests answer csv; do
  dict=tests/fuzz/dict/${target/package/case}.dict  # a package is a case: the case's words
  [[ $target == pack_tests ]] && dict=tests/fuzz/dict/case.dict  # test files edit cases
  echo "fuzz_$target: $seconds s"
  log=build-fuzz/fuzz_$target.log
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp build-fuzz/tests/fuzz/sbc-fuzz_$target build-fuzz/corpus/$target \
    -dict="$dict" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/findings/$target- >"$log" 2>&1 || true
  grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|ERROR|SUMMARY|crash-|timeout-|oom-" "$log" || true
  # A fuzzer that did not run (a dictionary it cannot parse, say) has found nothing: that is a failure.
  if ! grep -qE "^#[0-9]+[[:space:]]+DONE" "$log" && ! compgen -G "build-fuzz/findings/$target-*" >/dev/null; then
    echo "fuzz_$target did not run:"; head -5 "$log"; exit 1
  fi
  if $merge; then
    mkdir -p tests/fuzz/corpus/$target
    ASAN_OPTIONS=detect_leaks=0 build-fuzz/tests/fuzz/sbc-fuzz_$target -merge=1 -max_len=65536 -timeout=10 \
      tests/fuzz/corpus/$target build-fuzz/corpus/$target 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new files" || true
    echo "fuzz_$target: corpus $(ls tests/fuzz/corpus/$target | wc -l) files"
  fi
done
if compgen -G "build-fuzz/findings/*" >/dev/null; then
  echo "fuzz: findings in build-fuzz/findings/"; ls build-fuzz/findings; exit 1
fi
echo "fuzz: no findings"
