#!/usr/bin/env bash
# Checks whether this CPU hits libtorch 2.7.1's oneDNN convolution-backward fault (README, Known problems): the input
# gradient of single convolutions of several shapes against its exact value, with oneDNN at its full instruction set
# (no DNNL_MAX_CPU_ISA) and without oneDNN. Pass -v to have oneDNN name each primitive's implementation.
#   scripts/check-conv-gradients.sh [-v]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/generator/target/deepfig-generator-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || mvn -B -q -ntp -f "$here/pom.xml" package -DskipTests -Dmaven.javadoc.skip=true >&2
verbose=0
[ "${1:-}" = "-v" ] && verbose=1
env -u DNNL_MAX_CPU_ISA -u ONEDNN_MAX_CPU_ISA ONEDNN_VERBOSE=$verbose TORCH_CPP_LOG_LEVEL=ERROR \
  java -cp "$jar" org.deepfig.probe.ConvKernels 2>&1 \
  | grep -v -E '^\[main\] (WARN|INFO)|NNPACK|^onednn_verbose,v1,(info|primitive,info|graph)|reorder' \
  | sed -E 's/^onednn_verbose,v1,primitive,exec,cpu,convolution,([^,]+),([^,]+),.*alg:convolution_direct,([^,]+),.*/  oneDNN: \1 \2 \3/'
