#!/usr/bin/env bash
# Regenerates the README's gallery: the full report of the embedded default config in figures/shapes-lenet/ (with its
# manifest.json, whose figure hashes GalleryTest checks) and a screenshot of it, figures/report-shapes-lenet.png.
set -euo pipefail
cd "$(dirname "$0")/.."
./deepfig run configs/shapes-lenet.yaml --out figures/shapes-lenet
if command -v chromium >/dev/null 2>&1; then
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars --window-size=1100,1500 \
    --screenshot="$PWD/figures/report-shapes-lenet.png" "file://$PWD/figures/shapes-lenet/index.html" \
    >/dev/null 2>&1 || true
  rm -rf "$profile"
fi
echo "gallery: figures/shapes-lenet/ and figures/report-shapes-lenet.png"
