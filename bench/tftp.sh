#!/usr/bin/env bash
# TFTP speed on loopback, against tftpd-hpa and atftp+atftpd measured in the same run, and a
# 10 MB transfer at 5% random loss between two network namespaces (nft numgen drop rules).
# Usage: tftp.sh LANPIGEON_CLI [SIZE_MB]   (prints bench rows, see lib.sh; asserts nothing)
set -euo pipefail
CLI=$(readlink -f "$1")
MB=${2:-100}
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
source "$here/../tests/system/lossypair.sh"
ATFTPD=$(readlink -f "$here/../build-tools/atftpd/usr/sbin/atftpd")
IP=127.0.0.1
P=$((30000 + RANDOM % 5000))
work=$(mktemp -d /dev/shm/lptftp.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${A:-}" ] && remove_lossy_pair
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM
mkdir -p "$work/root" "$work/out"
head -c $((MB * 1000000)) /dev/urandom >"$work/root/f.bin"
bytes=$((MB * 1000000))
now() { date +%s.%N; }
# MB/s of one run of a command (a string) that writes $work/out/x; 0 if the copy differs.
once() {
    rm -f "$work/out/x"
    local t0 t1
    t0=$(now); eval "$1" >/dev/null 2>"$work/err" || true; t1=$(now)
    cmp -s "$work/root/f.bin" "$work/out/x" || { echo "copy differs: $1: $(tail -2 "$work/err")" >&2; echo 0; return; }
    awk -v b=$bytes -v t="$(echo "$t1 - $t0" | bc)" 'BEGIN { printf "%.0f", b / t / 1e6 }'
}
# $RUNS runs of two commands taken in turns, so a noisy moment of this VM hits both alike.
# Sets OURS and THEIRS to the best runs, OURS_M and THEIRS_M to the medians (atftp mostly stalls, now and then
# it flies: the best run alone hides what a user usually gets).
duel() {
    local as="" bs=""
    for _ in $(seq ${RUNS:-5}); do
        as="$as $(once "$1")"
        bs="$bs $(once "$2")"
    done
    OURS=$(echo $as | largest); OURS_M=$(echo $as | median)
    THEIRS=$(echo $bs | largest); THEIRS_M=$(echo $bs | median)
}

"$CLI" tftp serve "$work/root" --bind $IP --port $P >/dev/null 2>&1 &
pids+=($!)
in.tftpd -L -a $IP:$((P + 1)) -s "$work/root" >/dev/null 2>&1 &
pids+=($!)
"$ATFTPD" --daemon --no-fork --port $((P + 2)) --bind-address $IP --logfile /dev/null "$work/root" &
pids+=($!)
socat -b 262144 -u TCP-LISTEN:$((P + 3)),bind=$IP,reuseaddr,fork OPEN:"$work/out/x",creat,trunc &
pids+=($!)
sleep 0.5

duel "curl -sS --tftp-blksize 65464 -o $work/out/x tftp://$IP:$P/f.bin" \
     "curl -sS --tftp-blksize 65464 -o $work/out/x tftp://$IP:$((P + 1))/f.bin"
ours_curl=$OURS hpa_curl=$THEIRS ours_curl_m=$OURS_M hpa_curl_m=$THEIRS_M
raw=0
for _ in 1 2 3; do
    r=$(once "socat -b 262144 -u OPEN:$work/root/f.bin TCP:$IP:$((P + 3)); sleep 0.05")
    [ "$r" -gt "$raw" ] && raw=$r
done
runs=${RUNS:-5}
row "TFTP $MB MB, lock-step, curl blksize 65464: best of $runs (MB/s)" "$ours_curl" tftpd-hpa "$hpa_curl" "in turns"
row "  the same, median (MB/s)" "$ours_curl_m" tftpd-hpa "$hpa_curl_m"
for ws in 16 64; do
    duel "$CLI tftp get $IP:$P f.bin $work/out/x --bind $IP --blksize 65464 --windowsize $ws" \
         "timeout 60 atftp --option 'blksize 65464' --option 'windowsize $ws' -g -r f.bin -l $work/out/x $IP $((P + 2))"
    row "TFTP $MB MB, windowsize $ws, client and server: best of $runs (MB/s)" "$OURS" atftp+atftpd "$THEIRS" "in turns"
    row "  the same, median (MB/s)" "$OURS_M" atftp+atftpd "$THEIRS_M"
    row "  the same, best against raw TCP (MB/s)" "$OURS" socat "$raw"
done

# 5% random loss each way between two namespaces.
if [ "$(id -u)" -eq 0 ] && command -v nft >/dev/null; then
    lossy_pair "lpt$$" 10.98.0.1 10.98.0.2
    set_loss 5 ip protocol udp
    head -c 10000000 /dev/urandom >"$work/root/ten.bin"
    ip netns exec "$B" "$CLI" tftp serve "$work/root" --bind 10.98.0.2 --port 6969 >/dev/null 2>&1 &
    pids+=($!)
    sleep 0.3
    for ws in 1 16; do
        rm -f "$work/out/ten.bin"
        t0=$(now)
        ip netns exec "$A" "$CLI" tftp get 10.98.0.2:6969 ten.bin "$work/out/ten.bin" --bind 10.98.0.1 --windowsize $ws >/dev/null 2>&1 || true
        t1=$(now)
        state=$(cmp -s "$work/root/ten.bin" "$work/out/ten.bin" && echo intact || echo BROKEN)
        row "TFTP 10 MB at 5% loss each way, windowsize $ws (s)" \
            "$(echo "$t1 - $t0" | bc | awk '{ printf "%.1f", $1 }')" - - "$state; target < 60 s"
    done
else
    echo "tftp: 5% loss run skipped: needs root and nft for the namespaces" >&2
fi
