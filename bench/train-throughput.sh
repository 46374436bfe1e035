#!/usr/bin/env bash
# Training and forward throughput of LeNet-5 on Fashion-MNIST: deepfig (DJL) beside PyTorch on the same cores, each
# at its own defaults: deepfig as ./deepfig runs it (DNNL_MAX_CPU_ISA=AVX unless set), PyTorch without any oneDNN
# cap (and without this machine's OPENBLAS_* overrides). Five alternating rounds (deepfig, PyTorch, deepfig, ...);
# prints every round, the medians and the ratio of the medians. Run it on a quiet machine.
# Usage: bench/train-throughput.sh [N_TRAIN_IMAGES]   (ROUNDS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
n="${1:-20000}"
rounds="${ROUNDS:-5}"
bash scripts/install-deps.sh >/dev/null
mvn -q -B -ntp -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for r in $(seq 1 "$rounds"); do
  java -Xmx4g -cp "$cp" org.deepfig.bench.TrainBench /usr/share/datasets/fashion-mnist "$n" | tail -1 | tee -a "$log"
  # PyTorch at its defaults: no oneDNN cap, no OpenBLAS core override
  env -u DNNL_MAX_CPU_ISA -u ONEDNN_MAX_CPU_ISA -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
    /usr/bin/python3 bench/pytorch_lenet.py /usr/share/datasets/fashion-mnist 2 "$n" | tail -1 | tee -a "$log"
done
python3 - "$log" "$DNNL_MAX_CPU_ISA" <<'PY'
import re, statistics, sys
lines = open(sys.argv[1]).read().splitlines()
def med(prefix, key):
    vals = [float(re.search(key + r"=(\d+)", l).group(1)) for l in lines if l.startswith(prefix)]
    return statistics.median(vals), len(vals)
(ot, n), (of, _) = med("deepfig", "train_images_per_s"), med("deepfig", "forward_images_per_s")
(tt, m), (tf, _) = med("pytorch", "train_images_per_s"), med("pytorch", "forward_images_per_s")
print(f"medians of {n} deepfig rounds (DNNL_MAX_CPU_ISA={sys.argv[2]}): train {ot:.0f}, forward {of:.0f} images/s")
print(f"medians of {m} PyTorch rounds (its defaults): train {tt:.0f}, forward {tf:.0f} images/s")
print(f"ratio: deepfig takes {tt / ot:.2f}x PyTorch's training time and {tf / of:.2f}x its forward time "
      f"(1.0 = as fast)")
PY
