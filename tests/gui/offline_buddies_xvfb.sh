#!/usr/bin/env bash
# Offline buddies in the real window under Xvfb, driven with xdotool: Bob (Sales) and Dora (QA)
# write and leave, and stay in the buddy list greyed under their workgroups beside Alice and
# 小王 online; the search finds Bob, Enter opens his chat, and what is written there is queued
# and reaches him when he comes back, his live row then in the grey one's place. Screenshots:
# offline-buddies.png (the list), offline-tooltip.png (Bob's tooltip), offline-queued.png (the
# chat), offline-back.png (the list with Bob back).
# Usage: offline_buddies_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR [LANGUAGE]
#        (en or zh_CN; pictures in Chinese get -zh). PORT (35751) and XVFB_DISPLAY (a free one
#        is picked) may be set.
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
LANGUAGE=${4:-en}
suffix=""
[ "$LANGUAGE" = en ] || suffix="-${LANGUAGE%%_*}"
PORT=${PORT:-35751}
NAME=offline_buddies_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
mkdir -p "$work/gui"

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.2, 127.0.0.3, 127.0.0.4, 127.0.0.5
broadcast=false
[ui]
language=$LANGUAGE
closeToTray=false
INI
LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
    "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(window '^(LanPigeon|局域网信鸽)$' 20) || fail "the main window did not show"
xdotool windowsize "$main" 320 560
# Keys and buddies go by user@host, and every peer here runs on this host: a user each.
USER=wang "$CLI" listen $(at 127.0.0.2) --nick "小王 Wang" --group Dev >/dev/null 2>&1 &
pids+=($!)
USER=alice "$CLI" listen $(at 127.0.0.3) --nick Alice --group Sales >/dev/null 2>&1 &
pids+=($!)
# A message each, then they quit (BR_EXIT).
USER=bob "$CLI" send $(at 127.0.0.4) --nick Bob --group Sales --to 127.0.0.1:$PORT \
    "Can you review my PR tonight?" >/dev/null || fail "Bob's message was not acknowledged"
USER=dora "$CLI" send $(at 127.0.0.5) --nick Dora --group QA --to 127.0.0.1:$PORT \
    "Build 1.2 is out" >/dev/null || fail "Dora's message was not acknowledged"
sleep 2
xdotool mousemove 300 540
sleep 0.5
import -window "$main" "$OUT/offline-buddies$suffix.png"

# Bob's tooltip: offline, and since when. The search leaves Sales and Bob at the top.
xdotool mousemove 160 104 click 1
xdotool type --delay 20 Bob
sleep 0.5
xdotool mousemove 120 200
sleep 2
import -window root -crop 640x400+0+0 +repage "$OUT/offline-tooltip$suffix.png"

# Enter chats with the first match, offline or not; the message waits for him.
xdotool mousemove 160 104 click 1
xdotool key Return
chat=$(window '^Bob — (LanPigeon|局域网信鸽)$' 10) || fail "the chat with Bob did not open"
xdotool windowmove "$chat" 330 0
sleep 0.7
eval "$(xdotool getwindowgeometry --shell "$chat" | sed 's/^/C/')"
xdotool mousemove --window "$chat" 300 $((CHEIGHT - 80)) click 1
xdotool type --delay 20 "Yes, first thing tomorrow"
xdotool key Return
sleep 1.5
import -window "$chat" "$OUT/offline-queued$suffix.png"

# Bob is back: the message reaches him, and his row is live again.
USER=bob "$CLI" listen $(at 127.0.0.4) --nick Bob --group Sales >"$work/bob.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -qs "first thing tomorrow" "$work/bob.out" && break; sleep 0.1; done
grep -q "first thing tomorrow" "$work/bob.out" || fail "the queued message did not reach Bob"
xdotool mousemove 160 104 click --repeat 3 --delay 50 1
xdotool key ctrl+a BackSpace
xdotool mousemove 300 540
sleep 1
import -window "$main" "$OUT/offline-back$suffix.png"
echo "$NAME: ok (screenshots in $OUT)"
