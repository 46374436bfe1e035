#!/usr/bin/env bash
# Cost of the lesion scan (every channel of LeNet-5's conv1, conv2, fc1, fc2 ablated in turn) over N Fashion-MNIST
# test images (default 10,000), per layer and overall, against its target: a zoo network against (ablations × the
# layers above the ablated one), target 1.5; the same architecture exported to TorchScript against (ablations × one
# forward pass), target 1.2 (a TorchScript graph runs as one, so each ablation starts from the input).
# Usage: bench/lesion.sh [N] [LAYERS, e.g. conv1,fc2]
set -euo pipefail
cd "$(dirname "$0")/.."
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
[ -f /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ] && /usr/bin/python3 -c 'import torch' 2>/dev/null \
  || { echo "needs Fashion-MNIST and /usr/bin/python3 with torch: run scripts/install-deps.sh" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/lenet.py" <<'PY'
import torch.nn as nn

def make_model():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                         nn.Linear(84, 10))
PY
# random weights, layers named like the zoo's LeNet-5 (conv1, conv2, fc1, fc2) through the export's --layers
/usr/bin/python3 - "$tmp" <<'PY'
import sys, torch
sys.path.insert(0, "scripts"); sys.path.insert(0, sys.argv[1])
from export_torchscript import export
from lenet import make_model
torch.manual_seed(0)
m = make_model()
names = {"0": "conv1", "3": "conv2", "7": "fc1", "9": "fc2"}
wrapped = torch.nn.Sequential()
for i, layer in enumerate(m):
    wrapped.add_module(names.get(str(i), "l%d" % i), layer)
export(wrapped, input_shape=(1, 28, 28), out=sys.argv[1] + "/lenet.pt", layers="all")
PY
mvn -q -B -ntp -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
java -Xmx2g -cp "$cp" org.deepfig.bench.LesionBench /usr/share/datasets/fashion-mnist "$tmp/lenet.pt" "${1:-10000}" ${2:+"$2"}
