#!/usr/bin/env bash
# t-SNE speed and quality: deepfig's Barnes-Hut t-SNE beside scikit-learn's on the same 50-dimensional points
# (ten Gaussian clusters), 1000 iterations each, measured in one run. One line per N and implementation, then the
# time ratio per N. Usage: bench/tsne.sh [N,N,...]   (default 2000,5000,10000)
set -euo pipefail
cd "$(dirname "$0")/.."
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX}"   # as ./deepfig runs (README, Known problems)
export TORCH_CPP_LOG_LEVEL="${TORCH_CPP_LOG_LEVEL:-ERROR}"
sizes="${1:-2000,5000,10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -B -ntp -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -f generator/pom.xml
cp="generator/target/classes:generator/target/test-classes:$(cat generator/target/bench.cp)"
java -Xmx4g -cp "$cp" org.deepfig.bench.TSneBench "$work" "$sizes" | tee "$work/ours.txt"
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "(installing Debian's python3-sklearn for the comparison)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null
  else
    echo "scikit-learn not available (apt-get install python3-sklearn): absolute times only"; exit 0
  fi
fi
files=$(for n in ${sizes//,/ }; do echo "$work/points-$n.csv"; done)
/usr/bin/python3 bench/sklearn_tsne.py $files | tee "$work/theirs.txt"
python3 - "$work/ours.txt" "$work/theirs.txt" <<'PY'
import re, sys
def rows(p):
    return {int(re.search(r"N=(\d+)", l).group(1)): l for l in open(p) if "N=" in l}
ours, theirs = rows(sys.argv[1]), rows(sys.argv[2])
get = lambda l, k: float(re.search(k + r"=([\d.]+)", l).group(1))
for n in sorted(ours):
    if n in theirs:
        o, t = ours[n], theirs[n]
        print(f"ratio  N={n}: deepfig takes {get(o, 'seconds') / get(t, 'seconds'):.2f}x scikit-learn's time; "
              f"trustworthiness {get(o, 'trustworthiness'):.4f} vs {get(t, 'trustworthiness'):.4f} "
              f"(difference {get(o, 'trustworthiness') - get(t, 'trustworthiness'):+.4f})")
PY
