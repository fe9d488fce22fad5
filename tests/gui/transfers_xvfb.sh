#!/usr/bin/env bash
# The TFTP panel and the transfers window in the real lanpigeon under Xvfb, driven with xdotool
# against lanpigeon-cli's TFTP client: uploads refused, "Allow uploads" ticked while serving and
# the next upload taken; a server restarted between two gets; a selected row mid-transfer; "Open
# file" on a desktop with nothing to open files with. Screenshots of the panel and the window.
# Usage: transfers_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=34271
TFTP_PORT=34272
NAME=transfers_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
mkdir -p "$work/gui" "$work/served" "$work/got" "$work/nopath"

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
head -c 3000000 /dev/urandom >"$work/served/firmware.bin"
echo "hello world" >"$work/served/small.txt"
head -c 70000 /dev/urandom >"$work/upload.bin"
# Big enough that a lock-step get at blksize 512 is still running when frozen.
head -c 30000000 /dev/zero >"$work/served/disk.img"
tftp() { "$CLI" tftp "$@" --bind 127.0.0.1; }

# An empty PATH and no desktop session: nothing can open a file, as on a bare window manager.
env -u XDG_CURRENT_DESKTOP -u DESKTOP_SESSION -u KDE_FULL_SESSION -u GNOME_DESKTOP_SESSION_ID \
    PATH="$work/nopath" LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
    "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(timeout 20 xdotool search --sync --name '^LanPigeon$' | head -1) || fail "the main window did not show"
eval "$(xdotool getwindowgeometry --shell "$main")"
sleep 0.5

# 1. The TFTP panel from the toolbar; port typed in, server started.
xdotool mousemove $((X + 223)) $((Y + HEIGHT - 37)) click 1
panel=$(timeout 10 xdotool search --sync --name "^TFTP — LanPigeon$" | head -1) || fail "the TFTP panel did not open"
# No window manager: windows open at 0,0 on top of each other, so set them side by side.
xdotool windowmove "$panel" $((X + WIDTH + 10)) "$Y"
sleep 0.5
xdotool mousemove --window "$panel" 250 79 click 1
xdotool key ctrl+a
xdotool type "$TFTP_PORT"
xdotool mousemove --window "$panel" 416 133 click 1
for _ in $(seq 50); do tftp get 127.0.0.1:$TFTP_PORT small.txt "$work/got/small.txt" 2>/dev/null && break; sleep 0.2; done
cmp -s "$work/served/small.txt" "$work/got/small.txt" || fail "the server did not start from the panel"

# 2. Read-only: the upload is refused.
if tftp put 127.0.0.1:$TFTP_PORT "$work/upload.bin" up1.bin 2>"$work/put1.err"; then
    fail "an upload was taken with uploads off"
fi
grep -q "Uploads are disabled" "$work/put1.err" || fail "wrong refusal: $(cat "$work/put1.err")"
import -window "$panel" "$OUT/tftp-panel.png"

# 3. "Allow uploads" ticked while serving: the next upload is taken, with no restart.
xdotool mousemove --window "$panel" 78 106 click 1
sleep 0.3
tftp put 127.0.0.1:$TFTP_PORT "$work/upload.bin" up2.bin 2>"$work/put2.err" ||
    fail "ticking Allow uploads did not apply to the running server: $(cat "$work/put2.err")"
cmp -s "$work/upload.bin" "$work/served/up2.bin" || fail "the uploaded file differs"
import -window "$panel" "$OUT/tftp-panel-uploads.png"

# 4. Stop and start again, then a get: its row is new, the earlier ones stay.
xdotool mousemove --window "$panel" 416 133 click 1
sleep 0.5
xdotool mousemove --window "$panel" 416 133 click 1
for _ in $(seq 50); do tftp get 127.0.0.1:$TFTP_PORT firmware.bin "$work/got/firmware.bin" 2>/dev/null && break; sleep 0.2; done
cmp -s "$work/served/firmware.bin" "$work/got/firmware.bin" || fail "no get after the restart"

# 5. A get frozen halfway, so its row stays active; the transfers window with that row selected.
"$CLI" tftp get 127.0.0.1:$TFTP_PORT disk.img "$work/got/disk.img" --bind 127.0.0.1 --blksize 512 2>/dev/null &
frozen=$!
pids+=($frozen)
sleep 0.3
kill -STOP $frozen || fail "the get meant to freeze halfway had already finished"
xdotool mousemove $((X + 120)) $((Y + HEIGHT - 37)) click 1
transfers=$(timeout 10 xdotool search --sync --name "^Transfers — LanPigeon$" | head -1) || fail "the transfers window did not open"
xdotool windowmove "$transfers" $((X + WIDTH + 10)) $((Y + 360))
sleep 0.5
# Rows are 3 lines plus padding, about 60 px: small.txt, up2.bin, firmware.bin, then the frozen one.
xdotool mousemove --window "$transfers" 200 200 click 1
sleep 0.5
import -window "$transfers" "$OUT/transfers-selected.png"

# 6. "Open file" on a finished row, with nothing to open it: a dialog says so, with the path.
xdotool mousemove --window "$transfers" 200 20 click 1
sleep 0.3
eval "$(xdotool getwindowgeometry --shell "$transfers" | sed 's/^/T/')"
# Open file is the second button from the right.
xdotool mousemove --window "$transfers" $((TWIDTH - 150)) $((THEIGHT - 20)) click 1
dialog=$(timeout 10 xdotool search --sync --name "^Cannot open$" | head -1) || fail "Open file with no handler failed silently"
xdotool windowmove "$dialog" $((X + WIDTH + 10)) "$Y"
sleep 0.5
import -window "$dialog" "$OUT/transfers-cannot-open.png"
echo "transfers_xvfb: ok (uploads switched on live, rows kept over a restart; screenshots in $OUT)"
