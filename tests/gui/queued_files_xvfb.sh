#!/usr/bin/env bash
# Files to an offline buddy in the real window under Xvfb, driven with xdotool: Bob writes and
# leaves; his chat's File button offers two files to him anyway, their cards say they are
# queued. LanPigeon is killed (-9) and started again: Bob's chat shows both cards, still
# queued, and "Cancel sending" (right-click) cancels the second. When he is back
# (lanpigeon-cli receive) the first offer reaches him, he fetches it and its card says so; the
# cancelled one never comes. Screenshots: queued-file.png (the queued card),
# queued-file-restarted.png (both cards after the restart), queued-file-fetched.png (after his
# fetch, the other one cancelled).
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
head -c 20000 /dev/urandom >"$work/files/old draft.docx"

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
start_gui() {
    LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
        "$GUI" >>"$work/gui.log" 2>&1 &
    gui=$!
    pids+=($gui)
    main=$(window '^(LanPigeon|局域网信鸽)$' 20) || fail "the main window did not show"
    xdotool windowsize "$main" 320 560
}
# Bob's chat, from the search: Enter opens it though he is offline.
open_bob() {
    xdotool mousemove 160 104 click 1
    xdotool type --delay 20 Bob
    sleep 0.5
    xdotool key Return
    chat=$(window '^Bob — (LanPigeon|局域网信鸽)$' 10) || fail "the chat with Bob did not open"
    xdotool windowmove "$chat" 330 0
    xdotool windowsize "$chat" 620 560
    sleep 0.7
    eval "$(xdotool getwindowgeometry --shell "$chat" | sed 's/^/C/')"
}
# The File button (left of the input's toolbar) opens Qt's file dialog: the path typed there.
send_file() {
    xdotool mousemove --window "$chat" 60 $((CHEIGHT - 115)) click 1
    window '^(Send files|发送文件)$' 10 >/dev/null || fail "the file dialog did not open"
    sleep 0.5
    xdotool type --delay 10 "$1"
    xdotool key Return
    for _ in $(seq 50); do xdotool search --onlyvisible --name '^(Send files|发送文件)$' >/dev/null 2>&1 || break; sleep 0.1; done
    sleep 1.5
}
start_gui
# Bob writes once, then quits (BR_EXIT): he stays in the list, grey.
USER=bob "$CLI" send $(at 127.0.0.4) --nick Bob --group Sales --to 127.0.0.1:$PORT \
    "Send me the Q3 report when you have it" >/dev/null || fail "Bob's message was not acknowledged"
sleep 2

open_bob
send_file "$work/files/Q3 report.pdf"
import -window "$chat" "$OUT/queued-file$suffix.png"
send_file "$work/files/old draft.docx"

# LanPigeon dies (kill -9) and starts again: both cards are back in Bob's chat, queued.
kill -9 "$gui"
wait "$gui" 2>/dev/null || true
start_gui
open_bob
import -window "$chat" "$OUT/queued-file-restarted$suffix.png"
# Right-click on the second card: its menu has Copy text, then Cancel sending.
xdotool mousemove --window "$chat" 435 230 click 3
sleep 0.7
xdotool key Down Down Return
sleep 1

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
[ -e "$work/bob-downloads/old draft.docx" ] && fail "the cancelled file reached Bob"
grep -q 'old draft' "$work/bob.log" && fail "the cancelled offer reached Bob"
import -window "$chat" "$OUT/queued-file-fetched$suffix.png"
echo "$NAME: ok (screenshots in $OUT)"
