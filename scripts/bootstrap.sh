#!/usr/bin/env bash
# Sets up a Debian 12 machine for sbc, builds it, and checks the first example with the built-in
# rules. Safe to run again: it installs only what is missing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev
          libhowardhinnant-date-dev doctest-dev libmd-dev libutf8proc-dev libmimalloc-dev libxlsxwriter-dev libpango1.0-dev libcairo2-dev libzip-dev fonts-noto-cjk poppler-utils clang-format clang-tidy mandoc python3 python3-yaml python3-jsonschema python3-openpyxl python3-docx python3-html5lib jq valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"

echo
echo "== build/sbc-check examples/01-eligible-general.yaml"
build/sbc-check examples/01-eligible-general.yaml
