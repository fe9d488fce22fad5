#!/usr/bin/env bash
# Discovery among many hosts: N network namespaces on one bridge (default 50), each running
# lanpigeon-cli with real broadcast. All start together; every host must see the other N-1
# (the convergence time is printed). Then 10 leave with BR_EXIT and 10 are killed; every host
# left must notice both within the peer timeout.
# Usage: many_hosts.sh LANPIGEON_CLI [N]
set -euo pipefail
CLI=$(readlink -f "$1")
N=${2:-50}
source "$(dirname "$0")/bridgehosts.sh"
need_netns many_hosts
tag="lpm$$"
work=$(mktemp -d)
pids=()
# All namespaces share one kernel ARP table (default gc_thresh3 1024 entries): 50 hosts that
# each know 49 neighbours overflow it and the kernel drops their packets, even broadcasts. A
# real LAN has a kernel per machine; here the limit is raised for the test and put back.
thresholds=()
for k in 1 2 3; do thresholds+=("$(sysctl -n net.ipv4.neigh.default.gc_thresh$k)"); done
restore_thresholds() {
    for k in 1 2 3; do sysctl -qw net.ipv4.neigh.default.gc_thresh$k="${thresholds[$((k - 1))]}" || true; done
}
need=$((N * N * 2))
if [ "${thresholds[2]}" -lt "$need" ]; then
    sysctl -qw net.ipv4.neigh.default.gc_thresh3=$need net.ipv4.neigh.default.gc_thresh2=$((need / 2)) \
        net.ipv4.neigh.default.gc_thresh1=$((need / 4))
fi
cleanup() {
    restore_thresholds
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    remove_bridge_hosts "$tag" "$N"
    rm -rf "$work"
}
[ -n "${KEEP:-}" ] || trap cleanup EXIT
trap 'exit 130' INT TERM
# Failures go to stdout: stderr is muted while hosts are killed, or bash reports each one.
fail() { echo "many_hosts: FAIL: $*"; exit 1; }

bridge_hosts "$tag" "$N" 10.78

# Short timers so the test is quick; the behaviour is the same at the defaults.
PEER_TIMEOUT_MS=4000
timing=(--announce-interval-ms 800 --peer-timeout-ms $PEER_TIMEOUT_MS)
start_ms=$(date +%s%3N)
declare -A pid
for i in $(seq "$N"); do
    ip netns exec "$tag-$i" "$CLI" watch --json --nick "host$i" --group "g$((i % 5))" \
        --profile "$work/p$i" "${timing[@]}" >"$work/e$i" 2>"$work/err$i" &
    pid[$i]=$!
    pids+=($!)
done

# Distinct peers a host has seen join.
seen() { grep '"event":"join"' "$work/e$1" 2>/dev/null | grep -o '"id":"[^"]*"' | sort -u | wc -l || true; }
deadline=$(( $(date +%s) + ${CONVERGE_S:-60} ))
converged=""
while [ "$(date +%s)" -lt "$deadline" ]; do
    all=1
    for i in $(seq "$N"); do
        [ "$(seen "$i")" -ge $((N - 1)) ] || { all=0; break; }
    done
    [ $all -eq 1 ] && { converged=$(( $(date +%s%3N) - start_ms )); break; }
    sleep 0.2
done
if [ -z "$converged" ]; then
    for i in $(seq "$N"); do
        n=$(seen "$i")
        [ "$n" -ge $((N - 1)) ] || echo "many_hosts: host$i saw $n: $(tail -2 "$work/err$i")"
    done
    fail "not every host saw the other $((N - 1)) within 60 s"
fi
# The moment the last host completed its list, from its own timestamps.
last_ms=$(cat "$work"/e* | grep '"event":"join"' | sed 's/.*"ms":\([0-9]*\).*/\1/' | sort -n | tail -1)
echo "many_hosts: $N hosts, every one sees the other $((N - 1)): converged $((last_ms - start_ms)) ms after the first start"

# 10 leave politely, 10 vanish.
exec 2>/dev/null
t0=$(date +%s%3N)
for i in $(seq 1 10); do kill -TERM "${pid[$i]}"; done
for i in $(seq 11 20); do kill -KILL "${pid[$i]}"; done
deadline=$(( $(date +%s) + (PEER_TIMEOUT_MS / 1000) * 3 + 10 ))
done_all=""
while [ "$(date +%s)" -lt "$deadline" ]; do
    ok=1
    for i in $(seq 21 "$N"); do
        left=$(grep -c '"event":"leave".*"reason":"left"' "$work/e$i" || true)
        gone=$(grep -c '"event":"leave".*"reason":"timed out"' "$work/e$i" || true)
        [ "$left" -ge 10 ] && [ "$gone" -ge 10 ] || { ok=0; break; }
    done
    [ $ok -eq 1 ] && { done_all=$(( $(date +%s%3N) - t0 )); break; }
    sleep 0.2
done
if [ -z "$done_all" ]; then
    i=21
    fail "host$i saw $(grep -c '"reason":"left"' "$work/e$i" || true) of 10 BR_EXITs and $(grep -c '"reason":"timed out"' "$work/e$i" || true) of 10 timeouts"
fi
exit_ms=$(for i in $(seq 21 "$N"); do grep '"reason":"left"' "$work/e$i"; done | sed 's/.*"ms":\([0-9]*\).*/\1/' | sort -n | tail -1)
echo "many_hosts: the $((N - 20)) left saw 10 BR_EXITs within $((exit_ms - t0)) ms and 10 vanished hosts time out within $done_all ms (peer timeout $PEER_TIMEOUT_MS ms)"
