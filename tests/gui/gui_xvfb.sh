#!/usr/bin/env bash
# The real lanpigeon in a real X window (Xvfb) next to lanpigeon-cli peers: a message each way
# and a file each way, all driven through the window with xdotool; screenshots of the main
# window, a chat with Chinese and English, and the transfers window.
# Usage: gui_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=34258
NAME=gui_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
mkdir -p "$OUT" "$work/gui" "$work/down" "$work/recv" "$work/send"

# Our user, in Chinese: the window must render it, and the peers see it.
cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=小明 Ming
group=研发部
[network]
port=$PORT
extraHosts=127.0.0.2, 127.0.0.3
broadcast=false
[files]
downloadDir=$work/down
[ui]
language=en
closeToTray=false
INI
# Run directly, not through a shell function: a backgrounded function is a subshell, and
# killing it would leave the peer running.

LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(window '^LanPigeon$' 20) || fail "the main window did not show"
"$CLI" listen $(at 127.0.0.3) --nick Alice --group Sales >"$work/alice.out" 2>&1 &
pids+=($!)

# 1. A message from 小王 arrives in the window.
"$CLI" send $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 --to 127.0.0.1:$PORT \
    "你好，小明！Lunch at 12? 🍜" >"$work/send1.out" 2>&1 || fail "the window did not acknowledge a message: $(cat "$work/send1.out")"

# 2. Open the chat from the buddy list and answer; 小王's listener must get the answer.
"$CLI" listen $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 --count 1 >"$work/wang.out" 2>&1 &
listener=$!
pids+=($listener)
eval "$(xdotool getwindowgeometry --shell "$main")"
chat=""
for _ in $(seq 20); do
    # Groups sort by name: Sales, then 研发部 with 小王 under it (the second buddy row).
    xdotool mousemove $((X + 110)) $((Y + 258)) click --repeat 2 --delay 80 1
    # Visible only: the message that came in already made the chat, hidden, as a tab.
    chat=$(xdotool search --onlyvisible --name "小王 Wang — LanPigeon" 2>/dev/null | head -1 || true)
    [ -n "$chat" ] && break
    sleep 0.5
done
[ -n "$chat" ] || fail "double-clicking the buddy did not open the chat"
# No window manager here: windows open at 0,0 on top of each other, so set them side by side.
xdotool windowmove "$chat" $((X + WIDTH + 10)) "$Y"
sleep 0.5
# Without a window manager the keyboard follows the pointer: click into the input box.
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 20 "Sure! See you at 12."
xdotool key Return
wait_for $listener 20 || fail "the answer typed in the window did not arrive: $(cat "$work/wang.out")"
grep -q "See you at 12" "$work/wang.out" || fail "the answer arrived garbled: $(cat "$work/wang.out")"

# 3. A file from 小王: accepted in the chat with Alt+A, then checked byte for byte.
head -c 3000000 /dev/urandom >"$work/send/设计图.png"
"$CLI" send-file $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 --to 127.0.0.1:$PORT \
    --message "设计图 — the drawings" "$work/send/设计图.png" >"$work/sendfile.out" 2>&1 &
sender=$!
pids+=($sender)
sleep 1.5
xdotool mousemove --window "$chat" 300 470 click 1
xdotool key alt+a
wait_for $sender 30 || fail "the offer was not fetched after Accept: $(cat "$work/sendfile.out")"
cmp -s "$work/send/设计图.png" "$work/down/设计图.png" || fail "the received file differs"

# 4. A file to 小王 through the buddy's context menu and the file dialog.
head -c 2000000 /dev/urandom >"$work/send/report.pdf"
"$CLI" receive $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 --accept-all --count 1 --dir "$work/recv" \
    >"$work/recv.out" 2>&1 &
receiver=$!
pids+=($receiver)
sleep 1
xdotool windowraise "$main"
xdotool mousemove $((X + 110)) $((Y + 258)) click 3
sleep 0.5
xdotool key Down Down Return
dialog=$(window "^Send files$" 10) || fail "no file dialog"
sleep 0.5
eval "$(xdotool getwindowgeometry --shell "$dialog" | sed 's/^/D/')"
xdotool mousemove $((DX + DWIDTH / 2)) $((DY + 20))
xdotool type --delay 10 "$work/send/report.pdf"
xdotool key Return
wait_for $receiver 30 || fail "the offered file was not received: $(cat "$work/recv.out")"
cmp -s "$work/send/report.pdf" "$work/recv/report.pdf" || fail "the sent file differs"

# 5. Screenshots: main window, the chat, and the transfers window opened from the toolbar.
"$CLI" listen $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 >"$work/wang2.out" 2>&1 &
pids+=($!)
sleep 1.5
import -window "$main" "$OUT/main-window.png"
import -window "$chat" "$OUT/chat.png"
xdotool windowraise "$main"
xdotool mousemove $((X + 120)) $((Y + HEIGHT - 37)) click 1
transfers=$(window "^Transfers — LanPigeon$" 10) || fail "the transfers window did not open"
xdotool windowmove "$transfers" $((X + WIDTH + 10)) "$Y"
sleep 0.7
import -window "$transfers" "$OUT/transfers.png"
echo "gui_xvfb: ok (message and file each way through the window; screenshots in $OUT)"
