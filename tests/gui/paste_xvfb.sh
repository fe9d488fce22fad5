#!/usr/bin/env bash
# A picture pasted into the real lanpigeon under Xvfb: a PNG put on the X clipboard with xclip,
# Ctrl+V in the chat's input, the thumbnail's pixels on the screen checked, then Enter; the
# lanpigeon-cli peer must get the message with the picture, the same pixels. Then a JPEG picked
# with the Picture button, which must arrive byte for byte. Last, the same PNG pasted to a second
# lanpigeon (Li, 127.0.0.3) must show whole, inline, in Li's own chat window.
# Usage: paste_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=35202
NAME=paste_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import xclip convert compare python3 sha256sum
start_display
mkdir -p "$work/gui"

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.2
broadcast=false
[ui]
language=en
closeToTray=false
INI
LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
"$CLI" listen $(at 127.0.0.2) --nick Wang --group Dev --json >"$work/wang.out" 2>&1 &
pids+=($!)
main=$(timeout 20 xdotool search --sync --name '^LanPigeon$' | head -1) || fail "the main window did not show"
eval "$(xdotool getwindowgeometry --shell "$main")"
chat=""
for _ in $(seq 30); do
    xdotool mousemove $((X + 110)) $((Y + 200)) click --repeat 2 --delay 80 1
    chat=$(xdotool search --onlyvisible --name "Wang — LanPigeon" 2>/dev/null | head -1 || true)
    [ -n "$chat" ] && break
    sleep 0.5
done
[ -n "$chat" ] || fail "double-clicking the buddy did not open the chat"
xdotool windowmove "$chat" $((X + WIDTH + 10)) "$Y"
sleep 0.7

# Magenta, which nothing else in the window is, with a white frame inside to tell the edges.
convert -size 150x60 xc:'#ff00ff' -fill white -draw 'rectangle 10,10 139,49' \
    -fill '#ff00ff' -draw 'rectangle 20,20 129,39' "$work/pic.png"
magenta() { convert "$1" -alpha off -fill black +opaque '#ff00ff' -fill white -opaque '#ff00ff' \
    -format '%[fx:int(mean*w*h+0.5)]' info:; }
expected=$(magenta "$work/pic.png")
xclip -selection clipboard -t image/png -i "$work/pic.png"
eval "$(xdotool getwindowgeometry --shell "$chat" | sed 's/^/C/')"
# Without a window manager the keyboard follows the pointer.
xdotool mousemove $((CX + CWIDTH / 2)) $((CY + CHEIGHT - 60)) click 1
xdotool type --delay 20 "Look "
xdotool key ctrl+v
xdotool type --delay 20 " here"
sleep 1
import -window "$chat" "$work/pasted.png"
cp "$work/pasted.png" "$OUT/paste-input.png"
# A picture smaller than the thumbnail box shows at its own size: every magenta pixel, in the
# input (the strip above the Send row).
input_strip() { convert "$1" -crop "${CWIDTH}x75+0+$((CHEIGHT - 100))" +repage "$2"; }
input_strip "$work/pasted.png" "$work/pasted-input.png"
shown=$(magenta "$work/pasted-input.png")
[ "$shown" -eq "$expected" ] || fail "the input shows $shown magenta pixels, the picture has $expected"

# Sent: the peer prints the message once it fetched the picture; the words around it, the
# picture at its place between them (after "Look "), its SHA-256, the same pixels.
xdotool key Return
for _ in $(seq 100); do grep -q '"images"' "$work/wang.out" && break; sleep 0.1; done
grep -q '"images"' "$work/wang.out" || fail "the peer did not get the picture: $(cat "$work/wang.out")"
IFS=$'\t' read -r text position got sha < <(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if "images" in m:
        i = m["images"][0]
        print(json.dumps(m["text"]), i["position"], i.get("path", "-"), i.get("sha256", "-"), sep="\t")
' "$work/wang.out")
[ "$text" = '"Look  here"' ] || fail "the peer got the words $text"
[ "$position" = 5 ] || fail "the picture came at $position, not 5"
[ "$(sha256sum <"$got" | cut -d' ' -f1)" = "$sha" ] || fail "the stored picture is not the one its hash names"
differ=$(compare -metric AE "$got" "$work/pic.png" null: 2>&1 || true)
[ "$differ" = "0" ] || fail "the picture received differs from the one pasted in $differ pixels"
# The input is empty again (the bubble above may show the picture).
sleep 0.5
import -window "$chat" "$work/sent.png"
input_strip "$work/sent.png" "$work/sent-input.png"
[ "$(magenta "$work/sent-input.png")" -eq 0 ] || fail "the picture stayed in the input after sending"

# The Picture button: a JPEG picked in the file dialog goes as its own bytes.
convert -size 300x200 plasma:fractal -quality 85 "$work/photo.jpg"
xdotool mousemove --window "$chat" 207 445 click 1
dialog=$(timeout 10 xdotool search --sync --name "^Put pictures in the message$" | head -1) ||
    fail "the Picture button opened no file dialog"
sleep 0.5
eval "$(xdotool getwindowgeometry --shell "$dialog" | sed 's/^/D/')"
xdotool mousemove $((DX + DWIDTH / 2)) $((DY + 20))
xdotool type --delay 10 "$work/photo.jpg"
xdotool key Return
sleep 0.5
xdotool mousemove $((CX + CWIDTH / 2)) $((CY + CHEIGHT - 60)) click 1
xdotool key Return
photo=""
for _ in $(seq 100); do
    photo=$(python3 -c '
import json, sys
paths = [i.get("path", "") for line in open(sys.argv[1]) for i in json.loads(line).get("images", [])]
print(paths[1] if len(paths) > 1 else "")
' "$work/wang.out")
    [ -n "$photo" ] && break
    sleep 0.1
done
[ -n "$photo" ] || fail "the picture picked with the Picture button did not arrive: $(cat "$work/wang.out")"
cmp -s "$photo" "$work/photo.jpg" || fail "the JPEG arrived with other bytes than its file's"

# The other window: Li, a second lanpigeon, gets the picture pasted again and shows it inline.
mkdir -p "$work/li"
cat >"$work/li/lanpigeon.ini" <<INI
[identity]
nick=Li
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.1
broadcast=false
[ui]
language=en
closeToTray=false
INI
LANPIGEON_PROFILE="$work/li" LANPIGEON_BIND=127.0.0.3 QT_QPA_PLATFORM=xcb "$GUI" >"$work/li.log" 2>&1 &
li=$!
pids+=($li)
limain=""
for _ in $(seq 100); do
    limain=$(xdotool search --all --onlyvisible --pid "$li" --name '^LanPigeon$' 2>/dev/null | head -1 || true)
    [ -n "$limain" ] && break
    sleep 0.1
done
[ -n "$limain" ] || fail "Li's main window did not show"
# Right of Ming's chat, so Ming's windows stay uncovered.
sleep 0.5
xdotool windowmove --sync "$limain" 960 0
sleep 1
# Ming opens Li's chat from the search field (Li announced itself to Ming) and pastes.
xdotool mousemove $((X + WIDTH / 2)) $((Y + 100)) click 1
xdotool type --delay 20 Li
xdotool key Return
sleep 0.7
window "^Li — LanPigeon$" 5 >/dev/null || fail "Ming's chat with Li did not open"
xclip -selection clipboard -t image/png -i "$work/pic.png"
xdotool mousemove $((CX + CWIDTH / 2)) $((CY + CHEIGHT - 60)) click 1
xdotool key ctrl+v
sleep 0.7
xdotool key Return
sleep 1.5
# Li opens Ming's chat the same way and sees the picture in the bubble, every pixel of it.
eval "$(xdotool getwindowgeometry --shell "$limain" | sed 's/^/L/')"
xdotool mousemove $((LX + LWIDTH / 2)) $((LY + 100)) click 1
xdotool type --delay 20 Ming
xdotool key Return
lichat=""
for _ in $(seq 50); do
    lichat=$(xdotool search --all --onlyvisible --pid "$li" --name "^Ming — LanPigeon$" 2>/dev/null | head -1 || true)
    [ -n "$lichat" ] && break
    sleep 0.1
done
[ -n "$lichat" ] || fail "Li's chat with Ming did not open"
xdotool windowmove --sync "$lichat" "$CX" "$CY"
xdotool mousemove 5 5
got=0
for _ in $(seq 30); do
    sleep 0.3
    import -window "$lichat" "$work/li-chat.png"
    got=$(magenta "$work/li-chat.png")
    [ "$got" -eq "$expected" ] && break
done
cp "$work/li-chat.png" "$OUT/paste-received.png"
[ "$got" -eq "$expected" ] || fail "Li's chat shows $got magenta pixels, the picture has $expected ($OUT/paste-received.png)"
echo "paste_xvfb: ok (pasted picture shown whole in the input, received with the same pixels; a JPEG from the Picture button received byte for byte; shown whole inline in another lanpigeon's chat)"
