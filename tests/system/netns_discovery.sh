#!/usr/bin/env bash
# Discovery over real broadcast: three hosts in their own network namespaces on one bridge.
# A watches; B and C must appear through broadcast alone; C leaves with BR_EXIT; B is killed
# and must time out. Traffic stays inside the namespaces this script makes.
set -euo pipefail
CLI=$(readlink -f "$1")

source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_netns netns_discovery

tag="lp$$"
bridge="br-$tag"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for h in a b c; do ip netns del "$tag-$h" 2>/dev/null || true; done
    ip link del "$bridge" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip link add "$bridge" type bridge
ip link set "$bridge" up
n=1
for h in a b c; do
    ns="$tag-$h"
    ip netns add "$ns"
    ip link add "v-$tag-$h" type veth peer name eth0 netns "$ns"
    ip link set "v-$tag-$h" master "$bridge" up
    ip -n "$ns" addr add "10.77.0.$n/24" brd 10.77.0.255 dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    n=$((n + 1))
done

timing=(--announce-interval-ms 300 --peer-timeout-ms 1500)
ip netns exec "$tag-a" "$CLI" watch --json --nick alpha --profile "$work/a" "${timing[@]}" >"$work/events" 2>"$work/a.err" &
pids+=($!)
sleep 0.5
start_ms=$(date +%s%3N)
ip netns exec "$tag-b" "$CLI" watch --json --nick beta --group 研发 --profile "$work/b" "${timing[@]}" >"$work/events-b" 2>"$work/b.err" &
pid_b=$!; pids+=($pid_b)
ip netns exec "$tag-c" "$CLI" watch --json --nick gamma --profile "$work/c" "${timing[@]}" >"$work/events-c" 2>"$work/c.err" &
pid_c=$!; pids+=($pid_c)

wait_for() { # pattern seconds [events file]
    local file="${3:-$work/events}"
    local deadline=$(( $(date +%s) + $2 ))
    until grep -q "$1" "$file"; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "netns_discovery: FAIL: no event matching $1 within $2 s" >&2
            echo "--- $file"; cat "$file"; echo "--- stderr"; cat "$work"/*.err
            exit 1
        fi
        sleep 0.05
    done
}

wait_for '"event":"join".*"address":"10.77.0.2".*"nick":"beta"' 5
wait_for '"event":"join".*"address":"10.77.0.3".*"nick":"gamma"' 5
joined_ms=$(grep '"event":"join"' "$work/events" | sed 's/.*"ms":\([0-9]*\).*/\1/' | sort -n | tail -1)
echo "netns_discovery: alpha found beta and gamma by broadcast in $((joined_ms - start_ms)) ms"
grep -q '"group":"研发"' "$work/events" || { echo "FAIL: group not carried" >&2; exit 1; }

# Every host sees the other two, whichever started first.
for h in b c; do
    wait_for '"event":"join".*"nick":"alpha"' 3 "$work/events-$h"
done
wait_for '"event":"join".*"nick":"gamma"' 3 "$work/events-b"
wait_for '"event":"join".*"nick":"beta"' 3 "$work/events-c"

kill -TERM "$pid_c"
wait_for '"event":"leave","id":"10.77.0.3:2425".*"reason":"left"' 3
echo "netns_discovery: gamma left with BR_EXIT"

kill -9 "$pid_b"
killed_ms=$(date +%s%3N)
wait_for '"event":"leave","id":"10.77.0.2:2425".*"reason":"timed out"' 6
echo "netns_discovery: killed beta dropped after $(( $(date +%s%3N) - killed_ms )) ms (timeout 1500 ms)"
echo "netns_discovery: 3 passed, 0 failed"
