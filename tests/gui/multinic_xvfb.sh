#!/usr/bin/env bash
# A person on two networks at once, in the real window under Xvfb: 王多卡 answers from
# 127.0.0.2 and 127.0.0.3 (one login and computer, one key: the second profile holds a copy of
# the first's key), Bob from 127.0.0.4. The buddy list shows 王多卡 once; the tooltip and Peer
# info list both addresses. Then the copy at .3 stops and a new key of the same login starts
# there: a second 王多卡 row with the changed-key mark beside the first, and the window lives.
# Screenshots go to OUTDIR.
# Usage: multinic_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR   (XVFB_DISPLAY=:N uses that display)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=36150
NAME=multinic_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
mkdir -p "$work/gui"
start_display

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Me
group=Sales
[network]
port=$PORT
extraHosts=127.0.0.2, 127.0.0.3, 127.0.0.4
broadcast=false
[ui]
language=${LP_LANGUAGE:-en}
closeToTray=false
INI
"$CLI" key --profile "$work/wang" >/dev/null 2>&1
mkdir -p "$work/wang2"
cp "$work/wang/identity.pem" "$work/wang2/identity.pem"
# Discovery's joins and the keys learnt, to tell below whom the newcomer at .3 was taken for.
LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
    QT_LOGGING_RULES="lanpigeon.discovery.info=true;lanpigeon.crypto.debug=true" "$GUI" \
    >"$work/gui.log" 2>&1 &
gui=$!
pids+=($gui)
main=$(window '^LanPigeon$' 20) || fail "the main window did not show"
xdotool windowmove "$main" 0 0
sleep 0.3
eval "$(xdotool getwindowgeometry --shell "$main")"
MX=$X MY=$Y MW=$WIDTH

peer() { # address profile nick
    "$CLI" listen --bind "$1" --port "$PORT" --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/$2" --nick "$3" --group Sales --announce-interval-ms 1000 \
        >"$work/$2.log" 2>&1 &
    pids+=($!)
}
peer 127.0.0.4 bob Bob
peer 127.0.0.2 wang 王多卡
sleep 2
peer 127.0.0.3 wang2 王多卡
copy=$!
sleep 3
import -window "$main" "$OUT/multinic-buddies.png"

# The second row under the Sales group (Bob is first by name): 王多卡.
row_y=${ROW_Y:-228}
xdotool mousemove $((MX + 120)) $((MY + row_y)) click 3
sleep 0.5
xdotool key Up Up Return
info=$(window '^Peer info$' 5) || fail "no Peer info dialog"
sleep 0.3
import -window "$info" "$OUT/multinic-peerinfo.png"
xdotool key Escape

# The key the copy showed at .3 was handed to the newcomer there, joining them to 王多卡 from
# inside discovery's signal: the window died of heap corruption within a second.
kill "$copy"
sleep 2
"$CLI" key --profile "$work/wang3" >/dev/null 2>&1
peer 127.0.0.3 wang3 王多卡
# Its key, other than 王多卡's, learnt there: judged changed, or pinned beside his when his own
# came again from .2 just before (one login on two machines, as clones are). Either way someone
# else, never joined to him as his second card was.
wangs=$( (grep -o "from 127.0.0.2:$PORT: [0-9A-F ]*" "$work/gui.log" || true) | head -1 | cut -d: -f3)
newkey=""
for _ in $(seq 50); do
    newkey=$( (grep -o "from 127.0.0.3:$PORT: [0-9A-F ]*" "$work/gui.log" || true) | cut -d: -f3 |
        (grep -vxF -- "$wangs" || true) | head -1)
    [ -n "$newkey" ] && break
    sleep 0.1
done
sleep 2
kill -0 "$gui" 2>/dev/null || fail "the window died when a new key came to the second card's address"
[ -n "$newkey" ] || fail "the new key at 127.0.0.3 was not learnt"
joins=$(grep -c "at 127.0.0.3:$PORT is the peer at" "$work/gui.log" || true)
[ "$joins" -eq 1 ] || fail "the newcomer at 127.0.0.3 was joined to 王多卡 ($joins joins of .3)"
import -window "$main" "$OUT/multinic-newkey.png"
echo "$NAME: ok"
