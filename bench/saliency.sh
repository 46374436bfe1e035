#!/usr/bin/env bash
# Per-image cost of each attribution method on LeNet-5 / Fashion-MNIST and on the small ResNet / shapes, in
# milliseconds and in forward passes. Usage: bench/saliency.sh [IMAGES_PER_CALL]   (default 16)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh >/dev/null
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
java -Xmx4g -cp "$cp" org.deepfig.analysis.saliency.SaliencyBench /usr/share/datasets/fashion-mnist "${1:-16}"
