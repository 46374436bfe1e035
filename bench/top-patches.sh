#!/usr/bin/env bash
# Cost of the top-9 scan of all LeNet-5 convolution channels over the 10,000 Fashion-MNIST test images, relative to
# a plain forward pass over the same images. Prints `ratio: X` (target: at most 1.3).
set -euo pipefail
cd "$(dirname "$0")/.."
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
bash scripts/install-deps.sh >/dev/null
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
java -Xmx2g -cp "$cp" org.deepfig.bench.TopPatchesBench /usr/share/datasets/fashion-mnist
