# The edge side of bin/kubeedge-j, as keadm's verbs: join (certificate by token, KubeEdge's edgecore.yaml, edgecore
# started) and reset (stop it, remove its state); starting and stopping a joined edge again (the edge package's up
# and down); its status line. Sourced, not run; needs common.sh.
#
# Everything of a joined edge lives in one directory, KUBEEDGEJ_EDGE_DIR (default .run/edge), in KubeEdge's layout:
#   ca/rootCA.crt  certs/server.crt  certs/server.key  config/edgecore.yaml   (KubeEdge's names)
#   usr/servers/edgecore/  (the Liberty server, copied from the package)  data/  (Derby)  logs/  edgecore.pid
#   edgecore.env  (EDGECORE_*, MODULES_* and DOCKER_HOST as they were at join, for later starts)
# Only Java 17 is needed: the certificate work is edge-join.jar, the readiness wait too (no openssl, no curl).

EDGE_DIR="${KUBEEDGEJ_EDGE_DIR:-$RUN/edge}"
case $EDGE_DIR in /*) ;; *) EDGE_DIR="$PWD/$EDGE_DIR";; esac

edge_join_jar() { if [ "$DIST" = 1 ]; then echo "$ROOT/lib/edge-join.jar"; else echo "$ROOT/edge-join/target/edge-join.jar"; fi; }
edge_server_src() { if [ "$DIST" = 1 ]; then echo "$WLP/usr/servers/edgecore"; else echo "$ROOT/edge-war/target/server/edgecore"; fi; }
edge_pid() { PIDS="$EDGE_DIR" pid_of edgecore; }

require_java() {
  command -v java > /dev/null \
    || fail "java is not installed: EdgeCore needs Java 17 or later (Debian: apt-get install openjdk-17-jre-headless)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v%%.*}" -ge 17 ] 2> /dev/null \
    || fail "java ${v:-?} is too old: EdgeCore needs Java 17 or later (java -version; set PATH or JAVA_HOME)"
}

cmd_join() {
  local a
  for a in "$@"; do
    case $a in --edge-dir|--edge-dir=*) fail "set the edge directory with KUBEEDGEJ_EDGE_DIR=DIR (for join and reset alike)";; esac
  done
  require_java
  if pid=$(edge_pid); then
    fail "edgecore is already running on this host (pid $pid, $EDGE_DIR); run bin/kubeedge-j reset first"
  fi
  if [ "$DIST" != 1 ]; then build; fi
  local jar server
  jar=$(edge_join_jar); server=$(edge_server_src)
  [ -f "$jar" ] && [ -d "$server" ] && [ -x "$WLP/bin/server" ] \
    || fail "this package is incomplete ($jar, $server or $WLP/bin/server missing); unpack kubeedge-j-edge-*.tar.gz again"
  local http_port="${EDGECORE_HTTP_PORT:-9081}"
  if port_in_use "$http_port"; then
    fail "port $http_port is taken (bin/kubeedge-j up's edgecore, or another joined edge?); stop it, or for a second edge" \
      "on this host set EDGECORE_HTTP_PORT, KUBEEDGEJ_EDGE_DIR and the edge's other ports" \
      "(MODULES_METAMANAGER_METASERVER_SERVER, MODULES_SERVICEBUS_PORT, MODULES_EVENTBUS_MQTTSERVERINTERNAL)"
  fi
  mkdir -p "$EDGE_DIR"
  # Certificate by token and edgecore.yaml; it prints each step, and on failure the cause and the fix.
  java -Dkubeedgej.edgeDir="$EDGE_DIR" -jar "$jar" join "$@" || exit $?
  save_edge_env
  start_joined_edge
}

# The edge's settings from the environment at join (ports, DOCKER_HOST, ...), so `up` after a reboot uses them too.
save_edge_env() {
  local line
  env | grep -E '^(EDGECORE_[A-Z_]*|MODULES_[A-Z0-9_]*|DOCKER_HOST|KUBEEDGEJ_JOIN_TIMEOUT)=' \
    | grep -vE '^MODULES_(EDGED_HOSTNAMEOVERRIDE|EDGEHUB_(WEBSOCKET_SERVER|TLS[A-Z]*|HTTPSERVER))=' \
    | while IFS= read -r line; do printf '%s=%q\n' "${line%%=*}" "${line#*=}"; done > "$EDGE_DIR/edgecore.env" || true
}

# What save_edge_env kept, for variables not set now (set now, they win).
load_edge_env() {
  local f="$EDGE_DIR/edgecore.env" line name
  [ -f "$f" ] || return 0
  while IFS= read -r line; do
    name=${line%%=*}
    [[ $name =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
    printenv "$name" > /dev/null || eval "export $line"
  done < "$f"
}

# Starts the joined edge from its directory (after join, or again after a reboot or `down`) and waits until it is
# connected to CloudHub.
start_joined_edge() {
  [ -f "$EDGE_DIR/config/edgecore.yaml" ] \
    || fail "no joined edge in $EDGE_DIR: run bin/kubeedge-j join --cloudcore-ipport=IP:10000 --token=TOKEN first"
  if pid=$(edge_pid); then say "edgecore is already running (pid $pid, $EDGE_DIR)"; return 0; fi
  load_edge_env
  local jar server http_port="${EDGECORE_HTTP_PORT:-9081}"
  jar=$(edge_join_jar); server=$(edge_server_src)
  if port_in_use "$http_port"; then fail "port $http_port is taken; stop what uses it or set EDGECORE_HTTP_PORT"; fi
  local dir="$EDGE_DIR/usr/servers/edgecore"
  mkdir -p "$dir" "$EDGE_DIR/logs" "$EDGE_DIR/data"
  rm -rf "$dir/apps" "$dir/lib"
  cp -r "$server/." "$dir/"
  say "starting edgecore (log: $EDGE_DIR/logs/edgecore.log)"
  # The file names the node, CloudHub and the certificates; variables left from `up` would override it.
  env -u MODULES_EDGED_HOSTNAMEOVERRIDE -u MODULES_EDGEHUB_WEBSOCKET_SERVER -u MODULES_EDGEHUB_TLSKEYSTORE \
    -u MODULES_EDGEHUB_TLSTRUSTSTORE -u MODULES_EDGEHUB_TLSCAFILE -u MODULES_EDGEHUB_TLSCERTFILE \
    -u MODULES_EDGEHUB_TLSPRIVATEKEYFILE -u MODULES_EDGEHUB_HTTPSERVER \
    WLP_USER_DIR="$EDGE_DIR/usr" KUBEEDGE_CONFIG="$EDGE_DIR/config/edgecore.yaml" \
    EDGECORE_DATABASE_DIR="$EDGE_DIR/data/edgecore" EDGECORE_HTTP_PORT="$http_port" \
    nohup "$WLP/bin/server" run edgecore >> "$EDGE_DIR/logs/edgecore.log" 2>&1 &
  local pid=$!
  echo "$pid" > "$EDGE_DIR/edgecore.pid"
  say "edgecore started (pid $pid); waiting for it to connect to CloudHub (/health/ready on port $http_port)"
  local rc=0
  java -cp "$jar" org.kubeedgej.edge.join.JoinCommand wait-ready --url "http://127.0.0.1:$http_port/health/ready" \
    --pid "$pid" --timeout "${KUBEEDGEJ_JOIN_TIMEOUT:-180}" > /dev/null || rc=$?
  case $rc in
    0) say "edgecore is connected and ready. On the cloud host: kubectl get nodes";;
    3) tail -25 "$EDGE_DIR/logs/edgecore.log" >&2
       fail "edgecore exited (log above: $EDGE_DIR/logs/edgecore.log); fix the cause, then bin/kubeedge-j reset and join again";;
    *) fail "edgecore runs (pid $pid) but is not ready (the answer above names the check that is down); it keeps" \
         "retrying CloudHub at the --cloudcore-ipport address: check that port is reachable from here, and" \
         "$EDGE_DIR/logs/edgecore.log";;
  esac
}

stop_joined_edge() { PIDS="$EDGE_DIR" stop_pid edgecore; }

cmd_reset() {
  local force=0 a
  case "${1:-}" in --force|-f) force=1;; "") ;; *) fail "reset takes only --force";; esac
  if [ ! -e "$EDGE_DIR" ]; then say "nothing to reset: $EDGE_DIR does not exist"; return 0; fi
  if [ $force = 0 ] && [ -t 0 ]; then
    read -r -p "[reset] stop edgecore and remove its certificates, config and database in $EDGE_DIR? [y/N]: " a
    case $a in y|Y|yes) ;; *) say "reset aborted"; return 1;; esac
  fi
  stop_joined_edge
  rm -rf "$EDGE_DIR"
  say "reset: edgecore stopped, $EDGE_DIR removed (containers Edged started are left to Docker)"
}

edge_status() {
  if [ ! -f "$EDGE_DIR/config/edgecore.yaml" ]; then
    if [ "$DIST" = 1 ]; then echo "joined edge: none ($EDGE_DIR); bin/kubeedge-j join ... makes one"; fi
    return 0
  fi
  local node
  node=$(sed -n 's/^ *hostnameOverride: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$EDGE_DIR/config/edgecore.yaml")
  if pid=$(edge_pid); then
    echo "joined edge $node: running (pid $pid), $EDGE_DIR"
  else
    echo "joined edge $node: stopped ($EDGE_DIR; bin/kubeedge-j reset removes it)"
  fi
}
