# Sourced by the system tests of several subnets. Subnet N of NET (two octets) is NET.N.0/24 on
# bridge brN-TAG; a router namespace TAG-r, NET.N.254 on each subnet it joins, forwards unicast
# and, as routers do, not broadcast. The tests remove what they made.

# subnet_bridge TAG N: the bridge of subnet N, joined to nothing yet.
subnet_bridge() {
    ip link add "br$2-$1" type bridge
    ip link set "br$2-$1" up
}

# subnet_router TAG NET N...: the router and a bridge for each subnet N it joins.
subnet_router() {
    local tag=$1 net=$2 n
    shift 2
    ip netns add "$tag-r"
    ip -n "$tag-r" link set lo up
    ip netns exec "$tag-r" sysctl -qw net.ipv4.ip_forward=1
    for n in "$@"; do
        subnet_bridge "$tag" "$n"
        ip link add "r$n-$tag" type veth peer name "leg$n" netns "$tag-r"
        ip link set "r$n-$tag" master "br$n-$tag" up
        ip -n "$tag-r" addr add "$net.$n.254/24" dev "leg$n"
        ip -n "$tag-r" link set "leg$n" up
    done
}

# subnet_host TAG NAME NET N OCTET: namespace TAG-NAME, its eth0 NET.N.OCTET on bridge N, its
# default route through the router when the router joins subnet N.
subnet_host() {
    local tag=$1 name=$2 net=$3 n=$4 ns="$1-$2"
    ip netns add "$ns"
    ip link add "v-$name-$tag" type veth peer name eth0 netns "$ns"
    ip link set "v-$name-$tag" master "br$n-$tag" up
    ip -n "$ns" addr add "$net.$n.$5/24" brd "$net.$n.255" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    if ip -n "$tag-r" link show "leg$n" >/dev/null 2>&1; then
        ip -n "$ns" route add default via "$net.$n.254"
    fi
}

# subnet_remove TAG NAME...: the namespaces TAG-NAME (the router is "r") and bridges 1 to 9.
subnet_remove() {
    local tag=$1 name n
    shift
    for name in "$@"; do ip netns del "$tag-$name" 2>/dev/null || true; done
    for n in 1 2 3 4 5 6 7 8 9; do ip link del "br$n-$tag" 2>/dev/null || true; done
}
