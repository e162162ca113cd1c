#!/usr/bin/env bash
# Regenerates the pictures the README shows, from the built tools and the examples, with headless
# Chromium (Debian package chromium; fonts-noto-cjk for the Chinese text):
#   docs/batch-report.png — sbc-subsidy --format html over the subsidy and programme examples;
#   docs/package.png — the first sheets of sbc-subsidy --form pdf for example s02, side by side:
#   what prints (pdftoppm, from poppler-utils, draws the pages; Chromium lays them side by side).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "screenshots: chromium is needed (apt-get install chromium fonts-noto-cjk)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/sbc-subsidy --format html --lang zh examples/subsidy examples/programmes > "$work/report.html" || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1500 \
  --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1
mv "$work/report.png" docs/batch-report.png
echo "docs/batch-report.png"
build/sbc-subsidy --form pdf examples/subsidy/s02-granted-two-policies.yaml > "$work/package.pdf"
pdftoppm -r 60 -png -f 1 -l 4 "$work/package.pdf" "$work/sheet"
{
  echo '<!DOCTYPE html><body style="margin:0;padding:12px;background:#d5d8dc;display:flex;gap:12px">'
  for sheet in "$work"/sheet-*.png; do
    echo "<img src=\"file://$sheet\" style=\"box-shadow:0 2px 6px rgba(0,0,0,.3)\">"
  done
  echo '</body>'
} > "$work/sheets.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=2040,730 \
  --screenshot="$work/package.png" "file://$work/sheets.html" >/dev/null 2>&1
mv "$work/package.png" docs/package.png
echo "docs/package.png"
