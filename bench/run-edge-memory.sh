#!/usr/bin/env bash
# run-edge-memory.sh: EdgeCore's memory against a running `bin/kubeedge-j up` of this checkout (docs/benchmarks.md,
# "EdgeCore memory, second pass"): RSS idle, then with P pods running and D devices reporting (each device one twin
# update a second over MQTT, through EventBus, DeviceTwin and EdgeHub to the API), and where the memory goes.
#
#   bench/run-edge-memory.sh [--settle-seconds=60] [--pods=20] [--devices=10] [--load-seconds=90] [--detail]
#
# --detail adds jcmd's view: Native Memory Tracking per category (when EdgeCore runs with
# -XX:NativeMemoryTracking=summary, e.g. JVM_ARGS=-XX:NativeMemoryTracking=summary bin/kubeedge-j up), classes per
# class loader type, threads by name, and the heap after a full collection (taken last: it forces a GC).
# Pods are labelled kubeedgej-bench=edge-memory and Devices named bench-dev-N; both are deleted at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN="$ROOT/.run"
KUBECONFIG_FILE="$RUN/kubeconfig"
SETTLE=60 PODS=20 DEVICES=10 LOAD_SECONDS=90 DETAIL=0 HISTO_LINES=${HISTO_LINES:-20}
for a in "$@"; do
  case "$a" in
    --settle-seconds=*) SETTLE=${a#*=};; --pods=*) PODS=${a#*=};; --devices=*) DEVICES=${a#*=};;
    --load-seconds=*) LOAD_SECONDS=${a#*=};; --detail) DETAIL=1;;
    *) echo "run-edge-memory: unknown option $a" >&2; exit 2;;
  esac
done
die() { echo "run-edge-memory: $*" >&2; exit 1; }
[ -s "$KUBECONFIG_FILE" ] || die "no $KUBECONFIG_FILE: run bin/kubeedge-j up first"
PID=$(cat "$RUN/pids/edgecore.pid" 2> /dev/null) || die "no $RUN/pids/edgecore.pid: is edgecore up?"
kill -0 "$PID" 2> /dev/null || die "edgecore (PID $PID) is not running"
K=(kubectl --kubeconfig "$KUBECONFIG_FILE")
JCMD=(jcmd "$PID")

status_kb() { sed -n "s/^$1:[[:space:]]*\([0-9]*\).*/\1/p" "/proc/$PID/status"; }
# sample LABEL: one table row from /proc and GC.heap_info (no collection forced).
sample() {
  local heap meta
  heap=$("${JCMD[@]}" GC.heap_info 2> /dev/null | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/\1 \2/p' \
    | awk '{t+=$1; u+=$2} END {printf "%d/%d", u/1024, t/1024}')
  meta=$("${JCMD[@]}" GC.heap_info 2> /dev/null | sed -n 's/.*Metaspace.*used \([0-9]*\)K, committed \([0-9]*\)K.*/\1 \2/p' \
    | awk '{printf "%d/%d", $1/1024, $2/1024}')
  printf '| %s | %d | %d | %d | %s | %s | %s | %s |\n' "$1" $(($(status_kb VmRSS) / 1024)) \
    $(($(status_kb RssAnon) / 1024)) $(($(status_kb RssFile) / 1024)) "$(status_kb Threads)" "$heap" "$meta" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}
detail() {
  echo
  echo "### Native Memory Tracking (committed KiB per category)"
  "${JCMD[@]}" VM.native_memory summary 2> /dev/null | grep -E '^(Total|-)' | sed 's/^-  *//; s/ *(reserved=[0-9]*KB, committed=\([0-9]*\)KB)/ \1/' \
    || echo "(not enabled: start EdgeCore with -XX:NativeMemoryTracking=summary)"
  echo
  echo "### Classes per class loader type (count, bytes)"
  "${JCMD[@]}" VM.classloader_stats 2> /dev/null | awk '$1 ~ /^0x/ && NF >= 7 {n[$NF]+=$4; b[$NF]+=$5} END {for (k in n) printf "%8d %10d %s\n", n[k], b[k], k}' \
    | sort -rn | head -20
  echo
  echo "### Threads by name (digits folded)"
  "${JCMD[@]}" Thread.print > "$RUN/logs/edge-memory-threads.txt" 2>&1 || true
  sed -n 's/^"\([^"]*\)".*/\1/p' "$RUN/logs/edge-memory-threads.txt" | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn
  echo
  echo "### Heap after a full collection"
  "${JCMD[@]}" GC.run > /dev/null 2>&1 || true
  "${JCMD[@]}" GC.heap_info 2> /dev/null | sed 's/^/    /'
  local histo; histo=$("${JCMD[@]}" GC.class_histogram 2> /dev/null)
  echo "$histo" | sed -n "4,$((3 + HISTO_LINES))p;\$p" | sed 's/^/    /'
  echo
  echo "### Live heap by package (first three name parts; arrays and java.* under their own names), KiB"
  echo "$histo" | awk '$1 ~ /^[0-9]+:$/ {c=$4; n=split(c, p, "."); k=(n > 3 ? p[1] "." p[2] "." p[3] : c); s[k]+=$3} END {for (k in s) printf "%8d %s\n", s[k]/1024, k}' \
    | sort -rn | head -25
}

cleanup() {
  [ -n "${TWIN_PID:-}" ] && kill "$TWIN_PID" 2> /dev/null || true
  "${K[@]}" delete pods -l kubeedgej-bench=edge-memory --ignore-not-found --wait=false > /dev/null 2>&1 || true
  for i in $(seq 0 $((DEVICES - 1))); do echo "bench-dev-$i"; done \
    | xargs -r "${K[@]}" delete devices.v1beta1.devices.kubeedge.io --ignore-not-found > /dev/null 2>&1 || true
}
trap cleanup EXIT

echo "EdgeCore memory: JVM PID $PID, commit $(git -C "$ROOT" log -1 --format='%h' 2> /dev/null)$([ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no -- edge-war liberty-config 2> /dev/null)" ] || echo ' (with local changes)'), $(date -u +%FT%TZ)"
echo "JVM options: $(tr '\0' ' ' < "/proc/$PID/cmdline" | grep -o -- '-X[^ ]*' | tr '\n' ' ')"
echo
echo "| when | RSS MiB | anon MiB | file MiB | threads | heap used/committed MiB | metaspace used/committed MiB | load 1/5/15 |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
sleep "$SETTLE"
sample "idle ${SETTLE} s"
[ "$DETAIL" = 1 ] && IDLE_DETAIL=$(detail 2>&1) && sample "idle, after the detail (a forced GC)"

if [ "$PODS" -gt 0 ] || [ "$DEVICES" -gt 0 ]; then
  "${K[@]}" apply -f "$ROOT/docs/examples/devices/devices_v1beta1_devicemodel.yaml" > /dev/null
  for i in $(seq 0 $((DEVICES - 1))); do
    printf -- '---\napiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata: {name: bench-dev-%d, namespace: default}\nspec: {deviceModelRef: {name: thermometer-model}, nodeName: edge-node}\n' "$i"
  done | { [ "$DEVICES" -gt 0 ] && "${K[@]}" apply -f - > /dev/null || cat > /dev/null; }
  for i in $(seq 0 $((PODS - 1))); do
    printf -- '---\napiVersion: v1\nkind: Pod\nmetadata: {name: edge-memory-%d, namespace: default, labels: {kubeedgej-bench: edge-memory}}\nspec: {nodeName: edge-node, hostNetwork: true, terminationGracePeriodSeconds: 1, containers: [{name: main, image: "busybox:latest", imagePullPolicy: IfNotPresent, command: [sleep, "3600"]}]}\n' "$i"
  done | { [ "$PODS" -gt 0 ] && "${K[@]}" apply -f - > /dev/null || cat > /dev/null; }
  [ "$PODS" -gt 0 ] && "${K[@]}" wait pods -l kubeedgej-bench=edge-memory --for=jsonpath='{.status.phase}'=Running \
    --timeout=300s > /dev/null || echo "run-edge-memory: not all $PODS pods Running after 300 s (see the edgecore log)" >&2
  sample "$PODS pods Running"
  if [ "$DEVICES" -gt 0 ]; then
    sleep 5
    java -Xmx256m -cp "$ROOT/bench/target/kubeedge-j-bench.jar:$ROOT/bench/target/lib/*" org.kubeedgej.bench.TwinBenchmark \
      --kubeconfig="$KUBECONFIG_FILE" --devices="$DEVICES" --rates="$DEVICES" --seconds="$LOAD_SECONDS" \
      --roundtrips=1 > "$RUN/logs/edge-memory-twins.log" 2>&1 &
    TWIN_PID=$!
    sleep $((LOAD_SECONDS / 2))
    sample "$PODS pods, $DEVICES devices reporting 1/s for $((LOAD_SECONDS / 2)) s"
    sleep $((LOAD_SECONDS / 2))
    sample "$PODS pods, $DEVICES devices reporting 1/s for $LOAD_SECONDS s"
    [ "$DETAIL" = 1 ] && LOAD_DETAIL=$(detail 2>&1)
    wait "$TWIN_PID" || true
    TWIN_PID=
    echo
    echo "Twin updates (TwinBenchmark at $DEVICES/s over $DEVICES devices):"
    sed -n '2,3p' "$RUN/logs/edge-memory-twins.log"
  fi
fi
if [ "$DETAIL" = 1 ]; then
  echo
  echo "## Idle detail"
  echo "${IDLE_DETAIL:-}"
  [ -n "${LOAD_DETAIL:-}" ] && { echo; echo "## Detail under load"; echo "$LOAD_DETAIL"; }
fi
exit 0
