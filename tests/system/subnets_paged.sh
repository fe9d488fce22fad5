#!/usr/bin/env bash
# subnets.sh with a list too long for one ANSLIST: three subnets joined by a router namespace
# that forwards unicast but not broadcast. A holds a1, which shares its list, and 11 more; B's
# 12 hosts start together, each given only a1 (so a1 serves 12 lists at once); c1, alone in C
# and given only a1, must then see all 24 hosts of A and B, and they it. Every host has a long
# nick and workgroup (300 characters of Chinese each, 1.8 KB an entry), so the 23 hosts a1 lists
# for c1 take two pages: a1's own log must show a page that does not start at 0.
# Traffic stays inside the namespaces this script makes.
set -euo pipefail
CLI=$(readlink -f "$1")
PER=12

source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_netns subnets_paged

tag="sp$$"
work=$(mktemp -d)
pids=()
names=(r c1)
for i in $(seq "$PER"); do names+=("a$i" "b$i"); done
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for h in "${names[@]}"; do ip netns del "$tag-$h" 2>/dev/null || true; done
    for n in 1 2 3; do ip link del "br$n-$tag" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "subnets_paged: FAIL: $*" >&2
    for f in "$work"/*.err; do [ -s "$f" ] && { echo "--- ${f##*/}" >&2; tail -4 "$f" >&2; }; done
    exit 1
}

ip netns add "$tag-r"
ip -n "$tag-r" link set lo up
ip netns exec "$tag-r" sysctl -qw net.ipv4.ip_forward=1
# Subnet n is 10.83.n.0/24 on bridge brn, its router leg .254.
for n in 1 2 3; do
    ip link add "br$n-$tag" type bridge
    ip link set "br$n-$tag" up
    ip link add "r$n-$tag" type veth peer name "leg$n" netns "$tag-r"
    ip link set "r$n-$tag" master "br$n-$tag" up
    ip -n "$tag-r" addr add "10.83.$n.254/24" dev "leg$n"
    ip -n "$tag-r" link set "leg$n" up
done
host() { # name subnet last-octet
    local ns="$tag-$1"
    ip netns add "$ns"
    ip link add "v-$1-$tag" type veth peer name eth0 netns "$ns"
    ip link set "v-$1-$tag" master "br$2-$tag" up
    ip -n "$ns" addr add "10.83.$2.$3/24" brd "10.83.$2.255" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" route add default via "10.83.$2.254"
}
for i in $(seq "$PER"); do
    host "a$i" 1 "$i"
    host "b$i" 2 "$i"
done
host c1 3 1

# Keys are made once per profile in its life: before the hosts start, two at a time.
for h in "${names[@]:1}"; do echo "$work/$h"; done | xargs -P 2 -I{} "$CLI" key --profile {} >/dev/null 2>&1

# 300 characters, 900 bytes of UTF-8: the nick and the workgroup each.
long=$(printf '上海浦东新区张江高科技园区研发中心%.0s' $(seq 18))
run() { # name args...
    local h=$1
    shift
    ip netns exec "$tag-$h" "$CLI" watch --json --nick "$h$long" --group "${long}组" \
        --profile "$work/$h" "$@" >"$work/$h.out" 2>"$work/$h.err" &
    pids+=($!)
}
# Distinct hosts WHO saw join.
seen_count() { (grep '"event":"join"' "$work/$1.out" 2>/dev/null || true) | grep -o '"id":"[^"]*"' | sort -u | wc -l; }
saw() { grep -q "\"event\":\"join\".*\"id\":\"$2:" "$work/$1.out" 2>/dev/null; }
wait_count() { # who count seconds
    local deadline=$(( $(date +%s%3N) + $3 * 1000 ))
    until [ "$(seen_count "$1")" -ge "$2" ]; do
        [ "$(date +%s%3N)" -lt "$deadline" ] || fail "$1 saw $(seen_count "$1") hosts, not $2, within $3 s"
        sleep 0.2
    done
}

QT_LOGGING_RULES="lanpigeon.discovery.debug=true" run a1 --share-list
for i in $(seq 2 "$PER"); do run "a$i"; done
wait_count a1 $((PER - 1)) 15
for i in $(seq "$PER"); do run "b$i" --list-from 10.83.1.1; done
# Each B host sees the other 11 by broadcast and A's 12 through a1's list.
for i in $(seq "$PER"); do wait_count "b$i" $((2 * PER - 1)) 20; done
echo "subnets_paged: the $PER hosts of B, started together with only a1's list, see all $((2 * PER - 1)) others"

start_ms=$(date +%s%3N)
run c1 --list-from 10.83.1.1
wait_count c1 $((2 * PER)) 15
echo "subnets_paged: c1 in 10.83.3.0/24, given only a1, saw all $((2 * PER)) hosts of A and B in $(( $(date +%s%3N) - start_ms )) ms"
grep -q 'host list for 10.83.3.1 from [1-9]' "$work/a1.err" ||
    fail "a1 sent c1 its list in one page: $(grep 'host list for 10.83.3.1' "$work/a1.err" | tr '\n' ' ')"
echo "subnets_paged: a1 paged it: $(grep 'host list for 10.83.3.1' "$work/a1.err" | sed 's/.*from /from /' | tr '\n' ' ')"
for i in $(seq "$PER"); do
    for h in "a$i" "b$i"; do
        deadline=$(( $(date +%s) + 5 ))
        until saw "$h" 10.83.3.1; do
            [ "$(date +%s)" -lt "$deadline" ] || fail "$h does not see c1"
            sleep 0.1
        done
    done
done
echo "subnets_paged: and all $((2 * PER)) see c1"
echo "subnets_paged: 3 passed, 0 failed"
