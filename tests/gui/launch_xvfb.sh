#!/usr/bin/env bash
# "Open with LanPigeon" in the real window under Xvfb: LanPigeon runs; a second `lanpigeon FILE
# FOLDER missing` started in another folder exits 0, says which path is missing, and the first
# one shows "Send files" listing the file and the folder. Alice (lanpigeon-cli) is ticked from
# the keyboard, Send offers her both, and she receives them byte for byte. Screenshots
# launch-send-dialog.png (as opened) and launch-send-ticked.png go to OUTDIR.
# Usage: launch_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR   (XVFB_DISPLAY=:N uses that display)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=35941
NAME=launch_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import cmp
start_display
# The single-instance socket in a runtime folder of this test's own.
export XDG_RUNTIME_DIR=$work/run
mkdir -m 700 "$XDG_RUNTIME_DIR"

mkdir -p "$work/gui" "$work/files/相册" "$work/recv"
head -c 300000 /dev/urandom >"$work/files/x.txt"
echo "photo" >"$work/files/相册/1.jpg"
cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Me
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.2
broadcast=false
[ui]
language=en
closeToTray=false
INI
export LANPIGEON_PROFILE=$work/gui LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb
"$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(window '^LanPigeon$' 20) || fail "the main window did not show"
"$CLI" receive $(at 127.0.0.2) --nick Alice --group Sales --accept-all --count 1 --dir "$work/recv" \
    >"$work/alice.log" 2>&1 &
alice=$!
pids+=($alice)
sleep 2

# The second launch, from another folder, with relative paths.
(cd "$work/files" && "$GUI" x.txt 相册 nothing-here.txt >"$work/second.log" 2>&1) &
second=$!
rc=0
wait_for $second 15 || rc=$?
[ $rc -eq 0 ] || fail "the second lanpigeon did not exit 0 (rc $rc)"
grep -q "nothing-here.txt: no such file" "$work/second.log" || fail "the missing path was not reported"
grep -q "brought forward to send the files" "$work/second.log" || fail "the second lanpigeon did not say it handed the files over"
dialog=$(window '^Send files$' 10) || fail "no Send files dialog after the second launch"
[ "$(xdotool search --onlyvisible --name '^LanPigeon$' | wc -l)" -eq 1 ] || fail "a second main window showed"
sleep 0.5
import -window "$dialog" "$OUT/launch-send-dialog.png"

# Alice found by the search box (focused), ticked with Space, sent with Enter.
xdotool windowactivate --sync "$dialog" 2>/dev/null || true
xdotool type --delay 30 Alice
xdotool key Tab Down space
sleep 0.3
import -window "$dialog" "$OUT/launch-send-ticked.png"
xdotool key Return
wait_for $alice 30 || fail "Alice did not receive the offer: $(cat "$work/alice.log")"
cmp -s "$work/files/x.txt" "$work/recv/x.txt" || fail "x.txt arrived different"
cmp -s "$work/files/相册/1.jpg" "$work/recv/相册/1.jpg" || fail "the folder did not arrive whole"
sleep 0.5
[ -z "$(xdotool search --onlyvisible --name '^Send files$' 2>/dev/null)" ] || fail "the dialog stayed open after Send"
echo "$NAME: PASS: a second lanpigeon handed x.txt and 相册 to the running one; Alice received both; $OUT/launch-send-dialog.png"
