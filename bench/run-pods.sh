#!/usr/bin/env bash
# run-pods.sh: pod start latency (API create to Running in the API) and EdgeCore memory against a running
# `bin/kubeedge-j up` of this checkout (docs/benchmarks.md). Runs org.kubeedgej.bench.PodStartBenchmark with the
# kubeconfig in .run/kubeconfig and the PIDs in .run/pids; the pods (label kubeedgej-bench=pod-start) are deleted
# at the end, and by this script if the bench fails.
#
#   bench/run-pods.sh [--pods=50] [--memory-pods=20] [--interval-ms=1000] [--burst-threads=8] [--settle-seconds=15]
#
# The servers' HTTP ports are read from their own environment (/proc/<pid>/environ, as `up` started them);
# EDGECORE_HTTP_PORT / CLOUDCORE_HTTP_PORT set here win.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN="$ROOT/.run"
KUBECONFIG_FILE="$RUN/kubeconfig"
BENCH_JAR="$ROOT/bench/target/kubeedge-j-bench.jar"
die() { echo "run-pods: $*" >&2; exit 1; }
[ -s "$KUBECONFIG_FILE" ] || die "no $KUBECONFIG_FILE: run bin/kubeedge-j up first"
[ -f "$BENCH_JAR" ] || die "no $BENCH_JAR: build first (mvn -o -q package -DskipTests -DskipITs)"

# recorded_pid NAME: the live PID in .run/pids/NAME.pid (what `up` started: env/nohup, then Liberty's server script).
recorded_pid() {
  local pid
  pid=$(cat "$RUN/pids/$1.pid" 2> /dev/null) || die "no $RUN/pids/$1.pid: is $1 up?"
  kill -0 "$pid" 2> /dev/null || die "$1 (PID $pid) is not running"
  echo "$pid"
}
# http_port PID VAR DEFAULT: $VAR here, else VAR in the server's environment, else DEFAULT.
http_port() {
  local pid=$1 var=$2 default=$3 value
  value=${!var:-}
  [ -n "$value" ] || value=$(tr '\0' '\n' < "/proc/$pid/environ" 2> /dev/null | sed -n "s/^$var=//p" | tail -1)
  echo "${value:-$default}"
}
EDGECORE_PID=$(recorded_pid edgecore)
CLOUDCORE_PID=$(recorded_pid cloudcore)
EDGE_PORT=$(http_port "$EDGECORE_PID" EDGECORE_HTTP_PORT 9081)
CLOUD_PORT=$(http_port "$CLOUDCORE_PID" CLOUDCORE_HTTP_PORT 9080)
COMMIT=$(git -C "$ROOT" log -1 --format='%h %s' 2> /dev/null | cut -c1-72 || echo '?')
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2> /dev/null)" ] || COMMIT="$COMMIT (with local changes)"
LIBERTY=$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$ROOT/target/liberty/wlp/lib/versions/openliberty.properties" 2> /dev/null || true)

K=(kubectl --kubeconfig "$KUBECONFIG_FILE")
cleanup() {
  local rc=$?
  if [ $rc != 0 ] && command -v kubectl > /dev/null; then
    echo "run-pods: the bench failed ($rc); deleting its pods" >&2
    "${K[@]}" delete pods -l kubeedgej-bench=pod-start --ignore-not-found --wait=false > /dev/null 2>&1 || true
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "run-pods: edgecore PID $EDGECORE_PID (HTTP $EDGE_PORT), cloudcore PID $CLOUDCORE_PID (HTTP $CLOUD_PORT)" >&2
java -Xmx256m -cp "$BENCH_JAR:$ROOT/bench/target/lib/*" org.kubeedgej.bench.PodStartBenchmark \
  --kubeconfig="$KUBECONFIG_FILE" --edgecore-pid="$EDGECORE_PID" --edgecore-http-port="$EDGE_PORT" \
  --cloudcore-pid="$CLOUDCORE_PID" --cloudcore-http-port="$CLOUD_PORT" --commit="$COMMIT" --liberty="${LIBERTY:-?}" "$@"

# Containers the edge left in this checkout's Docker engine (0 expected once every pod is gone).
if [ -s "$RUN/docker.host" ] && [ -x /usr/bin/docker ]; then
  left=$(/usr/bin/docker -H "$(cat "$RUN/docker.host")" ps -aq --filter label=io.kubeedgej.pod.uid | grep -c . || true)
  echo
  echo "Pod containers left in the engine after the run: $left"
fi
