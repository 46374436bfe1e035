#!/usr/bin/env bash
# What making gradients right costs (issue #21): LeNet-5's input gradient and forward pass, ms per image, in a JVM
# capped at AVX (DNNL_MAX_CPU_ISA=AVX, as ./deepfig runs today) and in one at the CPU's full instruction set, where
# on a CPU with the oneDNN fault gradients are taken with oneDNN off (ConvKernels route NATIVE). Five alternating
# rounds of each; prints every round and the ratio of the medians. Run it on a quiet machine.
#   bench/conv-gradients.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
mvn -q -B -ntp -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for r in 1 2 3 4 5; do
  DNNL_MAX_CPU_ISA=AVX java -Xmx2g -cp "$cp" org.deepfig.bench.GradientRouteBench 2>/dev/null | tail -1 | tee -a "$log"
  env -u DNNL_MAX_CPU_ISA java -Xmx2g -cp "$cp" org.deepfig.bench.GradientRouteBench 2>/dev/null | tail -1 \
    | tee -a "$log"
done
python3 - "$log" <<'PY'
import re, statistics, sys
rows = [l for l in open(sys.argv[1]).read().splitlines() if "input_gradient_ms_per_image" in l]
def med(cap, key):
    return statistics.median(float(re.search(key + r"=([\d.]+)", l).group(1)) for l in rows
                             if l.startswith("DNNL_MAX_CPU_ISA=" + cap + " "))
for key in ("input_gradient_ms_per_image", "forward_ms_per_image"):
    capped, full = med("AVX", key), med("unset", key)
    print(f"{key}: capped at AVX {capped:.4f}, full instruction set {full:.4f} (full/capped {full / capped:.2f}x)")
PY
