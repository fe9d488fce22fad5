# Sourced by the lossy tests and benches: two network namespaces, $A and $B, joined by a veth
# pair whose ingress on both sides drops a share of packets at random (nft numgen). Needs root.

# lossy_pair TAG ADDR_A ADDR_B: namespaces TAG-a and TAG-b, addresses ADDR_A/24 and ADDR_B/24.
lossy_pair() {
    local tag=$1
    A="$tag-a"; B="$tag-b"; LOSSY_LINKS=("$A a$tag" "$B b$tag")
    ip netns add "$A"; ip netns add "$B"
    ip link add "a$tag" netns "$A" type veth peer name "b$tag" netns "$B"
    ip -n "$A" addr add "$2/24" dev "a$tag"; ip -n "$B" addr add "$3/24" dev "b$tag"
    for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
    ip -n "$A" link set "a$tag" up; ip -n "$B" link set "b$tag" up
    for link in "${LOSSY_LINKS[@]}"; do
        set -- $link
        ip netns exec "$1" nft "add table netdev lossy; add chain netdev lossy in { type filter hook ingress device \"$2\" priority 0; }"
    done
}

# set_loss PERCENT [MATCH...]: drop PERCENT% of what enters either side (of what MATCH selects,
# e.g. "ip protocol udp"); 0 drops nothing.
set_loss() {
    local percent=$1 link ns
    shift
    for link in "${LOSSY_LINKS[@]}"; do
        ns=${link%% *}
        ip netns exec "$ns" nft flush chain netdev lossy in
        if [ "$percent" -gt 0 ]; then
            ip netns exec "$ns" nft add rule netdev lossy in "$@" numgen random mod 100 \< "$percent" drop
        fi
    done
}

remove_lossy_pair() {
    ip netns del "$A" 2>/dev/null || true
    ip netns del "$B" 2>/dev/null || true
}
