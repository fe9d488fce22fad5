# Shared by the many-host system tests; sourced. N network namespaces on one Linux bridge, as
# hosts on one switch with real broadcast.

source "$(dirname "${BASH_SOURCE[0]}")/needroot.sh"

# Host I's address in NET (the first two octets): NET.(I/250).(I%250+1), in NET.0.0/16.
host_addr() { echo "$1.$(($2 / 250)).$(($2 % 250 + 1))"; }

# Makes bridge br-TAG and namespaces TAG-1..TAG-N, each with eth0 at host_addr NET I.
bridge_hosts() {
    local tag=$1 n=$2 net=$3 i ns
    ip link add "br-$tag" type bridge
    ip link set "br-$tag" up
    for i in $(seq "$n"); do
        ns="$tag-$i"
        ip netns add "$ns"
        ip link add "v$tag-$i" type veth peer name eth0 netns "$ns"
        ip link set "v$tag-$i" master "br-$tag" up
        ip -n "$ns" addr add "$(host_addr "$net" "$i")/16" brd "$net.255.255" dev eth0
        ip -n "$ns" link set eth0 up
        ip -n "$ns" link set lo up
    done
}

remove_bridge_hosts() {
    local tag=$1 n=$2 i
    for i in $(seq "$n"); do ip netns del "$tag-$i" 2>/dev/null || true; done
    ip link del "br-$tag" 2>/dev/null || true
}
