#!/usr/bin/env bash
# One machine, two network cards on one LAN: it must show once. Namespace m has two veths on
# one bridge (10.79.0.1 and .2, the same subnet) and runs `listen` bound to any; x and y are two
# other hosts. The kernel sends from one card at a time, so m is heard at its second address
# when its route moves there (as when a preferred network comes up) and back at the first when
# that card goes down. Traffic stays inside the namespaces this script makes.
set -euo pipefail
CLI=$(readlink -f "$1")

source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_netns multinic python3

tag="lm$$"
bridge="br-$tag"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for h in m x y; do ip netns del "$tag-$h" 2>/dev/null || true; done
    ip link del "$bridge" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "multinic: FAIL: $*" >&2
    for f in "$work"/*.out "$work"/*.err; do [ -s "$f" ] && { echo "--- $f"; cat "$f"; }; done
    exit 1
}

ip link add "$bridge" type bridge
ip link set "$bridge" up
ip netns add "$tag-m"
for i in 0 1; do
    ip link add "v-$tag-m$i" type veth peer name "eth$i" netns "$tag-m"
    ip link set "v-$tag-m$i" master "$bridge" up
    ip -n "$tag-m" addr add "10.79.0.$((i + 1))/24" brd 10.79.0.255 dev "eth$i"
    ip -n "$tag-m" link set "eth$i" up
done
ip -n "$tag-m" link set lo up
n=11
for h in x y; do
    ip netns add "$tag-$h"
    ip link add "v-$tag-$h" type veth peer name eth0 netns "$tag-$h"
    ip link set "v-$tag-$h" master "$bridge" up
    ip -n "$tag-$h" addr add "10.79.0.$n/24" brd 10.79.0.255 dev eth0
    ip -n "$tag-$h" link set eth0 up
    ip -n "$tag-$h" link set lo up
    n=$((n + 1))
done
# Until then m speaks from its first card only (its route comes first).
sleep 0.3
routes=$(ip -n "$tag-m" route)
[[ "$routes" == *"dev eth0"* ]] || fail "no route on eth0: $routes"

# Keys made first, all at once: a fresh profile makes its RSA key before its sockets open.
for h in m x y; do "$CLI" key --profile "$work/$h" >/dev/null & done
wait

timing=(--announce-interval-ms 300 --peer-timeout-ms 8000 --retry-ms 300 --attempts 8)
# Each host its own login: the namespaces share this machine's host name.
ip netns exec "$tag-m" env USER=wang "$CLI" listen --json --nick 王多卡 --profile "$work/m" "${timing[@]}" \
    >"$work/m.out" 2>"$work/m.err" &
pids+=($!)
sleep 0.5

# peers --json on HOST: m listed once, and its addresses, sorted, as "a,b".
addresses_of_m() {
    python3 - "$1" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
ms = [r for r in rows if r.get("nick") == "王多卡"]
if len(ms) != 1:
    print(f"listed {len(ms)} times: {[r.get('id') for r in ms]}")
    sys.exit(1)
print(",".join(sorted(a["address"] for a in ms[0]["addresses"])))
PY
}

# 1. Both hosts list m while its route moves from the first card to the second.
for h in x y; do
    ip netns exec "$tag-$h" env USER="$h" "$CLI" peers --json --wait 6 --nick "$h" --profile "$work/$h" \
        "${timing[@]}" >"$work/peers-$h.out" 2>"$work/peers-$h.err" &
    pids+=($!)
done
# Once they have m's key.
sleep 3
ip -n "$tag-m" route del 10.79.0.0/24 dev eth0
ip -n "$tag-m" route del broadcast 10.79.0.255 dev eth0 table local
wait "${pids[-1]}" "${pids[-2]}" || fail "peers failed"
for h in x y; do
    got=$(addresses_of_m "$work/peers-$h.out") || fail "$h: m $got"
    [ "$got" = "10.79.0.1,10.79.0.2" ] || fail "$h: m at '$got', not at both cards"
done
echo "multinic: x and y each list m once, at 10.79.0.1 and 10.79.0.2"

# 2. x keeps writing to m while the card m answers from goes down: m stays one peer, at the
# other card, and every message arrives there.
ip -n "$tag-m" route append 10.79.0.0/24 dev eth0 src 10.79.0.1 2>/dev/null || true
ip -n "$tag-m" route append broadcast 10.79.0.255 dev eth0 table local src 10.79.0.1 2>/dev/null || true
ip netns exec "$tag-x" env USER=x "$CLI" storm --to 10.79.0.2 --count 12 --interval-ms 250 --nick x \
    --profile "$work/x" "${timing[@]}" >"$work/storm.out" 2>"$work/storm.err" &
storm=$!; pids+=($storm)
ip netns exec "$tag-y" env USER=y "$CLI" peers --json --wait 5 --nick y --profile "$work/y" "${timing[@]}" \
    >"$work/peers-y2.out" 2>"$work/peers-y2.err" &
peers_y=$!; pids+=($peers_y)
deadline=$(( $(date +%s) + 10 ))
until grep -q '"text"' "$work/m.out"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no message reached m"
    sleep 0.05
done
ip -n "$tag-m" link set eth1 down
wait "$storm" || fail "storm failed"
wait "$peers_y" || fail "peers on y failed"
python3 - "$work/storm.out" <<'PY' || fail "not every message arrived"
import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")][-1]
print(f"multinic: storm across the card going down: {r}")
sys.exit(0 if r["sent"] == 12 and r["delivered"] == 12 and r["failed"] == 0 else 1)
PY
got=$(addresses_of_m "$work/peers-y2.out") || fail "y: m $got"
[ "$got" = "10.79.0.1,10.79.0.2" ] || fail "y: m at '$got' while its second card went down"
received=$(grep -c '"text"' "$work/m.out")
[ "$received" -eq 12 ] || fail "m received $received messages, not 12"
# Every message of x's, before and after the card went down, is in one chat at m.
chats=$(grep '"text"' "$work/m.out" | python3 -c '
import json, sys
print(len({json.loads(l)["peer"] for l in sys.stdin}))')
[ "$chats" -eq 1 ] || fail "x's messages landed in $chats chats at m"
echo "multinic: eth1 down mid-storm: 12 of 12 delivered over eth0, m still listed once by y"

# 3. A send from a fresh host reaches m on the card left.
ip netns exec "$tag-y" env USER=y "$CLI" send --to 王多卡 --wait 4 --nick y --profile "$work/y" "${timing[@]}" \
    "还在吗" >"$work/send.out" 2>"$work/send.err" || fail "send to m on its one card failed"
grep -q '还在吗' "$work/m.out" || fail "m did not receive the send"
echo "multinic: send reached m on its one card left"
echo "multinic: 3 passed, 0 failed"
