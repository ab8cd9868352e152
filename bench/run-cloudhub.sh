#!/usr/bin/env bash
# run-cloudhub.sh: CloudHub benchmark against a packaged CloudCore on 127.0.0.1 (docs/benchmarks.md).
#
#   bench/run-cloudhub.sh [--name=value]...     options go to org.kubeedgej.bench.CloudHubBenchmark, e.g.
#                                               --steps=1000,5000 --downstream=false --clients=16
#
# Builds nothing: run `mvn install -DskipTests` first. Makes a CA and a server certificate with
# certs/certgen.sh in a temporary directory, starts cloudcore from cloud-ear/ear/target/server/cloudcore
# (nodeLimit 20000; its packaged jvm.options and server.env: G1 -Xms32m -Xmx2g, MALLOC_ARENA_MAX=2) on its own
# ports, runs the benchmark JVM, and stops cloudcore by its PID however the script ends.
# BENCH_CLOUDCORE_JVM_OPTIONS (space-separated, e.g. "-Xmx1g") is appended to that copy of jvm.options: the JVM
# takes the last of a repeated option, so these override the packaged ones. CloudCore talks to the development
# API server (started here on BENCH_APISERVER_PORT, 29443, with crds/ applied by kubectl), so its informers run
# and every acknowledged object is recorded in an ObjectSync as in production. Environment: BENCH_HTTP_PORT
# (29080), BENCH_CLOUDHUB_PORT (29100), BENCH_BROKER_PORT (29616), BENCH_JAVA_OPTS (-Xmx4g ...), BENCH_KEEP=1
# keeps the work directory.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WLP="$ROOT/target/liberty/wlp"
SERVER_SRC="$ROOT/cloud-ear/ear/target/server/cloudcore"
BENCH_JAR="$ROOT/bench/target/kubeedge-j-bench.jar"
HTTP_PORT=${BENCH_HTTP_PORT:-29080}
CLOUDHUB_PORT=${BENCH_CLOUDHUB_PORT:-29100}
BROKER_PORT=${BENCH_BROKER_PORT:-29616}
APISERVER_PORT=${BENCH_APISERVER_PORT:-29443}
APISERVER_JAR="$ROOT/devapiserver/target/devapiserver.jar"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx4g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true}

die() { echo "run-cloudhub: $*" >&2; exit 1; }
[ -x "$WLP/bin/server" ] || die "no Liberty at $WLP: run mvn install -DskipTests first"
[ -d "$SERVER_SRC" ] || die "no packaged cloudcore at $SERVER_SRC: run mvn install -DskipTests first"
[ -f "$BENCH_JAR" ] || die "no $BENCH_JAR: run mvn install -DskipTests first"
[ -f "$APISERVER_JAR" ] || die "no $APISERVER_JAR: run mvn install -DskipTests first"
command -v kubectl > /dev/null || die "kubectl is needed to apply crds/ (bin/kubeedge-j test installs it)"
for port in "$HTTP_PORT" "$CLOUDHUB_PORT" "$BROKER_PORT" "$APISERVER_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null; then die "port $port is in use"; fi
done

# Every edge is a socket on both sides of loopback.
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 12000 ] || echo "run-cloudhub: warning: ulimit -n is $(ulimit -n)" >&2

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kubeedgej-bench.XXXXXX")
CLOUDCORE_PID=""
APISERVER_PID=""
stop_by_pid() {
  local name=$1 pid=$2
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    echo "run-cloudhub: stopping $name (PID $pid)"
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
    kill -KILL "$pid" 2> /dev/null || true
  fi
}
cleanup() {
  local rc=$?
  stop_by_pid cloudcore "$CLOUDCORE_PID"
  stop_by_pid "the development API server" "$APISERVER_PID"
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "run-cloudhub: work directory kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$ROOT/certs/certgen.sh" ca "$WORK/certs" > /dev/null
"$ROOT/certs/certgen.sh" server "$WORK/certs" > /dev/null

echo "run-cloudhub: starting the development API server on 127.0.0.1:$APISERVER_PORT"
# Niced (BENCH_APISERVER_NICE, 19): it stands in for a control plane on other machines, and this in-memory
# stand-in costs far more CPU per request than a kube-apiserver; at normal priority the ObjectSync writes made
# it take a quarter of the two cores from CloudCore and the edges (docs/benchmarks.md).
nice -n "${BENCH_APISERVER_NICE:-19}" java -Dsun.net.httpserver.nodelay=true -jar "$APISERVER_JAR" --port "$APISERVER_PORT" \
  --kubeconfig "$WORK/kubeconfig" --ready-file "$WORK/apiserver.ready" > "$WORK/apiserver.log" 2>&1 &
APISERVER_PID=$!
for i in $(seq 1 60); do
  kill -0 "$APISERVER_PID" 2> /dev/null || { tail -20 "$WORK/apiserver.log" >&2; die "the API server exited"; }
  [ -s "$WORK/apiserver.ready" ] && break
  [ "$i" = 60 ] && die "the API server did not start within 60 s; see $WORK/apiserver.log"
  sleep 1
done
kubectl --kubeconfig "$WORK/kubeconfig" apply -f "$ROOT/crds/" > /dev/null

mkdir -p "$WORK/usr/servers"
cp -r "$SERVER_SRC" "$WORK/usr/servers/cloudcore"
for option in ${BENCH_CLOUDCORE_JVM_OPTIONS:-}; do echo "$option" >> "$WORK/usr/servers/cloudcore/jvm.options"; done
echo "run-cloudhub: cloudcore JVM options: $(grep -v '^#' "$WORK/usr/servers/cloudcore/jvm.options" | grep -E '^-X[a-z]' | tr '\n' ' ')"
echo "run-cloudhub: starting cloudcore (HTTP $HTTP_PORT, CloudHub $CLOUDHUB_PORT, broker $BROKER_PORT); log $WORK/console.log"
# exec: the PID recorded is the server JVM itself, for the stop and for its RSS.
# SyncController's reconcile is off: the bench's nodes and pods exist only in its messages, not in the API server,
# so the reconcile would (rightly) delete their ObjectSync records and send the simulated edges deletes.
WLP_USER_DIR="$WORK/usr" KUBEAPICONFIG_KUBECONFIG="$WORK/kubeconfig" CLOUDCORE_HTTP_PORT=$HTTP_PORT CLOUDHUB_PORT=$CLOUDHUB_PORT \
  CLOUDHUB_CERTS_DIR="$WORK/certs" MODULES_CLOUDHUB_BROKER_PORT=$BROKER_PORT \
  MODULES_CLOUDHUB_NODELIMIT=20000 MODULES_CLOUDHUB_BROKER_DATADIR="$WORK/artemis" \
  MODULES_SYNCCONTROLLER_RECONCILESECONDS=0 \
  bash -c 'exec "$0" run cloudcore' "$WLP/bin/server" > "$WORK/console.log" 2>&1 &
CLOUDCORE_PID=$!
echo "run-cloudhub: cloudcore PID $CLOUDCORE_PID"

for i in $(seq 1 180); do
  kill -0 "$CLOUDCORE_PID" 2> /dev/null || { tail -30 "$WORK/console.log" >&2; die "cloudcore exited"; }
  if curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/health/started" 2> /dev/null; then break; fi
  [ "$i" = 180 ] && die "cloudcore did not start within 180 s; see $WORK/console.log"
  sleep 1
done
# The JVM, if the server script did not exec it.
JVM_PID=$(pgrep -P "$CLOUDCORE_PID" java || true)
JVM_PID=${JVM_PID:-$CLOUDCORE_PID}
echo "run-cloudhub: cloudcore started (JVM PID $JVM_PID)"

# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$BENCH_JAR:$ROOT/bench/target/lib/*" org.kubeedgej.bench.CloudHubBenchmark \
  --ca-dir="$WORK/certs" --cloudhub-ports="$CLOUDHUB_PORT" --http-port="$HTTP_PORT" \
  --broker-port="$BROKER_PORT" --cloudcore-pid="$JVM_PID" "$@"
