#!/usr/bin/env bash
# Start-up and shutdown of the real lanpigeon under Xvfb, driven with xdotool. Steps:
#  port     a port held by another program gives a clear dialog and no window; "Try again"
#           with another port starts LanPigeon, and a peer on that port finds it;
#  zh       the same dialog in Chinese, Qt's own words included; Quit ends LanPigeon;
#  second   a second lanpigeon with the same profile brings the first forward, exits 0;
#  hung     one whose profile is held by a LanPigeon that does not answer says so, exits 1;
#  sigterm  kill -TERM says BR_EXIT: a lanpigeon-cli peer sees the window leave at once;
#  ctrlq    Ctrl+Q in the main window quits, with BR_EXIT too;
#  notray   "start minimized" on a desktop without a tray shows the window anyway.
# Usage: startup_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR [STEP...]   (all steps by default)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
shift 3
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(port zh second hung sigterm ctrlq notray)
PORT=34263
NEWPORT=34264
NAME=startup_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import xwininfo xlogo python3
# A fresh profile $1 with language $2 and any further [ui] line $3.
profile() {
    rm -rf "$1"
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
# Starts lanpigeon on profile $1 at 127.0.0.1, its output in $2.log; its pid in $last.
gui() {
    LANPIGEON_PROFILE="$1" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/$2.log" 2>&1 &
    last=$!
    pids+=($last)
}
# The id of the first shown window titled exactly $1, waiting up to 15 s.
window() { timeout 15 xdotool search --sync --onlyvisible --name "^$1\$" | head -1; }
# Ends lanpigeon $1 and waits for it.
stop() { kill "$1" 2>/dev/null || true; wait_for "$1" 10 || true; }
# Holds UDP $PORT on 127.0.0.1 as another messenger would; its pid in $holder.
hold_port() {
    python3 -c "
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', $PORT))
time.sleep(600)" &
    holder=$!
    pids+=($holder)
    for _ in $(seq 50); do ss -Hlun "sport = :$PORT" | grep -q . && return 0; sleep 0.1; done
    fail "could not hold port $PORT"
}

step_port() {
    hold_port
    profile "$work/en" en
    gui "$work/en" en
    local dialog main
    dialog=$(window 'LanPigeon cannot start') || fail "no start-up dialog when the port is held"
    sleep 0.5
    [ -z "$(xdotool search --onlyvisible --name '^LanPigeon$' 2>/dev/null || true)" ] ||
        fail "a main window showed although LanPigeon could not start"
    import -window "$dialog" "$OUT/start-failure.png"
    # The port box has the keyboard: a new port, then Enter for "Try again".
    xdotool mousemove --window "$dialog" 5 5
    xdotool key ctrl+a
    xdotool type "$NEWPORT"
    xdotool key Return
    main=$(window LanPigeon) || fail "Try again with port $NEWPORT did not start LanPigeon"
    grep -q "^port=$NEWPORT\$" "$work/en/lanpigeon.ini" || fail "the port that worked was not saved"
    "$CLI" peers --bind 127.0.0.2 --port $NEWPORT --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/peer" --wait 5 --expect 1 >"$work/peers.log" 2>&1 ||
        fail "a peer on port $NEWPORT did not find LanPigeon"
    stop $last
    kill $holder
}

step_zh() {
    hold_port
    profile "$work/zh" zh_CN
    gui "$work/zh" zh
    local dialog
    dialog=$(window '局域网信鸽无法启动') || fail "no Chinese start-up dialog"
    sleep 0.5
    import -window "$dialog" "$OUT/start-failure-zh.png"
    xdotool mousemove --window "$dialog" 5 5
    xdotool key Escape
    local rc=0
    wait_for $last 5 || rc=$?
    [ $rc -eq 1 ] || fail "Quit in the start-up dialog did not end LanPigeon (rc $rc)"
    kill $holder
}

step_second() {
    profile "$work/one" en
    gui "$work/one" one
    local first=$last main logo covered focus
    main=$(window LanPigeon) || fail "the main window did not show"
    xlogo -geometry 600x600+0+0 >/dev/null 2>&1 &
    pids+=($!)
    logo=$(timeout 10 xdotool search --sync --onlyvisible --class xlogo | head -1) ||
        fail "xlogo did not start"
    xdotool windowraise "$logo"
    xdotool windowfocus "$logo"
    sleep 0.3
    [ "$(xdotool getwindowfocus)" = "$logo" ] || fail "could not put xlogo in front"
    covered=$(stack "$main" "$logo")
    gui "$work/one" second
    local rc=0
    wait_for $last 10 || rc=$?
    [ $rc -eq 0 ] || fail "the second lanpigeon did not exit 0 (rc $rc)"
    sleep 0.5
    focus=$(xdotool getwindowfocus)
    [ "$focus" = "$main" ] || fail "the first window did not get the keyboard (window $focus has it)"
    [ "$(stack "$main" "$logo")" != "$covered" ] || fail "the first window was not raised above xlogo"
    [ "$(xdotool search --onlyvisible --name '^LanPigeon$' | wc -l)" = 1 ] ||
        fail "a second main window showed"
    kill -0 $first || fail "the first lanpigeon is gone"
    grep -q "brought forward" "$work/second.log" || fail "the second lanpigeon did not say why it left"
    stop $first
}
# Which of windows $1 and $2 comes first in the stacking order.
stack() {
    xwininfo -root -children | awk -v a="$(printf 0x%x "$1")" -v b="$(printf 0x%x "$2")" \
        '$1 == a || $1 == b { print $1; exit }'
}

# Starts lanpigeon with a lanpigeon-cli peer watching, ends it with command $1 (which gets
# the pid and the main window), and checks the peer hears BR_EXIT within a second.
leaves_cleanly() {
    profile "$work/leave" en
    gui "$work/leave" "leave-$2"
    local gui=$last main watcher t0 rc=0
    main=$(window LanPigeon) || fail "the main window did not show"
    "$CLI" watch --bind 127.0.0.2 --port $PORT --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/peer" --wait 30 >"$work/watch.log" 2>&1 &
    watcher=$!
    pids+=($watcher)
    for _ in $(seq 50); do grep -q "^join" "$work/watch.log" && break; sleep 0.1; done
    grep -q "^join" "$work/watch.log" || fail "the watching peer did not see LanPigeon"
    t0=$(date +%s%N)
    "$1" $gui "$main"
    wait_for $gui 5 || rc=$?
    [ $rc -eq 0 ] || fail "lanpigeon did not end cleanly on $2 (rc $rc)"
    for _ in $(seq 20); do grep -q "^leave" "$work/watch.log" && break; sleep 0.05; done
    grep -q "^leave.*left" "$work/watch.log" || fail "the peer did not hear BR_EXIT after $2: $(cat "$work/watch.log")"
    echo "startup_xvfb: the peer saw LanPigeon leave $((($(date +%s%N) - t0) / 1000000)) ms after $2"
    stop $watcher
}
terminate() { kill -TERM "$1"; }
press_ctrl_q() {
    # Without a window manager a click gives the window the keyboard.
    xdotool mousemove --window "$2" 160 300 click 1
    xdotool key ctrl+q
}
step_sigterm() { leaves_cleanly terminate SIGTERM; }
step_ctrlq() { leaves_cleanly press_ctrl_q Ctrl+Q; }

step_hung() {
    # A LanPigeon that holds the profile's lock but never answers: the new one must not run
    # beside it on the same history, and must say so in a window, not only on stderr.
    profile "$work/hung" en
    python3 -c "
import fcntl, os, socket, time
fd = os.open('$work/hung/lanpigeon.lock', os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
os.write(fd, ('%d\\nlanpigeon\\n%s\\n' % (os.getpid(), socket.gethostname())).encode())
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
time.sleep(600)" &
    pids+=($!)
    local locker=$! box rc=0
    # Python may be slow to start on a loaded machine: go on once the lock is really held.
    for _ in $(seq 100); do
        [ -e "$work/hung/lanpigeon.lock" ] && ! flock -n "$work/hung/lanpigeon.lock" true && break
        sleep 0.1
    done
    gui "$work/hung" hung
    box=$(window 'LanPigeon is already running') || fail "no word that LanPigeon already runs"
    [ -z "$(xdotool search --onlyvisible --name '^LanPigeon$' 2>/dev/null || true)" ] ||
        fail "a second main window showed beside the hung one"
    xdotool mousemove --window "$box" 10 10
    xdotool key Return
    wait_for $last 5 || rc=$?
    [ $rc -eq 1 ] || fail "lanpigeon did not give up after the message (rc $rc)"
    kill $locker
}

step_notray() {
    profile "$work/min" en "startMinimized=true"
    gui "$work/min" min
    local main
    main=$(window LanPigeon) || fail "started minimized without a tray, the window stayed invisible"
    sleep 0.7
    import -window "$main" "$OUT/no-tray.png"
    stop $last
}

start_display
mkdir -p "$OUT" "$work/down"
for step in "${steps[@]}"; do
    "step_$step"
    echo "startup_xvfb: $step ok"
done
echo "startup_xvfb: ok"
