#!/usr/bin/env bash
# ResNet-50 at 224 px: forward and input-gradient images/s, deepfig (DJL, libtorch 2.7.1, through the Probe every
# figure uses) beside Debian's PyTorch 1.13 on the same TorchScript file (same weights), the same batch and the same
# number of threads; median of five timed runs after a warm-up, and the ratio.
#
#   bench/real-models.sh [BATCH] [REPEATS]     # defaults 8 and 5
#
# Needs python3-torch and python3-torchvision (scripts/install-deps.sh). Run it on a quiet machine: numbers taken
# while other jobs share the cores say nothing. Both sides run under the same oneDNN cap (DNNL_MAX_CPU_ISA, AVX by
# default as ./deepfig runs; README, Known problems).
set -euo pipefail
cd "$(dirname "$0")/.."
batch="${1:-8}"
repeats="${2:-5}"
threads="$(nproc)"
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 configs/models/resnet50.py --out "$work/resnet50.pt" >/dev/null
mvn -q -B -ntp -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
echo "ResNet-50, 224 px, batch $batch, $threads threads, median of $repeats, DNNL_MAX_CPU_ISA=$DNNL_MAX_CPU_ISA"
java -Xmx4g -Dai.djl.pytorch.num_threads="$threads" -cp "$cp" org.deepfig.bench.RealModelBench \
  "$work/resnet50.pt" "$batch" "$repeats" | tee "$work/deepfig.txt"
/usr/bin/python3 bench/pytorch_real_models.py "$work/resnet50.pt" "$batch" "$repeats" "$threads" \
  | tee "$work/pytorch.txt"
for what in forward gradient; do
  d="$(awk -v w="$what" '$2 == w {print $3}' "$work/deepfig.txt")"
  p="$(awk -v w="$what" '$2 == w {print $3}' "$work/pytorch.txt")"
  awk -v w="$what" -v d="$d" -v p="$p" 'BEGIN { printf "%s: deepfig %.2f, PyTorch %.2f images/s; deepfig takes %.2f× PyTorch'"'"'s time\n", w, d, p, p / d }'
done
