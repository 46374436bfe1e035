#!/usr/bin/env bash
# t-SNE speed and quality: deepfig's t-SNE (FFT repulsion) beside scikit-learn's Barnes-Hut t-SNE on the same
# 50-dimensional points, 1000 iterations each, measured in one run: ten Gaussian clusters at N = 2000,5000,10000, then
# real points, Fashion-MNIST PCA-50 (Debian's dataset-fashion-mnist) at N = 10,000 (the test images; scikit-learn too)
# and 70,000 (train + test; deepfig only, trustworthiness on a seeded 5,000-point sample). One line per data set, N
# and implementation (seconds, KL, trustworthiness, neighbourhood hit), deepfig's seconds per phase, then the ratios.
# Above 5,000 points deepfig uses approximate neighbours; EXACT=1 adds a deepfig run on exact neighbours there (the
# issue-20 check: KL within 2 %, neighbourhood hit within 0.01; at 70k the exact search alone takes minutes).
# Usage: bench/tsne.sh [N,N,...] [N,N,...]   (synthetic sizes, default 2000,5000,10000; Fashion-MNIST sizes, default
# 10000,70000; "-" skips a set)
set -euo pipefail
cd "$(dirname "$0")/.."
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
sizes="${1:-2000,5000,10000}"
real="${2:-10000,70000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -B -ntp -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
exact="-Dexact=$([ "${EXACT:-0}" = 1 ] && echo true || echo false)"
: >"$work/ours.txt"
: >"$work/theirs.txt"
sklearn=1
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "(installing Debian's python3-sklearn for the comparison)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null
  else
    echo "scikit-learn not available (apt-get install python3-sklearn): absolute times only"; sklearn=0
  fi
fi
# deepfig on a set of sizes, then scikit-learn on the points it wrote (N <= 10,000) right after: this machine's speed
# drifts by a factor of up to 1.6 over minutes (a shared virtual machine), so the two of a ratio run back to back
pair() {
  java -Xmx4g --add-modules jdk.incubator.vector "$exact" -cp "$cp" org.deepfig.bench.TSneBench "$work" "$1" \
    | tee -a "$work/ours.txt"
  local files
  files=$(ls "$work"/points-*.csv 2>/dev/null || true)
  if [ "$sklearn" = 1 ] && [ -n "$files" ]; then
    /usr/bin/python3 bench/sklearn_tsne.py $files | tee -a "$work/theirs.txt"
  fi
  rm -f "$work"/points-*.csv
}
if [ "$sizes" != - ]; then
  pair "$sizes"
fi
if [ "$real" != - ]; then
  if [ -e /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ]; then
    for n in ${real//,/ }; do pair "fashion:$n"; done
  else
    echo "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist): no real-data lines"
  fi
fi
[ "$sklearn" = 1 ] || exit 0
python3 - "$work/ours.txt" "$work/theirs.txt" <<'PY'
import re, sys
def rows(p, who):
    out = {}
    for l in open(p):
        m = re.match(r"(\S+)\s+data=(\S+) N=(\d+) ", l)
        if m and m.group(1) == who:
            out[(m.group(2), int(m.group(3)))] = l
    return out
ours, theirs = rows(sys.argv[1], "deepfig"), rows(sys.argv[2], "sklearn")
exact = rows(sys.argv[1], "deepfig-exact-nn")
cpu = {}
for l in open(sys.argv[1]):
    m = re.match(r"deepfig\s+phase cpu_seconds data=(\S+) N (\d+): total=([\d.]+)", l)
    if m:
        cpu[(m.group(1), int(m.group(2)))] = float(m.group(3))
get = lambda l, k: float(re.search(k + r"=([\d.]+)", l).group(1))
for key in sorted(ours):
    o = ours[key]
    if key in theirs:
        t = theirs[key]
        print(f"ratio  data={key[0]} N={key[1]}: deepfig takes {get(o, 'seconds') / get(t, 'seconds'):.2f}x "
              f"scikit-learn's time; trustworthiness {get(o, 'trustworthiness'):.4f} vs {get(t, 'trustworthiness'):.4f} "
              f"(difference {get(o, 'trustworthiness') - get(t, 'trustworthiness'):+.4f}); KL {get(o, 'kl'):.3f} vs "
              f"{get(t, 'kl'):.3f} ({100 * (get(o, 'kl') / get(t, 'kl') - 1):+.1f} %)")
        if key in cpu and "cpu_seconds=" in t:
            print(f"cpu ratio  data={key[0]} N={key[1]}: deepfig's t-SNE {cpu[key]:.1f} CPU-s vs scikit-learn's "
                  f"{get(t, 'cpu_seconds'):.1f} ({cpu[key] / get(t, 'cpu_seconds'):.2f}x)")
    if key in exact:
        e = exact[key]
        print(f"exact-nn  data={key[0]} N={key[1]}: approximate neighbours {get(o, 'seconds'):.1f} s vs exact "
              f"{get(e, 'seconds'):.1f} s; KL {100 * (get(o, 'kl') / get(e, 'kl') - 1):+.1f} %, neighbourhood hit "
              f"{get(o, 'nh') - get(e, 'nh'):+.3f}")
PY
