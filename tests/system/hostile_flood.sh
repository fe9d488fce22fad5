#!/usr/bin/env bash
# A hostile peer floods a listening LanPigeon for 10 s with garbage, malformed and oversized
# IPMsg datagrams and entries from thousands of ports, as fast as it can. Meanwhile a normal
# peer's messages must still get through, the listener must stay up, and its memory bounded.
# Loopback only. Usage: hostile_flood.sh LANPIGEON_CLI [SECONDS]
set -euo pipefail
CLI=$(readlink -f "$1")
SECONDS_=${2:-10}
PORT=34260
source "$(dirname "$(readlink -f "$0")")/scratch.sh"
fail() { echo "hostile_flood: FAIL: $*"; exit 1; }

"$CLI" listen --bind 127.0.0.2 --port $PORT --no-broadcast --nick victim --profile "$work/v" \
    >"$work/victim.out" 2>"$work/victim.err" &
victim=$!; pids+=($victim)
for _ in $(seq 50); do grep -q listening "$work/victim.err" && break; sleep 0.1; done
start_rss=$(rss_kib $victim)

python3 - "$SECONDS_" "$PORT" >"$work/flood.out" <<'PY' &
import os, random, socket, sys, time
seconds, port = float(sys.argv[1]), int(sys.argv[2])
target = ("127.0.0.2", port)
socks = []
for _ in range(64):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.3", 0))
    s.setblocking(False)
    socks.append(s)
rnd = random.Random(7)
payloads = [
    os.urandom(200), b"", b"1", b"1:2:3", b"1:x:u:h:1:", b"9:1:u:h:1:hi\0",
    b"1:" + b"9" * 40 + b":u:h:32:x\0",
    b"1:5:u:h:32:" + b"A" * 60000,                                   # oversized SENDMSG
    b"1:6:u:h:2097152:" + b"\x07" * 30 + b"\0" + b"0:../../etc/passwd:999999999999:0:1:\x07\0",
    b"1:7:u:h:" + str(0x0000001).encode() + b":nick\0group\0",       # BR_ENTRY
    b"1:8:u:h:96:999\0",                                             # GETFILEDATA-ish garbage
]
sent = 0
end = time.time() + seconds
i = 0
while time.time() < end:
    for _ in range(1000):
        p = payloads[i % len(payloads)] if i % 3 else os.urandom(rnd.randrange(1, 1500))
        try:
            socks[i % len(socks)].sendto(p, target)
            sent += 1
        except BlockingIOError:
            pass
        i += 1
print(sent)
PY
flooder=$!; pids+=($flooder)
sleep 1
# A normal peer talks to the victim during the flood, with the usual 5 attempts. Under ASan the
# victim runs several times slower and cannot keep up, so the kernel drops most datagrams, the
# friend's among them: it gets 20 attempts there.
attempts=5
[ -n "${LANPIGEON_SANITIZED:-}" ] && attempts=20
for n in 1 2 3; do
    "$CLI" send --bind 127.0.0.4 --port $PORT --no-broadcast --extra-host 127.0.0.2 --nick friend \
        --attempts $attempts --profile "$work/f" --to 127.0.0.2 "still there? #$n" >"$work/send$n" 2>&1 \
        || fail "message $n did not get through the flood: $(cat "$work/send$n")"
done
peak=0
while kill -0 $flooder 2>/dev/null; do
    r=$(rss_kib $victim); [ "$r" -gt "$peak" ] && peak=$r
    sleep 0.2
done
wait $flooder
sent=$(cat "$work/flood.out")
kill -0 $victim 2>/dev/null || fail "the listener died: $(tail -3 "$work/victim.err")"
for n in 1 2 3; do grep -q "still there? #$n" "$work/victim.out" || fail "message $n was not shown"; done
rate=$((sent / SECONDS_))
# Reports of bad datagrams are throttled: a flood must not become a flood of log lines (or of
# status-bar messages on the GUI thread).
lines=$(wc -l <"$work/victim.err")
[ "$lines" -lt $(( (SECONDS_ + 3) * 25 )) ] || fail "$lines lines of warnings for the flood"
echo "hostile_flood: $sent hostile datagrams in ${SECONDS_} s ($rate/s); 3 normal messages got through; RSS $((start_rss / 1024)) MiB before, peak $((peak / 1024)) MiB"
if [ -n "${LANPIGEON_SANITIZED:-}" ]; then
    echo "hostile_flood: memory bound not checked: ASan's quarantine keeps freed memory"
else
    [ "$peak" -lt $((start_rss + 150 * 1024)) ] || fail "memory grew by $(((peak - start_rss) / 1024)) MiB"
fi
# And it wrote nothing outside its profile.
[ -z "$(find "$work" -newer "$work/v" -type f ! -path "$work/v/*" ! -name '*.out' ! -name '*.err' ! -name 'send*' ! -path "$work/f/*")" ] || fail "files appeared outside the profile"
