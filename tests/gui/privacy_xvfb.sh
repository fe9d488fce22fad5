#!/usr/bin/env bash
# "Only send to peers who can encrypt" in the real window under Xvfb, driven with xdotool: the
# chat with a peer that cannot encrypt (lanpigeon-cli --no-encryption) says so above the input
# before anything is typed, Send is greyed with its reason, Enter sends nothing and keeps the
# draft; the note's button opens Settings on the setting, and unticked, the draft goes. The
# security dialog of a peer with no key greys its Copy, and an encrypting peer's dialog grows
# after Mark as verified instead of clipping the fingerprints. Screenshots of each.
# Usage: privacy_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR (English: clicks go by position)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=34391
NAME=privacy_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
mkdir -p "$work/gui" "$work/down"

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Ming
group=Dev
[network]
port=$PORT
extraHosts=127.0.0.2, 127.0.0.3
broadcast=false
[files]
downloadDir=$work/down
[privacy]
requireEncryption=true
[ui]
language=en
closeToTray=false
INI
LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
    "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(timeout 20 xdotool search --sync --name '^LanPigeon$' | head -1) || fail "the main window did not show"
"$CLI" listen $(at 127.0.0.2) --nick Bob --group Dev --no-encryption >"$work/bob.out" 2>&1 &
pids+=($!)
"$CLI" listen $(at 127.0.0.3) --nick Carol --group Dev >"$work/carol.out" 2>&1 &
pids+=($!)

# The chat with $1, through the search box (Enter chats with the first match), set beside the
# main window: there is no window manager, so windows open at 0,0.
open_chat() {
    local chat=""
    for _ in $(seq 30); do
        xdotool mousemove 160 104 click 1
        xdotool key ctrl+a
        xdotool type "$1"
        xdotool key Return
        chat=$(xdotool search --onlyvisible --name "^$1 — LanPigeon$" 2>/dev/null | head -1 || true)
        [ -n "$chat" ] && break
        sleep 0.5
    done
    [ -n "$chat" ] || return 1
    xdotool windowmove "$chat" 330 0
    sleep 0.7
    echo "$chat"
}
# The security dialog for $1 from the lock in the chat's header, moved to 0,0.
open_security() {
    xdotool mousemove 346 44 click 1
    local dialog
    dialog=$(timeout 10 xdotool search --sync --onlyvisible --name "^Security — $1$" | head -1) || return 1
    xdotool windowmove "$dialog" 0 0
    sleep 0.5
    echo "$dialog"
}
# The dialog's height now.
height_of() { xdotool getwindowgeometry --shell "$1" | sed -n 's/^HEIGHT=//p'; }

# 1. Bob cannot encrypt: the note is there before anything is typed; Enter sends nothing.
chat=$(open_chat Bob) || fail "the chat with Bob did not open"
eval "$(xdotool getwindowgeometry --shell "$chat" | sed 's/^/C/')"
xdotool mousemove --window "$chat" 300 $((CHEIGHT - 80)) click 1
xdotool type --delay 20 "hello bob"
xdotool key Return
sleep 1.5
# The Send button's tooltip says why it is greyed.
xdotool mousemove $((CX + CWIDTH - 40)) $((CY + CHEIGHT - 12))
sleep 2
import -window root "$OUT/privacy-refused.png"
grep -q "hello bob" "$work/bob.out" && fail "Enter sent clear text that the setting refuses"

# 2. The note's button opens Settings with the keyboard on the setting: Space unticks it,
# Enter saves, and the draft that was kept goes.
xdotool mousemove --window "$chat" $((CWIDTH - 70)) $((CHEIGHT - 149)) click 1
settings=$(timeout 10 xdotool search --sync --onlyvisible --name "^Settings" | head -1) ||
    fail "the note's button did not open Settings"
sleep 0.5
xdotool key space
xdotool key Return
sleep 1
grep -q "^requireEncryption=false" "$work/gui/lanpigeon.ini" ||
    fail "Space in the Settings opened from the note did not untick the setting"
xdotool mousemove --window "$chat" 300 $((CHEIGHT - 80)) click 1
xdotool key Return
for _ in $(seq 50); do grep -q "hello bob" "$work/bob.out" && break; sleep 0.1; done
grep -q "hello bob" "$work/bob.out" || fail "the kept draft did not go once the setting was off"
import -window root "$OUT/privacy-sent.png"

# 3. Bob's security dialog: no key, so nothing to copy.
dialog=$(open_security Bob) || fail "the lock did not open Bob's security dialog"
import -window root "$OUT/security-no-key.png"
xdotool key Escape
sleep 0.5

# 4. Carol encrypts: Mark as verified (left of Close) makes the state longer, and the dialog
# grows with it rather than clipping the fingerprints.
chat=$(open_chat Carol) || fail "the chat with Carol did not open"
dialog=$(open_security Carol) || fail "the lock did not open Carol's security dialog"
before=$(height_of "$dialog")
eval "$(xdotool getwindowgeometry --shell "$dialog" | sed 's/^/S/')"
xdotool mousemove --window "$dialog" $((SWIDTH - 180)) $((SHEIGHT - 22)) click 1
sleep 1
after=$(height_of "$dialog")
import -window root "$OUT/security-verified.png"
[ "$after" -gt "$before" ] ||
    fail "the security dialog stayed $before px high after Mark as verified (now $after)"
echo "$NAME: ok (dialog $before -> $after px; screenshots in $OUT)"
