#!/usr/bin/env bash
# What a new user hit in the real lanpigeon under Xvfb, driven with xdotool: the empty
# transfers window explains itself; TFTP Get over a file that exists asks first (Escape keeps
# the file, Replace fetches over it); Settings refuses bad hosts by name and keeps the dialog
# open, and says that LANPIGEON_BIND overrides the bind address for this run.
# Usage: xfer_settings_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR (English: clicks go by position)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=34351
TFTP_PORT=34352
NAME=xfer_settings_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
mkdir -p "$work/gui" "$work/served" "$work/mine"

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
broadcast=false
[files]
downloadDir=$work/served
[ui]
language=en
closeToTray=false
INI
echo "the server's version" >"$work/served/small.txt"
echo "my own edits, nowhere else" >"$work/mine/small.txt"
cp "$work/mine/small.txt" "$work/mine.orig"

LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
    "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(timeout 20 xdotool search --sync --name '^LanPigeon$' | head -1) || fail "the main window did not show"
eval "$(xdotool getwindowgeometry --shell "$main")"
sleep 0.5
# The newest visible window that is none of the given ones; titles are translated.
new_window() {
    for _ in $(seq 50); do
        local id
        id=$(xdotool search --onlyvisible --name "." 2>/dev/null | grep -vx -e "$main" "${@/#/-e}" | tail -1 || true)
        [ -n "$id" ] && { echo "$id"; return 0; }
        sleep 0.1
    done
    return 1
}

# 1. The transfers window of a fresh start: a placeholder, not a blank box.
xdotool mousemove $((X + 120)) $((Y + HEIGHT - 37)) click 1
transfers=$(new_window) || fail "the transfers window did not open"
sleep 0.5
import -window "$transfers" "$OUT/transfers-empty.png"
xdotool windowmove "$transfers" 700 420

# 2. TFTP: serve a folder, then Get one of its files onto a file of ours that exists.
xdotool mousemove $((X + 223)) $((Y + HEIGHT - 37)) click 1
panel=$(new_window "$transfers") || fail "the TFTP panel did not open"
xdotool windowmove "$panel" $((X + WIDTH + 10)) 0
sleep 0.5
xdotool mousemove --window "$panel" 250 79 click 1
xdotool key ctrl+a
xdotool type "$TFTP_PORT"
xdotool mousemove --window "$panel" 416 133 click 1
for _ in $(seq 50); do
    "$CLI" tftp get 127.0.0.1:$TFTP_PORT small.txt "$work/probe.txt" --bind 127.0.0.1 2>/dev/null && break
    sleep 0.2
done
[ -f "$work/probe.txt" ] || fail "the TFTP server did not start from the panel"
xdotool mousemove --window "$panel" 280 202 click 1
xdotool type "127.0.0.1:$TFTP_PORT"
xdotool mousemove --window "$panel" 280 230 click 1
xdotool type "small.txt"
xdotool mousemove --window "$panel" 240 258 click 1
xdotool type "$work/mine/small.txt"
get() { xdotool mousemove --window "$panel" 330 343 click 1; sleep 0.8; }
get
import -window root "$OUT/tftp-replace.png"
# Escape, like Cancel, keeps the user's file.
xdotool key Escape
sleep 1
cmp -s "$work/mine.orig" "$work/mine/small.txt" || fail "Get replaced a local file without asking"
# Replace: the button left of Cancel, bottom right of the question.
get
question=$(new_window "$transfers" "$panel") || fail "Get over an existing file did not ask"
eval "$(xdotool getwindowgeometry --shell "$question" | sed 's/^/Q/')"
xdotool mousemove --window "$question" $((QWIDTH - 130)) $((QHEIGHT - 24)) click 1
for _ in $(seq 50); do cmp -s "$work/served/small.txt" "$work/mine/small.txt" && break; sleep 0.1; done
cmp -s "$work/served/small.txt" "$work/mine/small.txt" || fail "Replace did not fetch the file"

# 3. Settings: two bad hosts among good ones are refused by name, and the dialog stays open.
xdotool mousemove $((X + 267)) $((Y + HEIGHT - 37)) click 1
sleep 1
settings=$(new_window "$transfers" "$panel") || fail "Settings did not open"
# The hosts field, fifth row of "Applies at once" on the General tab.
xdotool mousemove --window "$settings" 397 188 click 1
xdotool type "10.1.2.255, abc, 999.1.1.1"
xdotool key Return
sleep 0.5
xdotool search --onlyvisible --name "." 2>/dev/null | grep -q "^$settings$" ||
    fail "Settings closed with bad hosts in it"
import -window "$settings" "$OUT/settings-bad-hosts.png"
grep -q extraHosts "$work/gui/lanpigeon.ini" && fail "bad hosts were saved"
# Mended: saved, and the dialog closes.
xdotool key ctrl+a
xdotool type "10.1.2.255"
xdotool key Return
sleep 0.5
xdotool search --onlyvisible --name "." 2>/dev/null | grep -q "^$settings$" &&
    fail "Settings stayed open with good hosts"
grep -q "extraHosts=10.1.2.255" "$work/gui/lanpigeon.ini" || fail "the mended hosts were not saved"
grep -q "^bind=127.0.0.1" "$work/gui/lanpigeon.ini" && fail "LANPIGEON_BIND was saved into the profile"
echo "$NAME: ok (screenshots in $OUT)"
