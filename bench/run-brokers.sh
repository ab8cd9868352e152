#!/usr/bin/env bash
# run-brokers.sh: the broker layouts CloudCore replicas can share (issue 16 item 1), measured with real broker
# processes from broker/target/kubeedge-broker.jar (docs/benchmarks.md, "Broker topologies"). Runs
# org.kubeedgej.bench.BrokerTopologyBenchmark: steady durable traffic to node queues for one broker, the replicated
# pair and a symmetric cluster of two, then kill -9 of one broker mid-run. Brokers listen on 127.0.0.1:29700-29721;
# journals and broker logs go to a temporary directory, removed at the end unless BENCH_KEEP=1. About 5 minutes;
# 10 with --repeat=3 (each kill run three times).
#
#   bench/run-brokers.sh [--nodes=100] [--producers=4] [--seconds=30] [--kill-rate=200]
#                        [--topologies=single,pair,cluster] [--kills=pair,cluster-b,cluster-a] [--repeat=1]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR="$ROOT/bench/target/kubeedge-j-bench.jar"
BROKER_JAR="$ROOT/broker/target/kubeedge-broker.jar"
die() { echo "run-brokers: $*" >&2; exit 1; }
[ -f "$BENCH_JAR" ] || die "no $BENCH_JAR: build first (mvn -o -q install -DskipTests -DskipITs -pl broker,bench -am)"
[ -f "$BROKER_JAR" ] || die "no $BROKER_JAR: build first (mvn -o -q install -DskipTests -DskipITs -pl broker -am)"
COMMIT=$(git -C "$ROOT" log -1 --format='%h %s' 2> /dev/null | cut -c1-72 || echo '?')
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2> /dev/null)" ] || COMMIT="$COMMIT (with local changes)"
WORK=$(mktemp -d -t kubeedgej-brokers.XXXXXX)
cleanup() { [ "${BENCH_KEEP:-0}" = 1 ] && echo "run-brokers: kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
# The bench starts and stops the brokers itself (each a child JVM, stopped by its own handle).
java -Xmx768m -cp "$BENCH_JAR:$ROOT/bench/target/lib/*" org.kubeedgej.bench.BrokerTopologyBenchmark \
  --broker-jar="$BROKER_JAR" --work-dir="$WORK" --commit="$COMMIT" "$@"
