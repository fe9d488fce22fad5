#!/usr/bin/env bash
# File transfer, TFTP and chat between two namespaces whose links drop a share of packets at
# random (nft numgen), at 5% and at 20% each way; then a receiver killed mid-transfer comes
# back and resumes. Everything must arrive intact (sha256); the times are printed.
# Usage: lossy_transfers.sh LANPIGEON_CLI
set -euo pipefail
CLI=$(readlink -f "$1")
source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_netns lossy_transfers nft
source "$(dirname "$(readlink -f "$0")")/lossypair.sh"
tag="lpl$$"
work=$(mktemp -d /dev/shm/lplossy.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    remove_lossy_pair
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "lossy_transfers: FAIL: $*"; exit 1; }
now() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

lossy_pair "$tag" 10.96.0.1 10.96.0.2
common=(--no-broadcast --retry-ms 300 --attempts 20)
# Foreground only: a backgrounded function is a subshell, and killing it leaves the program.
inA() { ip netns exec "$A" "$@"; }
inB() { ip netns exec "$B" "$@"; }
mkdir -p "$work/tftproot"

# At 20% each way TCP spends most of its time in backoff, so the files are smaller there.
for step in "5 20" "20 2"; do
    set -- $step
    LOSS=$1; MB=$2
    head -c $((MB * 1000000)) /dev/urandom >"$work/file.bin"
    head -c $((MB * 500000)) /dev/urandom >"$work/tftproot/fw.bin"
    chmod -R a+rX "$work"
    set_loss "$LOSS"
    rm -rf "$work/got" && mkdir -p "$work/got"
    # Chat: 100 messages from A to B, each delivered or failed, none twice.
    t0=$(now)
    ip netns exec "$B" "$CLI" storm --bind 10.96.0.2 --nick b "${common[@]}" --extra-host 10.96.0.1 --to 10.96.0.1 \
        --count 50 --profile "$work/sb$LOSS" >"$work/storm-b" 2>&1 &
    sb=$!; pids+=($sb)
    inA "$CLI" storm --bind 10.96.0.1 --nick a "${common[@]}" --extra-host 10.96.0.2 --to 10.96.0.2 \
        --count 50 --profile "$work/sa$LOSS" >"$work/storm-a" 2>&1 || fail "storm at $LOSS%: $(cat "$work/storm-a")"
    wait $sb || fail "storm at $LOSS%: $(cat "$work/storm-b")"
    chat_ms=$(( $(now) - t0 ))
    dup=$(cat "$work/storm-a" "$work/storm-b" | grep -o '"duplicates":[0-9]*' | cut -d: -f2 | paste -sd+ | bc)
    got=$(cat "$work/storm-a" "$work/storm-b" | grep -o '"received":[0-9]*' | cut -d: -f2 | paste -sd+ | bc)
    [ "$dup" -eq 0 ] || fail "$dup messages shown twice at $LOSS%"
    [ "$got" -eq 100 ] || fail "only $got of 100 messages arrived at $LOSS%"
    echo "  ${LOSS}%: chat done in $(secs $chat_ms) s"

    # A file over TCP.
    t0=$(now)
    ip netns exec "$B" "$CLI" receive --bind 10.96.0.2 --nick b "${common[@]}" --extra-host 10.96.0.1 --accept-all --count 1 \
        --dir "$work/got" --profile "$work/rb$LOSS" >"$work/recv" 2>&1 &
    rb=$!; pids+=($rb)
    inA "$CLI" send-file --bind 10.96.0.1 --nick a "${common[@]}" --extra-host 10.96.0.2 --to 10.96.0.2 \
        --profile "$work/fa$LOSS" "$work/file.bin" >"$work/send" 2>&1 || fail "send-file at $LOSS%: $(cat "$work/send")"
    wait $rb || fail "receive at $LOSS%: $(cat "$work/recv")"
    file_ms=$(( $(now) - t0 ))
    cmp -s "$work/file.bin" "$work/got/file.bin" || fail "the file differs at $LOSS%"
    echo "  ${LOSS}%: file done in $(secs $file_ms) s"

    # TFTP at windowsize 16.
    ip netns exec "$B" "$CLI" tftp serve "$work/tftproot" --bind 10.96.0.2 --port 6969 >"$work/serve" 2>&1 &
    ts=$!; pids+=($ts)
    sleep 0.3
    t0=$(now)
    inA "$CLI" tftp get 10.96.0.2:6969 fw.bin "$work/got/fw.bin" --bind 10.96.0.1 --blksize 1428 \
        --windowsize 16 >/dev/null 2>"$work/tftp" || fail "tftp at $LOSS%: $(tail -2 "$work/tftp")"
    tftp_ms=$(( $(now) - t0 ))
    kill $ts 2>/dev/null || fail "the TFTP server died at $LOSS%: $(cat "$work/serve")"; wait $ts 2>/dev/null || true
    cmp -s "$work/tftproot/fw.bin" "$work/got/fw.bin" || fail "the TFTP copy differs at $LOSS%"
    echo "lossy_transfers: ${LOSS}% loss each way: 100 messages $(secs $chat_ms) s, none twice; $MB MB file $(secs $file_ms) s; $((MB / 2)) MB TFTP (ws 16) $(secs $tftp_ms) s; all intact"
done

# A receiver killed mid-transfer comes back and resumes from its .part file.
LOSS=0; set_loss 0
head -c 300000000 /dev/zero >"$work/big.bin"
rm -rf "$work/got" && mkdir -p "$work/got"
ip netns exec "$A" "$CLI" send-file --bind 10.96.0.1 --nick a "${common[@]}" --extra-host 10.96.0.2 --to 10.96.0.2 \
    --profile "$work/ka" "$work/big.bin" >"$work/send" 2>&1 &
sender=$!; pids+=($sender)
ip netns exec "$B" "$CLI" receive --bind 10.96.0.2 --nick b "${common[@]}" --extra-host 10.96.0.1 --accept-all --count 1 \
    --dir "$work/got" --profile "$work/kb" >"$work/recv" 2>&1 &
rb=$!; pids+=($rb)
for _ in $(seq 200); do [ -s "$work/got/big.bin.part" ] && break; sleep 0.02; done
kill -9 $rb 2>/dev/null || true
wait $rb 2>/dev/null || true
part=$(stat -c %s "$work/got/big.bin.part" 2>/dev/null || echo 0)
[ "$part" -gt 0 ] && [ "$part" -lt 300000000 ] || fail "could not kill the receiver mid-transfer (.part has $part bytes)"
# It comes back and the file is offered again (offers live in memory: the first died with the
# receiver, so the sender offers anew); the fetch resumes from the .part file.
kill $sender; wait $sender 2>/dev/null || true
ip netns exec "$A" "$CLI" send-file --bind 10.96.0.1 --nick a "${common[@]}" --extra-host 10.96.0.2 --to 10.96.0.2 \
    --profile "$work/ka2" "$work/big.bin" >"$work/send2" 2>&1 &
pids+=($!)
ip netns exec "$B" "$CLI" receive --bind 10.96.0.2 --nick b "${common[@]}" --extra-host 10.96.0.1 --accept-all --count 1 \
    --dir "$work/got" --json --profile "$work/kb" >"$work/recv2" 2>&1 &
rb=$!; pids+=($rb)
for _ in $(seq 600); do kill -0 $rb 2>/dev/null || break; sleep 0.1; done
kill -0 $rb 2>/dev/null && fail "the receiver that came back did not finish: $(cat "$work/recv2" "$work/send2")"
wait $rb || fail "the receiver that came back failed: $(cat "$work/recv2")"
cmp -s "$work/big.bin" "$work/got/big.bin" || fail "the resumed file differs"
echo "lossy_transfers: a receiver killed after $part of 300000000 bytes came back and resumed; intact"
