#!/usr/bin/env bash
# Start-up and shutdown of the real lanpigeon under Xvfb, driven with xdotool:
#  1. a port held by another program gives a clear dialog (English, then Chinese) whose
#     "Try again" with another port starts LanPigeon, and whose Quit ends it;
#  2. a second lanpigeon with the same profile brings the first forward and exits 0;
#  3. kill -TERM says BR_EXIT: a lanpigeon-cli peer sees the window leave at once;
#  4. "start minimized" on a desktop without a tray shows the window anyway.
# Usage: startup_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=34263
NEWPORT=34264
work=$(mktemp -d)
pids=()
fail() { echo "startup_xvfb: FAIL: $*" >&2; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -5 "$f" >&2; }; done; exit 1; }
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for tool in Xvfb xdotool import xwininfo xlogo python3; do
    command -v $tool >/dev/null || { echo "startup_xvfb: needs $tool (make deps)" >&2; exit 1; }
done
source "$(dirname "$0")/../interop/iptuxlib.sh"
# Waits up to $2 seconds for process $1 and returns its exit status (124 if still running).
wait_for() {
    for _ in $(seq $(($2 * 10))); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$1" 2>/dev/null && return 124
    local rc=0
    wait "$1" || rc=$?
    return $rc
}
# A profile in $1 with language $2 and any extra [ui] lines after.
profile() {
    mkdir -p "$1"
    cat >"$1/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.2
broadcast=false
[files]
downloadDir=$work/down
[ui]
language=$2
closeToTray=false
${3:-}
INI
}
# The ids of the mapped windows titled exactly $1.
mapped() { xdotool search --onlyvisible --name "^$1\$" 2>/dev/null || true; }
gui() { # profile dir, then the log's name
    LANPIGEON_PROFILE="$1" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/$2.log" 2>&1 &
    pids+=($!)
    last=$!
}
start_display
mkdir -p "$OUT" "$work/down"

# 1. Another program holds our port (UDP, as FeiQ or iptux would).
python3 -c "
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', $PORT))
time.sleep(600)" &
holder=$!
pids+=($holder)
sleep 0.3
profile "$work/en" en
gui "$work/en" en
first=$last
dialog=$(timeout 15 xdotool search --sync --onlyvisible --name '^LanPigeon cannot start$' | head -1) ||
    fail "no start-up dialog when the port is held"
[ -z "$(mapped LanPigeon)" ] || fail "a main window showed although LanPigeon could not start"
sleep 0.5
import -window "$dialog" "$OUT/start-failure.png"
# The port box has the keyboard: a new port, then Enter for "Try again".
xdotool mousemove --window "$dialog" 5 5
xdotool key ctrl+a
xdotool type "$NEWPORT"
xdotool key Return
main=$(timeout 15 xdotool search --sync --onlyvisible --name '^LanPigeon$' | head -1) ||
    fail "Try again with port $NEWPORT did not start LanPigeon"
grep -q "^port=$NEWPORT\$" "$work/en/lanpigeon.ini" || fail "the port that worked was not saved"
"$CLI" peers --bind 127.0.0.2 --port $NEWPORT --no-broadcast --extra-host 127.0.0.1 \
    --profile "$work/peer" --wait 5 --expect 1 >"$work/peers.log" 2>&1 ||
    fail "a peer on port $NEWPORT did not find LanPigeon"

# 2. A second lanpigeon with the same profile: the first comes forward, the second exits 0.
xlogo -geometry 600x600+0+0 >/dev/null 2>&1 &
pids+=($!)
logo=$(timeout 10 xdotool search --sync --onlyvisible --class xlogo | head -1) || fail "xlogo did not start"
xdotool windowraise "$logo"
xdotool windowfocus "$logo"
sleep 0.3
[ "$(xdotool getwindowfocus)" = "$logo" ] || fail "could not put xlogo in front"
# Which of $1 and $2 is higher in the stacking order (xwininfo lists one end first).
stack() { xwininfo -root -children | awk -v a="$(printf 0x%x "$1")" -v b="$(printf 0x%x "$2")" \
    '$1 == a || $1 == b { print $1; exit }'; }
covered=$(stack "$main" "$logo")
gui "$work/en" second
wait_for $last 10 || fail "the second lanpigeon did not exit 0 (rc $?)"
sleep 0.5
focus=$(xdotool getwindowfocus)
[ "$focus" = "$main" ] || fail "the first window did not get the keyboard (window $focus has it)"
[ "$(stack "$main" "$logo")" != "$covered" ] || fail "the first window was not raised above xlogo"
[ "$(pgrep -c -f "^$GUI\$" || true)" = 1 ] || fail "more than one lanpigeon runs"
grep -q "brought forward" "$work/second.log" || fail "the second lanpigeon did not say why it left"

# 3. SIGTERM: the peer hears BR_EXIT, not a timeout 100 s later.
"$CLI" watch --bind 127.0.0.2 --port $NEWPORT --no-broadcast --extra-host 127.0.0.1 \
    --profile "$work/peer" --wait 30 >"$work/watch.log" 2>&1 &
watcher=$!
pids+=($watcher)
for _ in $(seq 50); do grep -q "^join" "$work/watch.log" && break; sleep 0.1; done
grep -q "^join" "$work/watch.log" || fail "the watching peer did not see LanPigeon"
kill -TERM $first
t0=$(date +%s%N)
wait_for $first 5 || fail "lanpigeon did not end cleanly on SIGTERM (rc $?)"
for _ in $(seq 20); do grep -q "^leave" "$work/watch.log" && break; sleep 0.05; done
grep -q "^leave.*left" "$work/watch.log" || fail "the peer did not hear BR_EXIT: $(cat "$work/watch.log")"
echo "startup_xvfb: the peer saw LanPigeon leave $(( ($(date +%s%N) - t0) / 1000000 )) ms after SIGTERM"
kill $watcher 2>/dev/null || true

# 4. The same, in Chinese: the dialog's own words and Qt's buttons; Quit ends LanPigeon.
profile "$work/zh" zh_CN
gui "$work/zh" zh
dialog=$(timeout 15 xdotool search --sync --onlyvisible --name '^局域网信鸽无法启动$' | head -1) ||
    fail "no Chinese start-up dialog"
sleep 0.5
import -window "$dialog" "$OUT/start-failure-zh.png"
xdotool mousemove --window "$dialog" 5 5
xdotool key Escape
wait_for $last 5 || [ $? -eq 1 ] || fail "Quit in the start-up dialog did not end LanPigeon"
kill $holder

# 5. Start minimized, but this desktop has no tray: the window shows all the same.
profile "$work/min" en "startMinimized=true"
gui "$work/min" min
main=$(timeout 15 xdotool search --sync --onlyvisible --name '^LanPigeon$' | head -1) ||
    fail "started minimized without a tray, the window stayed invisible"
sleep 0.7
import -window "$main" "$OUT/no-tray.png"
echo "startup_xvfb: ok"
