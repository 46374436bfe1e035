#!/usr/bin/env bash
# Training and forward throughput of LeNet-5 on Fashion-MNIST: deepfig (DJL) beside PyTorch on the same cores.
# Prints images/s for both and the ratio. Usage: bench/train-throughput.sh [N_TRAIN_IMAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
n="${1:-20000}"
bash scripts/install-deps.sh >/dev/null
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
ours=$(java -Xmx4g -cp "$cp" org.deepfig.bench.TrainBench /usr/share/datasets/fashion-mnist "$n" | tail -1)
echo "$ours"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "(installing Debian's python3-torch for the comparison)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch >/dev/null
fi
theirs=$(/usr/bin/python3 bench/pytorch_lenet.py /usr/share/datasets/fashion-mnist 2 "$n" | tail -1)
echo "$theirs"
python3 - "$ours" "$theirs" <<'PY'
import re, sys
val = lambda s, k: float(re.search(k + r"=(\d+)", s).group(1))
o, t = sys.argv[1], sys.argv[2]
print(f"ratio: deepfig takes {val(t, 'train_images_per_s') / val(o, 'train_images_per_s'):.2f}x PyTorch's training time and "
      f"{val(t, 'forward_images_per_s') / val(o, 'forward_images_per_s'):.2f}x its forward time (1.0 = as fast)")
PY
