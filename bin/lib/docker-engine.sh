#!/usr/bin/env bash
# docker-engine.sh - a private, loopback-only Docker engine for Edged's tests and the quick start.
#
# Usage: bin/lib/docker-engine.sh <command> [<dir>]
#   install        install Debian's docker.io and busybox-static with apt-get (only when missing)
#   start  <dir>   start dockerd on unix://<dir>/docker.sock, data root <dir>/data, exec root <dir>/exec;
#                  prints DOCKER_HOST (unix://<dir>/docker.sock) on the last line
#   image  <dir>   build kubeedgej/busybox:latest (also tagged busybox:latest) with `docker import`
#   stop   <dir>   stop dockerd, its containerd, shims and containers; unmount everything under <dir>
#   status <dir>   print "running" or "stopped" (exit code 0 either way)
#   host   <dir>   print the DOCKER_HOST value for <dir>
#
# The daemon runs with --storage-driver vfs and without any bridge network (--bridge=none, no iptables):
# containers must use `--network host` or `--network none`.
# Layout under <dir>: docker.sock, dockerd.pid, dockerd.log, daemon.json, data/, exec/, image-build/ (temporary).
set -euo pipefail

PROG="${0##*/}"
SELF="$0"
IMAGE_REPO="kubeedgej/busybox"
IMAGE_TAG="latest"
IMAGE_ALIAS="busybox:latest"
START_TIMEOUT="${DOCKER_ENGINE_START_TIMEOUT:-60}"
STOP_TIMEOUT="${DOCKER_ENGINE_STOP_TIMEOUT:-20}"
# Longest usable unix socket path (sun_path is 108 bytes including the terminating NUL).
MAX_SOCK_PATH=107

say() { printf '%s: %s\n' "$PROG" "$*"; }
die() { printf '%s: ERROR: %s\n' "$PROG" "$*" >&2; exit 1; }

usage() {
    awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0" >&2
    exit 2
}

# ---------------------------------------------------------------------------------------------------
# helpers

# Absolute, symlink-free path of <dir>; creates it when asked to.
resolve_dir() {
    local dir="$1" create="${2:-no}"
    [[ -n "$dir" ]] || die "missing <dir> argument (fix: pass a directory, e.g. target/docker)"
    if [[ "$create" == yes ]]; then
        mkdir -p "$dir" || die "cannot create directory '$dir'"
    fi
    if [[ -d "$dir" ]]; then
        (cd "$dir" && pwd -P)
    else
        # Not existing: still return an absolute path (status/stop of a never-started dir).
        case "$dir" in
            /*) printf '%s\n' "${dir%/}" ;;
            *) printf '%s/%s\n' "$(pwd -P)" "${dir%/}" ;;
        esac
    fi
}

# Pick the docker client. Prefer Debian's /usr/bin/docker (same version as the daemon). Any other
# client (e.g. a docker 28 CLI in /usr/local/bin) is pinned to API 1.41, the 20.10 daemon's version.
DOCKER_BIN=""
pick_docker() {
    if [[ -x /usr/bin/docker ]]; then
        DOCKER_BIN=/usr/bin/docker
    elif DOCKER_BIN="$(command -v docker 2>/dev/null)"; then
        export DOCKER_API_VERSION="${DOCKER_API_VERSION:-1.41}"
    else
        die "no docker client found (fix: run '$SELF install')"
    fi
}

dk() { "$DOCKER_BIN" -H "unix://$DIR/docker.sock" "$@"; }

find_dockerd() {
    local d
    for d in /usr/sbin/dockerd /usr/bin/dockerd; do
        [[ -x "$d" ]] && { printf '%s\n' "$d"; return 0; }
    done
    command -v dockerd 2>/dev/null && return 0
    return 1
}

# Static busybox for the image rootfs (busybox-static installs /bin/busybox == /usr/bin/busybox on merged /usr).
find_static_busybox() {
    dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || return 1
    local b
    for b in /usr/bin/busybox /bin/busybox; do
        [[ -x "$b" ]] && { printf '%s\n' "$b"; return 0; }
    done
    return 1
}

# /proc/<pid>/stat fields after "(comm) ": state is field 1, ppid 2, starttime 20. Pure bash (no forks).
proc_stat_tail() {
    local line
    { IFS= read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
    printf '%s\n' "${line##*) }"
}
# Start time (clock ticks since boot) of a PID, to avoid signalling a recycled PID.
proc_start() { local -a f; f=($(proc_stat_tail "$1")) || return 0; printf '%s\n' "${f[19]:-}"; }
proc_comm() { local c; { IFS= read -r c <"/proc/$1/comm"; } 2>/dev/null && printf '%s\n' "$c"; }
alive() {
    local -a f
    [[ -n "$1" ]] || return 1
    f=($(proc_stat_tail "$1")) || return 1
    [[ "${f[0]:-Z}" != Z ]]
}

# PID of our dockerd (from the pidfile) when it is alive and really is dockerd; empty otherwise.
dockerd_pid() {
    local pf="$DIR/dockerd.pid" pid
    [[ -f "$pf" ]] || return 0
    pid="$(tr -dc '0-9' 2>/dev/null <"$pf" || true)"
    if [[ -n "$pid" ]] && alive "$pid" && [[ "$(proc_comm "$pid")" == dockerd ]]; then
        printf '%s\n' "$pid"
    fi
}

# All descendants of the given PIDs (breadth first), via the ppid field of /proc/*/stat.
descendants() {
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
        { pid = $1; sub(/^.*\) /, ""); kids[$2] = kids[$2] " " pid }
        END {
            n = split(roots, q, " ")
            for (i = 1; i <= n; i++) {
                m = split(kids[q[i]], k, " ")
                for (j = 1; j <= m; j++) if (!(k[j] in seen)) { seen[k[j]] = 1; print k[j]; q[++n] = k[j] }
            }
        }'
}

# Every process belonging to this engine: dockerd's descendants, PIDs named in pid files under <dir>
# (containerd.pid, shim.pid, init.pid), processes whose command line names <dir> (containerd and its
# shims are started with '--config <dir>/exec/containerd/containerd.toml' / '-address <dir>/exec/containerd/containerd.sock'),
# and all their descendants.
# Output: "pid starttime" lines. Nothing is ever matched by process name.
engine_processes() {
    local -a roots=()
    local f p
    [[ -n "${1:-}" ]] && roots+=("$1")
    if [[ -d "$DIR/exec" ]]; then
        while IFS= read -r -d '' f; do
            p=""
            { IFS= read -r p <"$f"; } 2>/dev/null || true
            [[ "$p" =~ ^[0-9]+$ ]] && roots+=("$p")
        done < <(find "$DIR/exec" -xdev -name '*.pid' -type f -print0 2>/dev/null)
    fi
    while IFS= read -r f; do
        p="${f#/proc/}"; p="${p%/cmdline}"
        [[ "$p" == "$$" || "$p" == "$BASHPID" ]] || roots+=("$p")
    done < <(grep -laF -e "$DIR/exec/containerd/containerd.sock" -e "$DIR/exec/containerd/containerd.toml" /proc/[0-9]*/cmdline 2>/dev/null || true)
    ((${#roots[@]})) || return 0
    local -A seen=()
    for p in "${roots[@]}" $(descendants "${roots[@]}"); do
        [[ -n "${seen[$p]:-}" ]] && continue
        seen[$p]=1
        alive "$p" || continue
        printf '%s %s\n' "$p" "$(proc_start "$p")"
    done
}

# Signal a "pid starttime" list, skipping PIDs that were recycled in the meantime.
signal_list() {
    local sig="$1" list="$2" p st
    while read -r p st; do
        [[ -n "$p" ]] || continue
        alive "$p" && [[ "$(proc_start "$p")" == "$st" ]] && kill "-$sig" "$p" 2>/dev/null || true
    done <<<"$list"
}

any_alive() {
    local list="$1" p st
    while read -r p st; do
        [[ -n "$p" ]] || continue
        alive "$p" && [[ "$(proc_start "$p")" == "$st" ]] && return 0
    done <<<"$list"
    return 1
}

wait_gone() { # <list> <seconds>
    local list="$1" deadline=$((SECONDS + $2))
    while any_alive "$list"; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.2
    done
    return 0
}

# Mount points at or under <dir>, deepest first (decodes the \040-style escapes of /proc/self/mountinfo).
mounts_under() {
    awk '{ print $5 }' /proc/self/mountinfo | while IFS= read -r m; do
        m="$(printf '%b' "$m")"
        [[ "$m" == "$DIR" || "$m" == "$DIR/"* ]] && printf '%s\n' "$m"
    done | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2- | uniq
}

# ---------------------------------------------------------------------------------------------------
# commands

cmd_install() {
    local -a pkgs=()
    find_dockerd >/dev/null || pkgs+=(docker.io)
    [[ -x /usr/bin/docker ]] || [[ " ${pkgs[*]-} " == *" docker.io "* ]] || pkgs+=(docker.io)
    find_static_busybox >/dev/null || pkgs+=(busybox-static)
    if ((${#pkgs[@]} == 0)); then
        say "install: docker.io and busybox-static already installed ($("$(find_dockerd)" --version))"
        return 0
    fi
    [[ "$(id -u)" == 0 ]] || die "install needs root to run apt-get (fix: run as root, or install ${pkgs[*]} yourself)"
    command -v apt-get >/dev/null || die "apt-get not found: this script supports Debian/Ubuntu only (fix: install ${pkgs[*]} by hand)"
    # Never let the package's init script start a system dockerd on /var/run/docker.sock.
    local policy=/usr/sbin/policy-rc.d made_policy=no
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=yes
        trap '[[ "$made_policy" == yes ]] && rm -f "$policy"' RETURN
    fi
    say "install: apt-get install ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    local log
    log="$(mktemp)"
    if ! apt-get update -q >"$log" 2>&1; then
        tail -n 15 "$log" >&2; rm -f "$log"
        die "apt-get update failed (see above; fix: check the apt sources / network)"
    fi
    if ! apt-get install -y -q --no-install-recommends "${pkgs[@]}" >"$log" 2>&1; then
        tail -n 25 "$log" >&2; rm -f "$log"
        die "apt-get install ${pkgs[*]} failed (see above)"
    fi
    rm -f "$log"
    find_dockerd >/dev/null || die "dockerd still missing after installing docker.io"
    find_static_busybox >/dev/null || die "static busybox still missing after installing busybox-static"
    say "install: done ($("$(find_dockerd)" --version))"
}

cmd_start() {
    DIR="$(resolve_dir "$1")"
    local ctrsock="$DIR/exec/containerd/containerd.sock"
    ((${#ctrsock} <= MAX_SOCK_PATH)) ||
        die "path too long for a unix socket: '$ctrsock' (${#ctrsock} > $MAX_SOCK_PATH bytes) (fix: use a shorter <dir>)"
    DIR="$(resolve_dir "$1" yes)"
    local sock="$DIR/docker.sock" pid dockerd
    pick_docker
    pid="$(dockerd_pid)"
    if [[ -n "$pid" ]]; then
        if dk info >/dev/null 2>&1; then
            say "start: dockerd already running (pid $pid)"
            printf 'unix://%s\n' "$sock"
            return 0
        fi
        say "start: dockerd (pid $pid) is up but not answering yet; waiting"
    else
        dockerd="$(find_dockerd)" || die "dockerd not found (fix: run '$SELF install')"
        # Leftovers of an unclean stop (stale socket, pid files, mounts, orphaned containerd) would break the start.
        # Always reset runtime state (cheap); mention it only when there really was something left.
        if [[ -n "$(engine_processes)" || -n "$(mounts_under)" ]]; then
            say "start: cleaning leftovers of a previous run"
        fi
        cmd_stop_quiet
        [[ -z "$STOP_PROBLEMS" ]] || die "start: cannot clean leftovers of a previous run:$STOP_PROBLEMS (fix: inspect with 'findmnt -R $DIR' and 'ps -ef')"
        rm -f "$sock" "$DIR/dockerd.pid"
        mkdir -p "$DIR/data" "$DIR/exec"
        [[ -f "$DIR/daemon.json" ]] || printf '{}\n' >"$DIR/daemon.json"
        # setsid + nohup: the daemon outlives this script and its process group/terminal.
        setsid nohup "$dockerd" \
            --config-file "$DIR/daemon.json" \
            --data-root "$DIR/data" \
            --exec-root "$DIR/exec" \
            --pidfile "$DIR/dockerd.pid" \
            -H "unix://$sock" \
            --storage-driver vfs \
            --iptables=false --ip6tables=false --ip-masq=false --bridge=none \
            </dev/null >"$DIR/dockerd.log" 2>&1 &
        pid=$!
        say "start: dockerd launched (pid $pid), waiting for unix://$sock"
    fi
    local deadline=$((SECONDS + START_TIMEOUT))
    until dk info >/dev/null 2>&1; do
        if ! alive "$pid"; then
            tail -n 20 "$DIR/dockerd.log" >&2 || true
            die "dockerd exited during start-up (log above: $DIR/dockerd.log)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 20 "$DIR/dockerd.log" >&2 || true
            die "dockerd did not answer on unix://$sock within ${START_TIMEOUT}s (log above: $DIR/dockerd.log; fix: '$SELF stop $1' and retry)"
        fi
        sleep 0.2
    done
    say "start: dockerd ready (pid $pid, server $(dk version -f '{{.Server.Version}} API {{.Server.APIVersion}}' 2>/dev/null))"
    printf 'unix://%s\n' "$sock"
}

cmd_image() {
    DIR="$(resolve_dir "$1")"
    pick_docker
    [[ -n "$(dockerd_pid)" ]] && dk info >/dev/null 2>&1 ||
        die "dockerd is not running for $DIR (fix: '$SELF start $1')"
    local ref="$IMAGE_REPO:$IMAGE_TAG"
    if dk image inspect "$ref" >/dev/null 2>&1; then
        dk image inspect "$IMAGE_ALIAS" >/dev/null 2>&1 || dk tag "$ref" "$IMAGE_ALIAS"
        say "image: $ref already present (also $IMAGE_ALIAS)"
        return 0
    fi
    local busybox
    busybox="$(find_static_busybox)" || die "static busybox not installed (fix: run '$SELF install')"
    local build="$DIR/image-build"
    rm -rf "$build"
    local root="$build/rootfs"
    mkdir -p "$root"/{bin,etc,tmp,root,proc,sys,dev,var,usr,home}
    chmod 1777 "$root/tmp"
    cp "$busybox" "$root/bin/busybox"
    chmod 755 "$root/bin/busybox"
    local applet
    for applet in $("$busybox" --list); do
        [[ "$applet" == busybox || -e "$root/bin/$applet" ]] || ln -s busybox "$root/bin/$applet"
    done
    ln -s bin "$root/sbin"
    ln -s ../bin "$root/usr/bin"
    ln -s ../bin "$root/usr/sbin"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$build/rootfs.tar" .
    dk import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' -m "KubeEdge-J busybox (static $("$busybox" 2>&1 | head -n1 | awk '{ print $2 }'))" \
        "$build/rootfs.tar" "$ref" >/dev/null
    dk tag "$ref" "$IMAGE_ALIAS"
    rm -rf "$build"
    say "image: built $ref (also tagged $IMAGE_ALIAS)"
}

# Core of stop; sets STOP_PROBLEMS on failure instead of exiting.
cmd_stop_quiet() {
    STOP_PROBLEMS=""
    local pid procs
    pid="$(dockerd_pid)"
    # Snapshot everything that belongs to this engine before signalling (shims reparent to PID 1).
    procs="$(engine_processes "$pid")"
    if [[ -n "$pid" ]]; then
        local dlist
        dlist="$pid $(proc_start "$pid")"
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_gone "$dlist" "$STOP_TIMEOUT"; then
            say "stop: dockerd (pid $pid) still alive after ${STOP_TIMEOUT}s; sending SIGKILL"
            signal_list KILL "$dlist"
            wait_gone "$dlist" 5 || STOP_PROBLEMS+=" dockerd pid $pid survived SIGKILL;"
        fi
    fi
    # containerd, shims and container processes that outlived dockerd (or were orphaned by an earlier crash).
    procs="$(printf '%s\n%s\n' "$procs" "$(engine_processes)" | awk 'NF' | sort -u)"
    if any_alive "$procs"; then
        signal_list TERM "$procs"
        if ! wait_gone "$procs" 5; then
            signal_list KILL "$procs"
            wait_gone "$procs" 5 || STOP_PROBLEMS+=" processes survived SIGKILL: $(while read -r p _; do alive "$p" && printf '%s ' "$p"; done <<<"$procs");"
        fi
    fi
    # Leftover mounts (exec/netns/default, container rootfs/shm of a killed daemon), deepest first.
    local m
    UNMOUNTED=0
    while IFS= read -r m; do
        [[ -n "$m" ]] || continue
        if umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; then
            UNMOUNTED=$((UNMOUNTED + 1))
        else
            STOP_PROBLEMS+=" cannot unmount $m;"
        fi
    done < <(mounts_under)
    rm -f "$DIR/docker.sock" "$DIR/dockerd.pid"
    # The exec root is runtime state only. A stale exec/containerd/containerd.pid naming a zombie or recycled PID
    # makes the next dockerd wait for a containerd that never answers ("containerd is still running"), so drop it.
    if [[ -z "$STOP_PROBLEMS" && -d "$DIR/exec" ]] && ! mounts_under | grep -q "^$DIR/exec\(/\|\$\)"; then
        rm -rf "$DIR/exec" || STOP_PROBLEMS+=" cannot remove $DIR/exec;"
    fi
}

cmd_stop() {
    DIR="$(resolve_dir "$1")"
    local pid
    pid="$(dockerd_pid)"
    cmd_stop_quiet
    [[ -z "$STOP_PROBLEMS" ]] || die "stop: incomplete:$STOP_PROBLEMS (fix: inspect with 'findmnt -R $DIR' and 'ps -ef')"
    if [[ -n "$pid" ]]; then
        say "stop: dockerd (pid $pid) stopped ($UNMOUNTED leftover mount(s) unmounted)"
    else
        say "stop: dockerd was not running for $DIR ($UNMOUNTED leftover mount(s) unmounted)"
    fi
}

cmd_status() {
    DIR="$(resolve_dir "$1")"
    local pid
    pid="$(dockerd_pid)"
    if [[ -n "$pid" ]]; then
        echo running
    else
        echo stopped
    fi
}

cmd_host() {
    DIR="$(resolve_dir "$1")"
    printf 'unix://%s/docker.sock\n' "$DIR"
}

# ---------------------------------------------------------------------------------------------------

DIR=""
STOP_PROBLEMS=""
UNMOUNTED=0
cmd="${1:-}"
case "$cmd" in
    install) cmd_install ;;
    start | image | stop | status | host)
        [[ $# -eq 2 ]] || usage
        "cmd_$cmd" "$2"
        ;;
    -h | --help | help) usage ;;
    *) usage ;;
esac
