#!/usr/bin/env bash
# GPU check: builds deepfig for the device, runs example configs on it, runs `deepfig verify` twice on each report
# and prints one line per figure — identical, within tolerance (PNG pixels at most TOL/255 apart, the other formats
# differing only through those numbers) or differs — and the time of each stage.
#
#   scripts/gpu-check.sh                      # on the GPU: mvn package -Pcuda, every example config
#   scripts/gpu-check.sh --device cpu         # the same on the CPU (CI runs this with --quick)
#   scripts/gpu-check.sh --device cpu --quick # one small config (shapes, LeNet-5, 1 epoch on 1,000 images, six
#                                             # figure kinds), a few minutes on 2 cores
#   scripts/gpu-check.sh --configs "configs/shapes-lenet.yaml configs/models/resnet50-224.yaml" --tolerance 2
#
# Unattended on a machine with an NVIDIA GPU and a CUDA driver: the -Pcuda build leaves the CPU libtorch out and
# DJL fetches the CUDA one on first use (set PYTORCH_FLAVOR, e.g. cu124, to choose it; README "Running on a GPU").
# Configs whose model file or data folder is missing are skipped with the reason. Exit code 0 when every figure
# is identical or within tolerance, 3 when one differs, 1 when a run or a verify fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
device=gpu
quick=0
configs=""
tol=2
out="$here/out/gpu-check"
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --configs) configs="$2"; shift 2 ;;
    --tolerance) tol="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "gpu-check: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$device" in cpu|gpu) ;; *) echo "gpu-check: --device must be cpu or gpu" >&2; exit 2 ;; esac
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ -z "$configs" ]; then
  if [ "$quick" = 1 ]; then
    configs="$out/quick.yaml"
    cat > "$configs" <<'YAML'
title: "gpu-check quick · shapes · LeNet-5"
seed: 42
device: auto
data: {source: shapes, train_size: 1000, test_size: 200, image_size: 32}
model: {arch: lenet5}
train: {epochs: 1, batch_size: 64}
figures:
  - kind: training-curves
  - kind: confusion
  - kind: filters
  - kind: activations
  - kind: saliency
    images: [0, 1]
    score_images: 5
  - kind: tsne
    points: 200
    iterations: 300
    compare_untrained: false
YAML
  else configs="$(ls "$here"/configs/*.yaml "$here"/configs/models/*.yaml)"; fi
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

t0=$(now)
if [ "$device" = gpu ]; then
  command -v nvidia-smi >/dev/null && nvidia-smi -L || echo "gpu-check: no nvidia-smi; the run will say whether PyTorch sees a GPU"
  mvn -B -q -ntp -f "$here/pom.xml" package -DskipTests -Dmaven.javadoc.skip=true -Pcuda >&2
else
  mvn -B -q -ntp -f "$here/pom.xml" package -DskipTests -Dmaven.javadoc.skip=true >&2
fi
echo "build ($device): $(secs "$t0" "$(now)") s"
jar="$(ls "$here"/generator/target/deepfig-generator-*.jar | head -1)"
deepfig() {
  DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}" TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}" \
    CUBLAS_WORKSPACE_CONFIG="${CUBLAS_WORKSPACE_CONFIG:-:4096:8}" \
    java ${DEEPFIG_JAVA_OPTS:--Xmx8g} --add-modules jdk.incubator.vector -Djava.awt.headless=true -jar "$jar" "$@"
}

status=0
copies=()
trap 'rm -f "${copies[@]}"' EXIT
for cfg in $configs; do
  name="$(basename "$cfg" .yaml)"
  dir="$(cd "$(dirname "$cfg")" && pwd)"
  # the device goes into a copy beside the original, so the config's relative paths still resolve
  copy="$dir/.gpu-check-$name.yaml"
  copies+=("$copy")
  if grep -q '^device:' "$cfg"; then sed "s/^device:.*/device: $device/" "$cfg" > "$copy"
  else { echo "device: $device"; cat "$cfg"; } > "$copy"; fi
  model="$(sed -n 's/^  file: *\([^ #]*\).*/\1/p' "$cfg" | head -1)"
  if [ -n "$model" ] && [ ! -f "$dir/$model" ]; then
    echo "$name: skipped — $dir/$model is missing (make it with the script beside it)"; continue
  fi
  data="$(sed -n 's/^  path: *\([^ #]*\).*/\1/p' "$cfg" | head -1)"
  if [ -n "$data" ] && [ ! -e "$data" ] && [ ! -e "$dir/$data" ]; then
    echo "$name: skipped — data folder $data is missing"; continue
  fi
  if [ "$(sed -n 's/^ *name: *//p' "$cfg" | head -1)" = fashion-mnist ] && [ ! -d /usr/share/datasets/fashion-mnist ]; then
    echo "$name: skipped — Fashion-MNIST is not installed (scripts/install-deps.sh)"; continue
  fi
  t=$(now)
  if ! deepfig run "$copy" --out "$out/$name" --cache "$out/cache" > "$out/$name.run.log" 2>&1; then
    echo "$name: run FAILED (log: $out/$name.run.log)"; tail -3 "$out/$name.run.log"; status=1; continue
  fi
  echo "$name: run $(secs "$t" "$(now)") s"
  # time per stage, from the run's own log
  grep -E '^(training: |test accuracy|timing: |figure [a-z-]+: computed)' "$out/$name.run.log" | sed 's/^/  /'
  for pass in 1 2; do
    t=$(now)
    code=0
    deepfig verify "$out/$name" > "$out/$name.verify$pass.log" 2>&1 || code=$?
    echo "  verify $pass: $(secs "$t" "$(now)") s (exit $code)"
    if [ "$code" != 0 ] && [ "$code" != 3 ]; then
      echo "$name: verify $pass FAILED (log: $out/$name.verify$pass.log)"; tail -3 "$out/$name.verify$pass.log"
      status=1; continue 2
    fi
  done
  # one line per figure over both verifies: the worst verdict of its files
  awk -v tol="$tol" -v name="$name" '
    /^(identical|DIFFERS|MISSING|UNLISTED) / {
      fig = $2; if (fig == "-") next
      order[fig] = order[fig] ? order[fig] : ++n; ids[n] = fig
      if ($1 == "identical") { if (!(fig in state)) state[fig] = "identical"; next }
      if ($1 != "DIFFERS") { state[fig] = "differs"; why[fig] = $1 " " $3; next }
      if ($3 ~ /\.png$/ && match($0, /max channel difference [0-9]+\/255/)) {
        d = substr($0, RSTART + 23, RLENGTH - 27) + 0
        if (d <= tol && state[fig] != "differs") { state[fig] = "tol"; if (d > maxd[fig]) maxd[fig] = d; next }
      }
      if ($3 ~ /\.(svg|pdf)$/ && state[fig] != "differs") { soft[fig] = 1; if (!(fig in state)) state[fig] = "tol"; next }
      state[fig] = "differs"; why[fig] = $3
    }
    END {
      bad = 0
      for (i = 1; i <= n; i++) {
        f = ids[i]; if (seen[f]++) continue
        s = state[f]
        if (s == "tol" && soft[f] && !(f in maxd)) s = "differs"  # vector files differ but no PNG measured it
        if (s == "identical") printf "  %-34s identical\n", f
        else if (s == "tol") printf "  %-34s within tolerance (PNG pixels at most %d/255 apart)\n", f, maxd[f]
        else { printf "  %-34s DIFFERS (%s)\n", f, why[f]; bad = 1 }
      }
      exit bad ? 3 : 0
    }' "$out/$name.verify1.log" "$out/$name.verify2.log" || { rc=$?; if [ "$rc" = 3 ] && [ "$status" = 0 ]; then status=3; fi; }
done
echo "gpu-check ($device): total $(secs "$t0" "$(now)") s, exit $status"
exit "$status"
