#!/usr/bin/env bash
# Someone else at a person's address, in the real window under Xvfb next to lanpigeon-cli:
# Alice (login alice) chats from 127.0.0.5 and leaves; 大卫 (login dave, a key of his own) gets
# 127.0.0.5. Alice's open tab stays hers, what is typed there waits for her and never reaches
# 大卫, 大卫's message opens a chat of his own, Recent chats keeps both; Alice back at 127.0.0.6
# gets what waited. Screenshots go to OUTDIR.
# Usage: parked_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR   (XVFB_DISPLAY=:N uses that display)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=${PARKED_PORT:-36300}
NAME=parked_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
start_gui "127.0.0.5, 127.0.0.6"

# A login of its own ($1), its own profile (its key), at address $2.
listen() {
    USER=$1 "$CLI" listen --bind "$2" --port "$PORT" --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/$1" --nick "$3" --group Sales >"$work/$1-$2.log" 2>&1 &
    listen_pid=$!
    pids+=($listen_pid)
}
stop_listen() {
    kill "$listen_pid"
    wait "$listen_pid" 2>/dev/null || true
}
listen alice 127.0.0.5 Alice
sleep 2
xdotool key --window "$main" ctrl+f
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool type --delay 30 Alice
xdotool key Return
chat=$(window '^Alice — LanPigeon$' 5) || fail "no chat with Alice"
xdotool windowmove "$chat" $((MX + MW + 10)) "$MY"
sleep 0.3
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 30 "hello Alice"
xdotool key Return
for _ in $(seq 50); do grep -q "hello Alice" "$work/alice-127.0.0.5.log" && break; sleep 0.1; done
grep -q "hello Alice" "$work/alice-127.0.0.5.log" || fail "Alice did not get the first message"

# She leaves (BR_EXIT); 大卫 gets her address and writes.
stop_listen
sleep 1
USER=dave "$CLI" send --bind 127.0.0.5 --port "$PORT" --no-broadcast --extra-host 127.0.0.1 \
    --profile "$work/dave" --nick 大卫 --group Sales --to 127.0.0.1 "hi, I am Dave" \
    >"$work/dave-send.log" 2>&1 || fail "大卫 could not write"
listen dave 127.0.0.5 大卫
sleep 2
[ -n "$(xdotool search --onlyvisible --name '^Alice — LanPigeon$')" ] ||
    fail "Alice's tab took another name"
# Typed in Alice's tab: it waits for her, 大卫 gets nothing.
xdotool windowactivate --sync "$chat" 2>/dev/null || true
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 30 "Alice, private: my salary note"
xdotool key Return
sleep 2
grep -q "salary" "$work/dave-127.0.0.5.log" && fail "大卫 got what was written to Alice"
import -window "$chat" "$OUT/parked-chat.png"
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click 1 key ctrl+a BackSpace
xdotool mousemove $((MX + 130)) $((MY + 136)) click 1
sleep 0.5
import -window "$main" "$OUT/parked-recent.png"
xdotool mousemove $((MX + 50)) $((MY + 136)) click 1
sleep 0.5
import -window "$main" "$OUT/parked-buddies.png"

# Alice comes back at another address and gets what waited for her.
stop_listen
listen alice 127.0.0.6 Alice
for _ in $(seq 100); do grep -q "salary" "$work/alice-127.0.0.6.log" && break; sleep 0.1; done
grep -q "salary" "$work/alice-127.0.0.6.log" || fail "Alice did not get the queued message"
sleep 1
import -window "$chat" "$OUT/parked-back.png"
echo "$NAME: ok"
