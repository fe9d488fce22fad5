#!/usr/bin/env bash
# File transfer speed: one file between two lanpigeon-cli instances on loopback, against a raw
# TCP copy of the same bytes by socat (256 KiB buffers, as our receiver uses) in the same run.
# Also the receiver's peak memory.
# Usage: transfer.sh LANPIGEON_CLI [SIZE_MIB]   (prints bench rows, see lib.sh; asserts nothing)
set -euo pipefail
CLI=$(readlink -f "$1")
MIB=${2:-1024}
PORT=34290
source "$(dirname "$(readlink -f "$0")")/lib.sh"
work=$(mktemp -d /dev/shm/lpbench.XXXXXX)   # tmpfs: the disk is not what we measure
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
src="$work/src.bin"
# Random bytes, so nothing along the way can cheat on zeros.
head -c $((MIB * 1024 * 1024)) /dev/urandom >"$src"

now() { date +%s.%N; }
rate() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f", b / t / 1048576 }'; }
bytes=$((MIB * 1024 * 1024))

best_raw=0; best_ours=0; rss=0
for run in 1 2 3 4 5; do
    # Reference: raw TCP with socat.
    rm -f "$work/raw.out"
    socat -b 262144 -u TCP-LISTEN:$PORT,bind=127.0.0.2,reuseaddr OPEN:"$work/raw.out",creat,trunc &
    listener=$!
    sleep 0.2
    t0=$(now)
    socat -b 262144 -u OPEN:"$src" TCP:127.0.0.2:$PORT,bind=127.0.0.1
    wait $listener
    t1=$(now)
    cmp -s "$src" "$work/raw.out" || { echo "raw copy differs" >&2; exit 1; }
    raw=$(rate $bytes "$(echo "$t1 - $t0" | bc)")

    # LanPigeon: send-file to receive --accept-all.
    rm -rf "$work/dst"
    /usr/bin/time -f "%M" -o "$work/rss" "$CLI" receive --accept-all --count 1 --dir "$work/dst" \
        --bind 127.0.0.2 --port $PORT --no-broadcast --profile "$work/pb" >/dev/null 2>"$work/recv.err" &
        receiver=$!
    for _ in $(seq 100); do grep -q "receiving into" "$work/recv.err" 2>/dev/null && break; sleep 0.02; done
    t0=$(now)
    "$CLI" send-file --to 127.0.0.2 --bind 127.0.0.1 --port $PORT --no-broadcast --profile "$work/pa" "$src" \
        >/dev/null 2>"$work/send.err"
    wait $receiver
    t1=$(now)
    cmp -s "$src" "$work/dst/src.bin" || { echo "LanPigeon copy differs" >&2; cat "$work"/*.err >&2; exit 1; }
    ours=$(rate $bytes "$(echo "$t1 - $t0" | bc)")
    [ "$raw" -gt "$best_raw" ] && best_raw=$raw
    [ "$ours" -gt "$best_ours" ] && best_ours=$ours
    r=$(( $(cat "$work/rss") / 1024 )); [ "$r" -gt "$rss" ] && rss=$r
done
row "file transfer $MIB MiB, send-file to receive: best of 5 (MiB/s)" "$best_ours" socat "$best_raw" "raw TCP copy, in turns"
row "  receiver peak RSS (MiB)" "$rss" - - "target < 64"
