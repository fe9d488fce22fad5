#!/usr/bin/env bash
# A chat storm: N hosts (default 20) in network namespaces on one bridge each send M messages
# (default 500; 10,000 in all) round-robin to all the others at once. Every message must be
# delivered exactly once or reported failed, and none may be shown twice.
# With LOSS (percent), every host drops that share of the UDP it receives (nft numgen random),
# so messages and receipts get lost and resent: none may be shown twice.
# MODE clones: every host has one login and one computer name, each with a key of its own, as
# lab PCs ghosted from one image, and host 1 is switched on last, so it hears the others'
# messages before their entries. Each sender's messages must land in one chat of its own.
# STORM_FLAGS: more options for every host (the bench passes --no-encryption for its reference).
# Usage: chat_storm.sh LANPIGEON_CLI [N] [M] [LOSS] [MODE]
set -euo pipefail
CLI=$(readlink -f "$1")
N=${2:-20}
M=${3:-500}
LOSS=${4:-0}
MODE=${5:-}
source "$(dirname "$0")/bridgehosts.sh"
need_netns chat_storm
tag="lps$$"
# History goes to tmpfs: the test is about the protocol, not about this VM's disk.
work=$(mktemp -d /dev/shm/lpstorm.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    remove_bridge_hosts "$tag" "$N"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "chat_storm: FAIL: $*"; exit 1; }

bridge_hosts "$tag" "$N" 10.79
addr() { host_addr 10.79 "$1"; }
for i in $(seq "$N"); do
    if [ "$LOSS" -gt 0 ]; then
        ip netns exec "$tag-$i" nft "add table netdev lossy; add chain netdev lossy in { type filter hook ingress device eth0 priority 0; }; add rule netdev lossy in ip protocol udp numgen random mod 100 < $LOSS drop"
    fi
done

# Each profile's key pair is made once in its life, not per storm: make them before the clock runs.
for i in $(seq "$N"); do "$CLI" key --profile "$work/p$i" >/dev/null; done

start=$(date +%s%3N)
# The namespaces share this machine's computer name.
order=$(seq "$N")
[ "$MODE" = clones ] && order="$(seq 2 "$N") 1"
for i in $order; do
    to=()
    for j in $(seq "$N"); do [ "$j" -ne "$i" ] && to+=(--to "$(addr "$j")"); done
    # A login of its own, as on 20 real computers; one for all of them in clones mode.
    user="user$i"
    if [ "$MODE" = clones ]; then
        user=lab
        [ "$i" -eq 1 ] && sleep 2
    fi
    # shellcheck disable=SC2086
    ip netns exec "$tag-$i" env USER="$user" "$CLI" storm --nick "host$i" --count "$M" --interval-ms 2 ${STORM_FLAGS:-} \
        --announce-interval-ms 2000 --profile "$work/p$i" "${to[@]}" >"$work/s$i" 2>"$work/err$i" &
    pids+=($!)
done
for p in "${pids[@]}"; do
    wait "$p" || fail "a host's storm exited non-zero: $(cat "$work"/err* | sort | uniq -c | head -5)"
done
elapsed=$(( $(date +%s%3N) - start ))

sum() { cat "$work"/s* | grep -o "\"$1\":[0-9]*" | cut -d: -f2 | awk '{ s += $1 } END { print s + 0 }'; }
sent=$(sum sent); delivered=$(sum delivered); failed=$(sum failed)
received=$(sum received); duplicates=$(sum duplicates); misfiled=$(sum misfiled)
echo "chat_storm: $N hosts${MODE:+ ($MODE)}, ${LOSS}% loss, $sent messages in $elapsed ms: $delivered delivered, $failed reported failed, $received received, $duplicates shown twice, $misfiled in another's chat"
[ "$sent" -eq $((N * M)) ] || fail "sent $sent, not $((N * M))"
[ $((delivered + failed)) -eq "$sent" ] || fail "$((sent - delivered - failed)) messages neither delivered nor reported failed"
[ "$duplicates" -eq 0 ] || fail "$duplicates messages shown twice"
[ "$misfiled" -eq 0 ] || fail "$misfiled messages in the chat of another sender, or in a second chat of theirs"
# A delivered message was received; a failed one may still have arrived (its receipt lost).
[ "$received" -ge "$delivered" ] && [ "$received" -le "$sent" ] || fail "received $received of $sent sent, $delivered delivered"
