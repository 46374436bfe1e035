#!/usr/bin/env bash
# Regenerates the README's gallery, figures/gallery/: one picture of every figure kind from the example configs and
# the collage that opens the README (GalleryTest with -Ddeepfig.updateGallery=true; the same test, without the flag,
# checks in CI that the gallery is what the code makes, byte for byte). Takes several minutes: it trains the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
mvn -B -q -ntp -pl generator -am test -Dtest=GalleryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddeepfig.updateGallery=true
du -sh figures/gallery
echo "gallery: figures/gallery/ (collage.png opens the README)"
