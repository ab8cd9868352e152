#!/usr/bin/env bash
# run-replicas.sh: issue 16's benchmark, two CloudCore replicas against one (docs/benchmarks.md, "CloudCore: two
# replicas against one"). Runs org.kubeedgej.bench.ReplicaBenchmark, which for each layout starts a fresh
# development API server, the standalone broker pair (broker/target/kubeedge-broker.jar, as bin/kubeedge-j up --ha)
# and the packaged CloudCore replicas with start_ha's environment, ramps simulated edges spread over the replicas'
# CloudHub ports, measures downstream delivery, and stops what it started by its own process handles. Everything
# listens on 127.0.0.1:29800-29889 (--base-port; 30 ports per layout). About 11 minutes with the defaults.
#
#   bench/run-replicas.sh [--layouts=one,two|embedded] [--steps=1000,2000,4000] [--rates=500,2000] [...]
#
# Builds nothing: run `mvn install -DskipTests` first. Options: ReplicaBenchSettings.java and BenchSettings.java.
# Environment: BENCH_JAVA_OPTS (-Xms1g -Xmx4g ...), BENCH_KEEP=1 keeps the work directory (server logs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WLP="$ROOT/target/liberty/wlp"
SERVER_SRC="$ROOT/cloud-ear/ear/target/server/cloudcore"
BENCH_JAR="$ROOT/bench/target/kubeedge-j-bench.jar"
BROKER_JAR="$ROOT/broker/target/kubeedge-broker.jar"
APISERVER_JAR="$ROOT/devapiserver/target/devapiserver.jar"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms1g -Xmx4g -XX:+UseG1GC -Djava.net.preferIPv4Stack=true}

die() { echo "run-replicas: $*" >&2; exit 1; }
[ -x "$WLP/bin/server" ] || die "no Liberty at $WLP: run mvn install -DskipTests first"
for f in "$SERVER_SRC/apps/cloudcore.ear" "$BENCH_JAR" "$BROKER_JAR" "$APISERVER_JAR"; do
  [ -f "$f" ] || die "no $f: run mvn install -DskipTests first"
done
command -v kubectl > /dev/null || die "kubectl is needed to apply crds/ (bin/kubeedge-j test installs it)"

# Every edge is a socket on both sides of loopback.
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 12000 ] || echo "run-replicas: warning: ulimit -n is $(ulimit -n)" >&2

COMMIT=$(git -C "$ROOT" log -1 --format='%h %s' 2> /dev/null | cut -c1-72 || echo '?')
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2> /dev/null)" ] || COMMIT="$COMMIT (with local changes)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kubeedgej-replicas.XXXXXX")
PIDS="$WORK/pids"

# Last resort, if the benchmark JVM died without its shutdown hook: stop what it recorded, by PID, and only if
# the PID still names the same process (its start time, field 22 of /proc/PID/stat, is the one recorded).
stop_leftovers() {
  [ -f "$PIDS" ] || return 0
  local pid started name
  while read -r pid started name; do
    [ -r "/proc/$pid/stat" ] || continue
    [ "$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f20)" = "$started" ] || continue
    echo "run-replicas: stopping leftover $name (PID $pid)" >&2
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2> /dev/null || break; sleep 1; done
    kill -KILL "$pid" 2> /dev/null || true
  done < "$PIDS"
}
cleanup() {
  local rc=$?
  stop_leftovers
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "run-replicas: work directory kept: $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$ROOT/certs/certgen.sh" ca "$WORK/certs" > /dev/null
"$ROOT/certs/certgen.sh" server "$WORK/certs" > /dev/null

# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$BENCH_JAR:$ROOT/bench/target/lib/*" org.kubeedgej.bench.ReplicaBenchmark \
  --wlp="$WLP" --server-dir="$SERVER_SRC" --broker-jar="$BROKER_JAR" --apiserver-jar="$APISERVER_JAR" \
  --crds-dir="$ROOT/crds" --work-dir="$WORK" --pid-file="$PIDS" --ca-dir="$WORK/certs" --commit="$COMMIT" "$@"
