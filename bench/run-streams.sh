#!/usr/bin/env bash
# run-streams.sh: round trips of kubectl logs and kubectl exec to a pod on the edge node, next to a plain API read,
# against a running `bin/kubeedge-j up` of this checkout (docs/benchmarks.md). Runs
# org.kubeedgej.bench.StreamLatencyBenchmark with the kubeconfig in .run/kubeconfig; its pod (bench-stream) is
# deleted at the end.
#
#   bench/run-streams.sh [--rounds=30] [--node=edge-node]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN="$ROOT/.run"
KUBECONFIG_FILE="$RUN/kubeconfig"
BENCH_JAR="$ROOT/bench/target/kubeedge-j-bench.jar"
die() { echo "run-streams: $*" >&2; exit 1; }
[ -s "$KUBECONFIG_FILE" ] || die "no $KUBECONFIG_FILE: run bin/kubeedge-j up first"
[ -f "$BENCH_JAR" ] || die "no $BENCH_JAR: build first (mvn -o -q package -DskipTests -DskipITs)"
command -v kubectl > /dev/null || die "kubectl is not on PATH (install kubectl 1.32, the version platform-facts names)"
COMMIT=$(git -C "$ROOT" log -1 --format='%h %s' 2> /dev/null | cut -c1-72 || echo '?')
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2> /dev/null)" ] || COMMIT="$COMMIT (with local changes)"
LIBERTY=$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$ROOT/target/liberty/wlp/lib/versions/openliberty.properties" 2> /dev/null || true)
java -Xmx256m -cp "$BENCH_JAR:$ROOT/bench/target/lib/*" org.kubeedgej.bench.StreamLatencyBenchmark \
  --kubeconfig="$KUBECONFIG_FILE" --commit="$COMMIT" --liberty="${LIBERTY:-?}" "$@"
