#!/usr/bin/env bash
# edge-host.sh: a test "host" for an edge node, as a network namespace joined to this machine by a veth pair.
# Addresses come from the loopback range (127.78.N.0/24: this machine 127.78.N.1, the edge 127.78.N.2), so the only
# traffic targets are loopback addresses, yet the edge reaches CloudCore over a link of its own, not over lo;
# route_localnet lets 127/8 travel a non-loopback link.
#
#   edge-host.sh create NAME N     make namespace NAME with the edge at 127.78.N.2 (needs root and iproute2)
#   edge-host.sh delete NAME       remove it (and its veth pair)
#   edge-host.sh check             exit 0 when namespaces can be made here
set -euo pipefail

cmd=${1:-}
case $cmd in
  create)
    name=$2; n=$3
    host_if="keh-$n"; ns_if="ken-$n"
    ip netns add "$name"
    ip link add "$host_if" type veth peer name "$ns_if"
    ip link set "$ns_if" netns "$name"
    ip addr add "127.78.$n.1/24" dev "$host_if"
    sysctl -qw "net.ipv4.conf.$host_if.route_localnet=1"
    ip link set "$host_if" up
    ip netns exec "$name" ip link set lo up
    ip netns exec "$name" ip addr add "127.78.$n.2/24" dev "$ns_if"
    ip netns exec "$name" sysctl -qw "net.ipv4.conf.$ns_if.route_localnet=1"
    ip netns exec "$name" sysctl -qw net.ipv4.conf.all.route_localnet=1
    ip netns exec "$name" ip link set "$ns_if" up
    echo "edge host $name: edge 127.78.$n.2, this machine 127.78.$n.1"
    ;;
  delete)
    name=$2
    ip netns del "$name" 2> /dev/null || true
    ;;
  check)
    [ "$(id -u)" = 0 ] && command -v ip > /dev/null && ip netns add kej-probe-$$ 2> /dev/null \
      && ip netns del kej-probe-$$
    ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2;;
esac
