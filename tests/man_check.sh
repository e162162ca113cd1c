#!/usr/bin/env bash
# A tool's man page passes mandoc's lint, and names every option its --help lists.
#   man_check.sh TOOL MANPAGE
set -u
tool=$1 page=$2 fail=0
if command -v mandoc >/dev/null; then
  lint=$(mandoc -Tlint -Wwarning "$page") || { echo "$lint"; fail=1; }
fi
text=$(sed 's/\\-/-/g' "$page")
for option in $("$tool" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  grep -qF -- "$option" <<<"$text" || { echo "$page does not mention $option"; fail=1; }
done
exit $fail
