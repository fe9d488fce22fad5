#!/usr/bin/env bash
# The band that says why nobody answers, and the Settings' Network page, in the real window under
# Xvfb: lanpigeon alone on 127.0.0.84 (nobody around), the band after 10 s, its button clicked
# with xdotool, the Network page shown; then a lanpigeon-cli peer on 127.0.0.85 comes, and the
# page shows the packets each way on loopback. Screenshots go to OUTDIR.
# Usage: network_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$(readlink -f "$3")
PORT=${PORT:-36001}
NAME=network_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import xwininfo

start_display

mkdir -p "$work/profile"
cat >"$work/profile/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
broadcast=false
[ui]
language=${LANGUAGE_UI:-en}
closeToTray=false
INI
LANPIGEON_PROFILE="$work/profile" LANPIGEON_BIND=127.0.0.84 QT_QPA_PLATFORM=xcb "$GUI" \
    >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(window "^(LanPigeon|局域网信鸽)" 15) || fail "no main window"
# Nobody answers: the band comes after 10 s.
sleep 11.5
suffix=${LANGUAGE_UI:+-$LANGUAGE_UI}
import -window "$main" "$OUT/network-band$suffix.png"
# The band's button: at its right edge, under four lines of its sentence at Xvfb's default font
# (measured on network-band.png; BUTTON_X and BUTTON_Y move it).
eval "$(xwininfo -id "$main" | awk '/Width:/ {print "w=" $2} /Height:/ {print "h=" $2}')"
xdotool mousemove --window "$main" "${BUTTON_X:-$((w - 77))}" "${BUTTON_Y:-216}" click 1
settings=$(window "^(Settings|设置) " 5) || fail "the band's button opened no Settings"
sleep 1.5
import -window "$settings" "$OUT/network-page$suffix.png"
"$CLI" watch --bind 127.0.0.85 --port "$PORT" --no-broadcast --extra-host 127.0.0.84 \
    --nick Bob --profile "$work/bob" >"$work/bob.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q '127.0.0.84' "$work/bob.log" && break; sleep 0.1; done
grep -q '127.0.0.84' "$work/bob.log" || fail "the peer never saw us"
# The page reads again every second.
sleep 2
import -window "$settings" "$OUT/network-page-traffic$suffix.png"
xdotool windowfocus --sync "$settings" 2>/dev/null || true
xdotool key Escape
sleep 0.5
import -window "$main" "$OUT/network-band-gone$suffix.png"
echo "$NAME: screenshots in $OUT"
