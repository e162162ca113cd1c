#!/usr/bin/env bash
# Makes the Debian package and tries it as a user would, on this Debian 12 machine (root or sudo):
# builds in build-deb (Release, no tests; incremental when run again), runs `cpack -G DEB`, installs
# the .deb with apt-get (which brings in its Depends), then checks a tool on an installed example,
# the man pages, the bash completion and the library (find_package and pkg-config), and removes the
# package again. One line per check, then "deb_check: N passed, M failed"; exit 1 if any failed.
# JOBS=N sets the build's parallelism (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/build-deb

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
apt_get() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 "$@"; }

passed=0 failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
summary() { echo "deb_check: $passed passed, $failed failed"; }
die() { fail "$1"; summary; exit 1; }

work=$(mktemp -d)
installed=false
cleanup() {
  if $installed; then apt_get remove -y sbc >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- what making and trying a package needs beyond scripts/bootstrap.sh ---------------------------
# dpkg-shlibdeps (in dpkg-dev) computes the package's Depends; man-db reads the man pages.
missing=()
for p in dpkg-dev man-db; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  apt_get update
  apt_get install -y "${missing[@]}" >/dev/null
fi

# --- build and package ----------------------------------------------------------------------------
# Prefix /usr at configure time gives the Debian multiarch libdir (lib/x86_64-linux-gnu).
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSBC_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr \
  >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; die "configure build-deb"; }
cmake --build "$build" -j "${JOBS:-$(nproc)}" >"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; die "build build-deb"; }
rm -f "$build"/sbc_*.deb
(cd "$build" && cpack -G DEB) >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; die "cpack -G DEB"; }
debs=("$build"/sbc_*_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || die "cpack made no single sbc_*.deb"
deb=${debs[0]}

# --- the package's metadata and files -------------------------------------------------------------
check_contents() {
  local field expected contents path
  for expected in "Package: sbc" "Section: utils" "Depends: .*libmd0" "Maintainer: ."; do
    field=$(dpkg-deb -f "$deb" "${expected%%:*}")
    [[ "${expected%%:*}: $field" =~ ^$expected ]] || { echo "  control: ${expected%%:*}: $field"; return 1; }
  done
  contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
  for path in ./usr/bin/sbc-check ./usr/bin/sbc-subsidy ./usr/bin/sbc-validate \
      ./usr/share/man/man1/sbc-check.1.gz ./usr/share/man/man5/sbc-case.5.gz \
      ./usr/share/man/man5/sbc-rules.5.gz ./usr/share/bash-completion/completions/sbc-check \
      ./usr/share/zsh/vendor-completions/_sbc ./usr/share/fish/vendor_completions.d/sbc-check.fish \
      ./usr/share/sbc/rules/shandong-2020.yaml ./usr/share/sbc/examples/01-eligible-general.yaml \
      ./usr/include/sbc/rules/rules.hpp "./usr/lib/[^/]+/libsbc.a" "./usr/lib/[^/]+/pkgconfig/sbc.pc" \
      "./usr/lib/[^/]+/cmake/sbc/sbc-config.cmake"; do
    grep -Eqx -- "$path" <<<"$contents" || { echo "  not in the package: $path"; return 1; }
  done
}
if check_contents; then pass "$(basename "$deb"): control fields and files"; else fail "$(basename "$deb"): control fields and files"; fi

# --- install --------------------------------------------------------------------------------------
if dpkg-query -W -f='${Status}' sbc 2>/dev/null | grep -q "install ok installed"; then
  echo "note: sbc was installed already; it is replaced and removed at the end"
  apt_get remove -y sbc >/dev/null
fi
# Debian's Docker images keep man pages out (path-exclude=/usr/share/man/* in /etc/dpkg/dpkg.cfg.d);
# let this package's own pages in, so that what is checked is the package, not the image.
dpkg_options=()
if grep -qs '^path-exclude[= ]*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
  echo "note: dpkg excludes /usr/share/man here; installing with --path-include for sbc's man pages"
  dpkg_options=(-o "DPkg::Options::=--path-include=/usr/share/man/man[1-9]/sbc*")
fi
if apt_get install -y "${dpkg_options[@]}" "$deb" >"$work/install.log" 2>&1; then
  installed=true
  pass "apt-get install $(basename "$deb")"
else
  cat "$work/install.log"
  die "apt-get install $(basename "$deb")"
fi

# --- as a user would ------------------------------------------------------------------------------
check_tool() {
  local out status=0
  [[ $(command -v sbc-check) == /usr/bin/sbc-check ]] || { echo "  sbc-check is $(command -v sbc-check)"; return 1; }
  out=$(sbc-check --rules shandong-2020 /usr/share/sbc/examples/01-eligible-general.yaml 2>&1) || status=$?
  if [[ $status -ne 0 ]] || ! grep -qw eligible <<<"$out"; then echo "  exit $status: $out"; return 1; fi
}
if check_tool; then pass "sbc-check on an installed example: eligible"; else fail "sbc-check on an installed example"; fi

# The package's PDF and Word files: Pango, Cairo and libzip are loaded at run time, so only the
# Depends (libpangocairo-1.0-0, libzip4, fonts-noto-cjk) make these work on a fresh machine.
check_files() {
  local form out case=/usr/share/sbc/examples/subsidy/s02-granted-two-policies.yaml
  for form in pdf docx; do
    out=$(sbc-subsidy --form "$form" "$case" 2>&1 >"$work/s02.$form") || { echo "  --form $form: $out"; return 1; }
    [[ -s $work/s02.$form ]] || { echo "  --form $form wrote nothing"; return 1; }
  done
  [[ $(head -c 5 "$work/s02.pdf") == "%PDF-" ]] || { echo "  the PDF does not begin %PDF-"; return 1; }
  [[ $(head -c 2 "$work/s02.docx") == "PK" ]] || { echo "  the .docx is not a zip"; return 1; }
}
if check_files; then pass "sbc-subsidy --form pdf and docx on an installed example"; else fail "sbc-subsidy --form pdf and docx"; fi

check_man() {
  local page out
  for page in "1 sbc-check" "1 sbc-subsidy" "1 sbc-validate" "5 sbc-case" "5 sbc-rules" "5 sbc-tests" "5 sbc-records"; do
    # shellcheck disable=SC2086  # section and name
    out=$(man -w $page 2>&1) || true
    [[ $out == /usr/share/man/* ]] || { echo "  man -w $page: $out"; return 1; }
  done
  out=$(MANPAGER=cat MANWIDTH=80 man sbc-check 2>&1) || { echo "  man sbc-check: $out"; return 1; }
  out=$(head -5 <<<"$out")
  grep -q 'sbc-check' <<<"$out" || { echo "  man sbc-check: $out"; return 1; }
}
if check_man; then pass "man -w finds the seven pages; man sbc-check renders"; else fail "man pages"; fi

completion=/usr/share/bash-completion/completions/sbc-check
check_completion() {
  local out
  # shellcheck disable=SC2016  # expanded by the inner bash
  out=$(bash -c '
    source "$1"
    spec=$(complete -p sbc-check) || exit 1
    function=${spec##*-F } function=${function%% *}
    COMP_WORDS=(sbc-check --rules sh) COMP_CWORD=2 COMP_LINE="sbc-check --rules sh"
    COMP_POINT=${#COMP_LINE}
    "$function" sbc-check sh --rules
    printf "%s\n" "${COMPREPLY[@]}"' bash "$completion" 2>&1) || { echo "  $out"; return 1; }
  grep -qx shandong-2020 <<<"$out" || { echo "  completing 'sbc-check --rules sh' gave: $out"; return 1; }
}
if [[ -s $completion ]]; then
  if check_completion; then pass "bash: sbc-check --rules sh<TAB> offers shandong-2020"; else fail "bash completion"; fi
else
  echo "skip bash completion: $completion is not in the package"
fi

# The library as another program uses it: tests/consumer with find_package and with pkg-config.
check_library() {
  local c=${CXX:-c++}
  if ! { cmake -S tests/consumer -B "$work/consumer" && cmake --build "$work/consumer"; } >"$work/consumer.log" 2>&1 ||
     ! grep -q '^sbc_DIR:PATH=/usr/lib/' "$work/consumer/CMakeCache.txt" ||
     [[ $("$work/consumer/sbc-consumer") != "shandong-2020 built-in" ]]; then
    cat "$work/consumer.log"
    return 1
  fi
  # shellcheck disable=SC2046  # the flags are words
  "$c" -std=c++20 tests/consumer/main.cpp -o "$work/sbc-consumer-pc" $(pkg-config --cflags --libs sbc) &&
    [[ $("$work/sbc-consumer-pc") == "shandong-2020 built-in" ]]
}
if check_library; then pass "a program builds against /usr with find_package(sbc) and pkg-config sbc"; else fail "the library"; fi

# --- and away again -------------------------------------------------------------------------------
if apt_get remove -y sbc >/dev/null 2>&1 && ! dpkg-query -W -f='${Status}' sbc 2>/dev/null | grep -q installed &&
   [[ ! -e /usr/bin/sbc-check ]]; then
  installed=false
  pass "removed: no sbc files left"
else
  fail "remove sbc"
fi

summary
((failed == 0))
