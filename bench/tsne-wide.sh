#!/usr/bin/env bash
# t-SNE's reduction of a layer as wide as ResNet-50's layer1 at 224 px (802,816 values per image): streamed randomised
# PCA of N points to 50 dimensions in a 2 GB heap, where the points alone would take 3 GB as floats (N = 1000).
# Prints seconds, the peak heap and how well a planted signal is recovered. Usage: bench/tsne-wide.sh [N] [D]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
java -Xmx2g -cp "$cp" org.deepfig.bench.StreamingPcaBench "${1:-1000}" "${2:-802816}"
