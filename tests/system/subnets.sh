#!/usr/bin/env bash
# Three subnets joined by a router namespace that forwards unicast but, as routers do, not
# broadcast. A (a1, a2) and B (b1, b2) each find their own hosts by broadcast; b1 shares its
# list, a1 shares its own and fetches b1's; c1, alone in C and given only a1's address, must
# then see all four hosts of A and B, and they it (IP Messenger's host list, DIALUPOPT entries).
# A control run without --list-from must see nobody: broadcast alone does not cross the router.
# Traffic stays inside the namespaces this script makes.
set -euo pipefail
CLI=$(readlink -f "$1")

source "$(dirname "$(readlink -f "$0")")/needroot.sh"
source "$(dirname "$(readlink -f "$0")")/subnetlib.sh"
need_netns subnets

tag="sn$$"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    subnet_remove "$tag" r a1 a2 b1 b2 c1
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "subnets: FAIL: $*" >&2
    for f in "$work"/*.out "$work"/*.err; do [ -s "$f" ] && { echo "--- ${f##*/}" >&2; tail -8 "$f" >&2; }; done
    exit 1
}

# Subnet n is 10.81.n.0/24 on bridge brn, its router leg .254.
subnet_router "$tag" 10.81 1 2 3
host() { subnet_host "$tag" "$1" 10.81 "$2" "$3"; }
host a1 1 1
host a2 1 2
host b1 2 1
host b2 2 2
host c1 3 1

run() { # name args...
    local h=$1
    shift
    # A computer name of its own, as every machine has: hosts sharing root@vm would be copies
    # of one machine, whose keys contradict each other's pins.
    ip netns exec "$tag-$h" unshare --uts sh -c 'hostname "$0" && exec "$@"' "pc-$h" \
        "$CLI" watch --json --nick "$h" --profile "$work/$h" "$@" >"$work/$h.out" 2>"$work/$h.err" &
    pids+=($!)
}
seen() { grep -q "\"event\":\"join\".*\"nick\":\"$2\"" "$work/$1.out" 2>/dev/null; }
wait_seen() { # who whom seconds
    local deadline=$(( $(date +%s%3N) + $3 * 1000 ))
    until seen "$1" "$2"; do
        [ "$(date +%s%3N)" -lt "$deadline" ] || fail "$1 does not see $2 within $3 s"
        sleep 0.05
    done
}
run a2
run b2
run b1 --share-list
# b1's list names b2 only once they have met: a broadcast BR_ENTRY is answered within a random
# 0-1 s, as IP Messenger answers it.
wait_seen b1 b2 5
run a1 --share-list --list-from 10.81.2.1
wait_seen a1 a2 5
wait_seen a1 b2 8
wait_seen b2 a1 5

# Control: without a list, c1's broadcast reaches nobody across the router.
ip netns exec "$tag-c1" "$CLI" peers --json --wait 2 --nick lonely --profile "$work/c0" \
    >"$work/c0.out" 2>"$work/c0.err" || fail "peers failed"
[ ! -s "$work/c0.out" ] || fail "c1 saw hosts across the router by broadcast: $(cat "$work/c0.out")"

start_ms=$(date +%s%3N)
run c1 --list-from 10.81.1.1
for h in a1 a2 b1 b2; do wait_seen c1 "$h" 8; done
echo "subnets: c1 in 10.81.3.0/24, given only a1, saw a1, a2, b1, b2 in $(( $(date +%s%3N) - start_ms )) ms"
for h in a1 a2 b1 b2; do wait_seen "$h" c1 5; done
echo "subnets: and all four see c1"
echo "subnets: 3 passed, 0 failed"
