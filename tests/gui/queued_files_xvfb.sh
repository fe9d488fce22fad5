#!/usr/bin/env bash
# Files to an offline buddy in the real window under Xvfb, driven with xdotool: Bob writes and
# leaves; his chat's File button offers a file to him anyway, its card says it is queued, and
# when he is back (lanpigeon-cli receive) the offer reaches him, he fetches it and the card says
# so. Screenshots: queued-file.png (the queued card), queued-file-fetched.png (after his fetch).
# Usage: queued_files_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR [LANGUAGE]
#        (en or zh_CN; pictures in Chinese get -zh). PORT (35800) and XVFB_DISPLAY (a free one
#        is picked) may be set.
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
LANGUAGE=${4:-en}
suffix=""
[ "$LANGUAGE" = en ] || suffix="-${LANGUAGE%%_*}"
PORT=${PORT:-35800}
NAME=queued_files_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
mkdir -p "$work/gui" "$work/files" "$work/bob-downloads"
head -c 3000000 /dev/urandom >"$work/files/Q3 report.pdf"

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.4
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
# Bob writes once, then quits (BR_EXIT): he stays in the list, grey.
USER=bob "$CLI" send $(at 127.0.0.4) --nick Bob --group Sales --to 127.0.0.1:$PORT \
    "Send me the Q3 report when you have it" >/dev/null || fail "Bob's message was not acknowledged"
sleep 2

# His chat, from the search: Enter opens it though he is offline.
xdotool mousemove 160 104 click 1
xdotool type --delay 20 Bob
sleep 0.5
xdotool key Return
chat=$(window '^Bob — (LanPigeon|局域网信鸽)$' 10) || fail "the chat with Bob did not open"
xdotool windowmove "$chat" 330 0
xdotool windowsize "$chat" 620 560
sleep 0.7

# The File button (left of the input's toolbar) opens Qt's file dialog: the path typed there.
eval "$(xdotool getwindowgeometry --shell "$chat" | sed 's/^/C/')"
xdotool mousemove --window "$chat" 60 $((CHEIGHT - 115)) click 1
dialog=$(window '^(Send files|发送文件)$' 10) || fail "the file dialog did not open"
sleep 0.5
xdotool type --delay 10 "$work/files/Q3 report.pdf"
xdotool key Return
for _ in $(seq 50); do xdotool search --onlyvisible --name '^(Send files|发送文件)$' >/dev/null 2>&1 || break; sleep 0.1; done
sleep 1.5
import -window "$chat" "$OUT/queued-file$suffix.png"

# Bob is back and takes everything offered: the queued offer goes, and he fetches it.
USER=bob "$CLI" receive $(at 127.0.0.4) --nick Bob --group Sales --accept-all \
    --dir "$work/bob-downloads" >"$work/bob.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do
    [ -f "$work/bob-downloads/Q3 report.pdf" ] && break
    sleep 0.1
done
[ -f "$work/bob-downloads/Q3 report.pdf" ] || fail "the queued file did not reach Bob"
cmp -s "$work/files/Q3 report.pdf" "$work/bob-downloads/Q3 report.pdf" || fail "Bob's copy differs"
sleep 1.5
import -window "$chat" "$OUT/queued-file-fetched$suffix.png"
echo "$NAME: ok (screenshots in $OUT)"
