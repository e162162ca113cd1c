#!/usr/bin/env bash
# Regenerates the pictures the README shows, from the built tools and the examples, with headless
# Chromium (Debian package chromium; fonts-noto-cjk for the Chinese text):
#   docs/batch-report.png — sbc-subsidy --format html over the subsidy and programme examples;
#   docs/package.png — the first sheets of sbc-subsidy --form html for example s02, side by side.
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
build/sbc-subsidy --form html examples/subsidy/s02-granted-two-policies.yaml > "$work/package.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=2500,1180 \
  --force-device-scale-factor=0.6 --screenshot="$work/package.png" "file://$work/package.html" >/dev/null 2>&1
mv "$work/package.png" docs/package.png
echo "docs/package.png"
