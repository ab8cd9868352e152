#!/usr/bin/env bash
# run-twins.sh: twin update latency and EventBus throughput against a running `bin/kubeedge-j up`
# (docs/benchmarks.md). Creates N v1beta1 Devices on edge-node (bench-dev-0..N-1), waits until the edge has them,
# runs org.kubeedgej.bench.TwinBenchmark, deletes the Devices.
#
#   bench/run-twins.sh [--devices=10] [--rates=100,1000] [--seconds=20] [--roundtrips=5000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KUBECONFIG_FILE="$ROOT/.run/kubeconfig"
[ -s "$KUBECONFIG_FILE" ] || { echo "run-twins: no $KUBECONFIG_FILE: run bin/kubeedge-j up first" >&2; exit 1; }
[ -f "$ROOT/bench/target/kubeedge-j-bench.jar" ] || { echo "run-twins: build first: mvn -pl bench -am install -DskipTests" >&2; exit 1; }
DEVICES=10
for a in "$@"; do case "$a" in --devices=*) DEVICES=${a#--devices=};; esac; done
K=(kubectl --kubeconfig "$KUBECONFIG_FILE")
"${K[@]}" apply -f "$ROOT/docs/examples/devices/devices_v1beta1_devicemodel.yaml" > /dev/null
for i in $(seq 0 $((DEVICES - 1))); do
  cat <<YAML
---
apiVersion: devices.kubeedge.io/v1beta1
kind: Device
metadata: {name: bench-dev-$i, namespace: default}
spec: {deviceModelRef: {name: thermometer-model}, nodeName: edge-node}
YAML
done | "${K[@]}" apply -f - > /dev/null
NAMES=$(for i in $(seq 0 $((DEVICES - 1))); do echo -n "bench-dev-$i "; done)
# shellcheck disable=SC2086
trap '"${K[@]}" delete devices.v1beta1.devices.kubeedge.io $NAMES --ignore-not-found > /dev/null 2>&1 || true' EXIT
sleep 5
java -Xmx1g -cp "$ROOT/bench/target/kubeedge-j-bench.jar:$ROOT/bench/target/lib/*" org.kubeedgej.bench.TwinBenchmark \
  --kubeconfig="$KUBECONFIG_FILE" --devices="$DEVICES" "$@"
