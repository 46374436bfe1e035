#!/usr/bin/env bash
# Memory of the ResNet-50 audit at 224 px over N test images (default 1,000), run by ./deepfig with the launcher's
# defaults (-Xmx8g): peak resident memory of the whole process, native memory included (/usr/bin/time -v), and the
# peak Java heap (the largest heap in use when a collection started, from the JVM's own GC log: -Xlog:gc), with the
# largest committed heap and the wall time. The audit: confusion (1,000 classes), metrics, calibration, mistakes,
# the architecture, dead units over every image, top-9 patches of two layers over every image, t-SNE of avgpool over
# every image, activations of one image and gradient / Grad-CAM saliency on two.
#
#   bench/real-model-memory.sh [N] [WORKDIR]     # N a multiple of 10, default 1000; WORKDIR kept (default: a temp dir)
#
# Makes the model and an image folder of N test images of its own with configs/models/resnet50.py (python3-torch,
# python3-torchvision, python3-pil: scripts/install-deps.sh); a WORKDIR given twice re-uses them. Run it on a quiet
# machine: the memory does not depend on the load, the time does.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
if [ -n "${2:-}" ]; then work="$2"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
work="$(cd "$work" && pwd)"
if [ ! -f "$work/resnet50.pt" ] || [ ! -d "$work/images-$n" ]; then
  /usr/bin/python3 configs/models/resnet50.py --out "$work/resnet50.pt" --test-images "$n" \
    --images "$work/images-$n" >/dev/null
fi
cp configs/models/imagenet-classes.txt "$work/"
cat > "$work/memory-$n.yaml" <<YAML
title: "ResNet-50 · 224 px · memory over $n images"
seed: 42
device: cpu
data:
  source: folder
  path: images-$n
  class_names_file: imagenet-classes.txt
  resize: 256
  image_size: 224
  channels: 3
  mean: [0.485, 0.456, 0.406]
  std: [0.229, 0.224, 0.225]
model:
  file: resnet50.pt
  input_shape: [3, 224, 224]
figures:
  - kind: confusion
  - kind: metrics
  - kind: calibration
  - kind: mistakes
  - kind: architecture
    collapse: true
  - kind: dead-units
    max_images: 0
  - kind: top-patches
    layers: [layer1.0.conv1, layer2.0.conv2]
    channels: 8
    max_images: 0
    projections: false
  - kind: tsne
    layers: [avgpool]
    points: $(( n < 91 ? 91 : n ))            # perplexity 30 asks for more than 90; fewer images cap it
    image_grid: 0
  - kind: activations
    images: [0]
    layers: [relu, layer4.2.relu3]
  - kind: saliency
    images: [0, 1]
    methods: [gradient, Grad-CAM]
    sanity_check: false
    score_images: 0
YAML
rm -rf "$work/cache" "$work/out-$n"
./deepfig validate "$work/memory-$n.yaml" >/dev/null  # builds the jar first, outside the measurement
start=$(date +%s)
DEEPFIG_JAVA_OPTS="-Xmx8g -Xlog:gc:file=$work/gc-$n.log" /usr/bin/time -v -o "$work/time-$n.txt" \
  ./deepfig run "$work/memory-$n.yaml" --out "$work/out-$n" --cache "$work/cache" > "$work/run-$n.log" 2>&1 || {
  tail -20 "$work/run-$n.log"; exit 1; }
seconds=$(( $(date +%s) - start ))
rss_kb="$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time-$n.txt")"
# "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 1234M->210M(2048M) 12.3ms": heap in use before the pause,
# after it, and committed
read -r heap committed < <(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$work/gc-$n.log" \
  | awk -F'[M>()-]+' '{ if ($1 > h) h = $1; if ($3 > c) c = $3 } END { print h + 0, c + 0 }')
printf 'ResNet-50 audit, 224 px, %d test images: peak resident %.2f GB (/usr/bin/time -v), peak Java heap %d MB in use (%d MB committed; GC log), %d s wall\n' \
  "$n" "$(awk -v k="$rss_kb" 'BEGIN { print k / 1048576 }')" "$heap" "$committed" "$seconds"
