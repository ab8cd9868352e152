# Shared helpers for bin/kubeedge-j: logging, PID files, waiting. Sourced, not run.

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
RUN="$ROOT/.run"
PIDS="$RUN/pids"
LOGS="$RUN/logs"
WLP="$ROOT/target/liberty/wlp"
# The edge distribution (kubeedge-j-edge-<version>.tar.gz) has Liberty in wlp/ and no sources.
DIST=0
if [ -d "$ROOT/wlp" ] && [ ! -f "$ROOT/pom.xml" ]; then DIST=1; WLP="$ROOT/wlp"; fi

say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf '%s  ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# pid_of NAME: the PID recorded for NAME if that process is still alive, else nothing.
pid_of() {
  local f="$PIDS/$1.pid"
  [ -f "$f" ] || return 1
  local pid; pid=$(cat "$f")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
  rm -f "$f"; return 1
}

# stop_pid NAME [SECONDS]: SIGTERM the recorded PID, wait, then SIGKILL. Never by process name.
stop_pid() {
  local name=$1 wait=${2:-60} pid
  pid=$(pid_of "$name") || { return 0; }
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt $((wait * 4)) ]; do sleep 0.25; i=$((i + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop in ${wait}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$name.pid"
}

# wait_http URL SECONDS: until URL answers 200.
wait_http() {
  local url=$1 limit=$2 start=$SECONDS
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ]; then return 0; fi
    sleep 0.5
  done
  return 1
}

# port_in_use PORT: whether something listens on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
