#!/usr/bin/env bash
# The format check: every C and C++ file of the project as clang-format (with .clang-format)
# writes it. Fails with clang-format's file:line:col for each line it would change; exit 77
# (skipped) when clang-format is not installed (scripts/bootstrap.sh installs it).
#
# Usage: format_check.sh SOURCE_DIR
set -euo pipefail
cd "$1"
format=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z $format ]]; then
  echo "clang-format is not installed: scripts/bootstrap.sh installs it"
  exit 77
fi
if [[ -d .git ]] && command -v git >/dev/null; then
  mapfile -t files < <(git ls-files -- '*.c' '*.cpp' '*.hpp' '*.h')
else
  mapfile -t files < <(find lib apps tests tools bench -name '*.c' -o -name '*.cpp' -o -name '*.hpp' -o -name '*.h' | sort)
fi
if ! "$format" --dry-run --Werror "${files[@]}"; then
  echo "format: the lines above are not as clang-format writes them; run: $format -i FILE"
  exit 1
fi
echo "${#files[@]} files formatted as .clang-format says"
