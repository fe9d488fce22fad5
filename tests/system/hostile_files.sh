#!/usr/bin/env bash
# A hostile peer process (hostile_peer.py) offers files and folders whose lists and streams lie:
# names that climb out, absolute paths, control characters, 4 KB names, a fileID listed twice,
# sizes too small, too large and 16 EiB, folders nested without end, folders that never stop
# growing, a folder stream that never closes its folder, and a garbled one. LanPigeon accepts
# them all into one folder. Every transfer must end with the right verdict, nothing may be
# written outside that folder, no partial file may look complete, memory must stay bounded,
# and a normal peer's messages must get through meanwhile.
# Loopback only. Usage: hostile_files.sh LANPIGEON_CLI [SECONDS]
set -euo pipefail
CLI=$(readlink -f "$1")
SECONDS_=${2:-3}
here=$(dirname "$(readlink -f "$0")")
PORT=34261
source "$here/scratch.sh"
inbox=$work/inbox
fail() {
    echo "hostile_files: FAIL: $*"
    echo "--- victim:"; cat "$work/victim.out" "$work/victim.err" | cut -c1-300 | tail -30
    echo "--- hostile peer:"; tail -20 "$work/peer.out"
    exit 1
}
mkdir -p "$inbox" "$work/outside"
touch "$work/start"

"$CLI" receive --bind 127.0.0.2 --port $PORT --no-broadcast --nick victim --profile "$work/v" \
    --accept-all --dir "$inbox" --count 8 --json >"$work/victim.out" 2>"$work/victim.err" &
victim=$!; pids+=($victim)
for _ in $(seq 50); do grep -q receiving "$work/victim.err" && break; sleep 0.1; done
start_rss=$(rss_kib $victim)

python3 "$here/hostile_peer.py" 127.0.0.3 $PORT 127.0.0.2 "$work/outside" "$SECONDS_" >"$work/peer.out" 2>&1 &
peer=$!; pids+=($peer)

# A normal peer talks to the victim while the lies are being served.
( for n in 1 2 3; do
      sleep 1
      "$CLI" send --bind 127.0.0.4 --port $PORT --no-broadcast --extra-host 127.0.0.2 \
          --nick friend --profile "$work/f" --to 127.0.0.2 "still there? #$n" \
          >"$work/send$n" 2>&1 || echo "message $n: $(cat "$work/send$n")" >>"$work/friend.fail"
  done ) &
friend=$!; pids+=($friend)

peak=$start_rss
t0=$(date +%s)
while kill -0 $victim 2>/dev/null; do
    r=$(rss_kib $victim 2>/dev/null || echo 0); [ "$r" -gt "$peak" ] && peak=$r
    [ $(($(date +%s) - t0)) -lt $((SECONDS_ + 60)) ] || fail "the transfers did not end"
    sleep 0.2
done
wait $victim && rc=0 || rc=$?
elapsed=$(($(date +%s) - t0))
wait $friend || true
[ ! -e "$work/friend.fail" ] || fail "a normal peer was not answered: $(cat "$work/friend.fail")"
[ $rc -eq 1 ] || fail "receive exited $rc; expected 1 (some transfers failed)"

# verdict NAME OK ERROR-SUBSTRING: the JSON line of the transfer whose path ends in NAME.
verdict() {
    python3 - "$work/victim.out" "$inbox" "$@" <<'PY' || fail "verdict $*"
import json, os, sys
out, inbox, name, ok, error = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "ok", sys.argv[5]
lines = [json.loads(l) for l in open(out) if l.startswith("{")]
hits = [l for l in lines if os.path.basename(l["path"]) == name]
if len(hits) != 1:
    sys.exit("%d transfers named %s in %s" % (len(hits), name, [l["path"] for l in lines]))
t = hits[0]
if t["ok"] != ok or error not in t["error"]:
    sys.exit("%s: ok=%s error=%r" % (name, t["ok"], t["error"]))
if os.path.dirname(os.path.realpath(t["path"])) != os.path.realpath(inbox):
    sys.exit("%s landed at %s" % (name, t["path"]))
PY
}
# It claims to be IP Messenger, whose transfers we resume: a broken-off file is fetched again
# from where it stopped, 5 times at most, and each time it sends its 100 KiB again.
verdict short.bin fail "after 614400 of 1048576 bytes (after 5 reconnects)"
verdict endless.bin ok ""
verdict huge.bin fail "after 6291456 of 18446744073709551615 bytes (after 5 reconnects)"
verdict deep fail "deeper than 64"
verdict fat fail "far larger than the 1048576 bytes offered"
verdict wide fail "closed the folder stream early"
verdict garbled fail "header"
[ "$(stat -c %s "$inbox/endless.bin")" = 1000 ] || fail "endless.bin is not cut at the 1000 bytes offered"
[ "$(stat -c %s "$inbox/short.bin.part")" = 614400 ] || fail "short.bin.part does not hold what came"
for f in short.bin huge.bin; do [ ! -e "$inbox/$f" ] || fail "partial $f passed off as complete"; done
# Failed folders keep their marker, so nobody takes them for complete.
for d in deep fat wide garbled; do
    [ -e "$inbox/$d/.lanpigeon-partial" ] || fail "$d has no partial marker"
done
# The lying names: ten entries, one fileID twice, two files called alike. Nine distinct files
# land flat in the inbox, each whole.
named=$(python3 -c '
import json, sys
paths = {json.loads(l)["path"] for l in open(sys.argv[1]) if l.startswith("{") and json.loads(l)["ok"]}
print(sum(1 for p in paths if open(p, "rb").read() == b"pwned\n"))' "$work/victim.out")
[ "$named" = 9 ] || fail "$named of the 9 hostile names were received whole; expected 9"
[ -e "$inbox/twice.txt" ] && [ -e "$inbox/twice (1).txt" ] || fail "two files called alike did not both arrive"

# Nothing outside the inbox: the work folder holds only what the test made, no links anywhere,
# and none of the hostile names turned up elsewhere on this file system.
extra=$(cd "$work" && ls -A | grep -vxE 'inbox|outside|v|f|start|victim.(out|err)|peer.out|send[0-9]' || true)
[ -z "$extra" ] || fail "written next to the inbox: $extra"
[ -z "$(ls -A "$work/outside")" ] || fail "written into the absolute path: $(ls -A "$work/outside")"
[ -z "$(find "$inbox" -type l)" ] || fail "links created in the inbox"
strays=$(find / -xdev \( -path /proc -o -path /sys -o -path "$work" \) -prune -o -newer "$work/start" \
    \( -name escape.txt -o -name absolute.txt -o -name b.txt -o -name '*windows.txt' -o -name 'w[0-9]*' \
       -o -name x -o -name up -o -name '*red' -o -name twice.txt \) -print 2>/dev/null || true)
[ -z "$strays" ] || fail "hostile names outside the inbox: $strays"

files=$(find "$inbox" | wc -l)
echo "hostile_files: $(grep -o 'serving' "$work/peer.out" | wc -l) requests served with lies, $(grep -o '[0-9]* MiB pushed' "$work/peer.out" | sort -n | tail -1); \
$(grep -o 'wide: [0-9]* entries' "$work/peer.out"); every verdict right, $files paths all inside the inbox; \
3 normal messages answered; RSS $((start_rss / 1024)) MiB before, peak $((peak / 1024)) MiB; ${elapsed} s"
if [ -n "${LANPIGEON_SANITIZED:-}" ]; then
    echo "hostile_files: memory bound not checked: ASan's quarantine keeps freed memory"
else
    [ "$peak" -lt $((start_rss + 100 * 1024)) ] || fail "memory grew by $(((peak - start_rss) / 1024)) MiB"
fi
