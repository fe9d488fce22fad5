#!/usr/bin/env bash
# A receiver whose disk fills up: a clear "disk full" error, no file passed off as complete, the
# partial data kept as .part, and the sender told the fetch did not finish. Mounts a 2 MiB tmpfs.
set -euo pipefail
CLI=$(readlink -f "$1")
source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_root full_disk "to mount a small tmpfs"
work=$(mktemp -d)
mnt="$work/small"
mkdir -p "$mnt"
cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    wait 2>/dev/null || true
    umount "$mnt" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mount -t tmpfs -o size=2m tmpfs "$mnt"
head -c 5000000 /dev/urandom >"$work/big.bin"
PORT=34293
"$CLI" receive --accept-all --count 1 --dir "$mnt" --bind 127.0.0.2 --port $PORT --no-broadcast \
    --profile "$work/pb" >"$work/recv.out" 2>"$work/recv.err" &
receiver=$!
for _ in $(seq 100); do grep -q "receiving into" "$work/recv.err" 2>/dev/null && break; sleep 0.05; done
"$CLI" send-file --to 127.0.0.2 --bind 127.0.0.1 --port $PORT --no-broadcast --profile "$work/pa" \
    "$work/big.bin" >"$work/send.out" 2>"$work/send.err" &
sender=$!
status=0
wait $receiver || status=$?
[ $status -ne 0 ] || { echo "full_disk: FAIL: receive exited 0 on a full disk" >&2; exit 1; }
grep -q "disk full" "$work/recv.err" || { echo "full_disk: FAIL: no clear error: $(cat "$work/recv.err")" >&2; exit 1; }
[ ! -e "$mnt/big.bin" ] || { echo "full_disk: FAIL: a partial file was passed off as complete" >&2; exit 1; }
[ -s "$mnt/big.bin.part" ] || { echo "full_disk: FAIL: the partial data was not kept for resume" >&2; exit 1; }
# The sender must not report the offer as fetched.
sleep 1
grep -q "offer fetched" "$work/send.out" && { echo "full_disk: FAIL: sender thinks the file was fetched" >&2; exit 1; }
kill $sender 2>/dev/null || true
echo "full_disk: $(grep -o 'cannot write.*' "$work/recv.err" | head -1)"
echo "full_disk: 1 passed, 0 failed"
