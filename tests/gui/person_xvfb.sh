#!/usr/bin/env bash
# A person who comes back on another address, in the real window under Xvfb next to
# lanpigeon-cli: Alice (127.0.0.2) chats, leaves, and what is written to her waits; she comes
# back at 127.0.0.5 with the same login, computer and key. The open tab follows her, its queued
# bubble turns delivered in place, and Recent chats keeps one Alice. Screenshots go to OUTDIR.
# Usage: person_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR   (XVFB_DISPLAY=:N uses that display)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=35600
NAME=person_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
start_display
start_gui "127.0.0.2, 127.0.0.5"

# Alice's profile (her key) goes with her from one address to the other.
alice() {
    "$CLI" listen --bind "$1" --port "$PORT" --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/alice" --nick Alice --group Sales >"$work/alice-$1.log" 2>&1 &
    alice_pid=$!
    pids+=($alice_pid)
}
alice 127.0.0.2
sleep 2
xdotool key --window "$main" ctrl+f
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool type --delay 30 Alice
xdotool key Return
chat=$(window '^Alice — LanPigeon$' 5) || fail "no chat with Alice"
xdotool windowmove "$chat" $((MX + MW + 10)) "$MY"
sleep 0.3
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 30 "hello Alice"
xdotool key Return
for _ in $(seq 50); do grep -q "hello Alice" "$work/alice-127.0.0.2.log" && break; sleep 0.1; done
grep -q "hello Alice" "$work/alice-127.0.0.2.log" || fail "Alice did not get the first message"

# She leaves (BR_EXIT); what is written now is queued.
kill "$alice_pid"
wait "$alice_pid" 2>/dev/null || true
sleep 1
xdotool type --delay 30 "see you at the new desk"
xdotool key Return
sleep 1
import -window "$chat" "$OUT/person-queued.png"

# Back on another address: the queued message reaches her there.
alice 127.0.0.5
for _ in $(seq 100); do grep -q "new desk" "$work/alice-127.0.0.5.log" && break; sleep 0.1; done
grep -q "new desk" "$work/alice-127.0.0.5.log" || fail "Alice did not get the queued message"
sleep 1
[ -n "$(xdotool search --onlyvisible --name '^Alice — LanPigeon$')" ] || fail "the chat left Alice"
import -window "$chat" "$OUT/person-moved.png"
# The Recent chats tab, right of Buddies, below the search box.
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click 1 key ctrl+a BackSpace
xdotool mousemove $((MX + 130)) $((MY + 136)) click 1
sleep 0.5
import -window "$main" "$OUT/person-recent.png"
# History holds one conversation with Alice, at her new address.
peers=$("$CLI" history --profile "$work/gui" --json | sed -nE 's/.*"peer":"([^"]*)".*/\1/p' | sort -u)
echo "$peers" | grep -q "^127.0.0.2:" && fail "history still files messages under Alice's old address: $peers"
echo "$peers" | grep -q "^127.0.0.5:$PORT$" || fail "no messages at Alice's new address: $peers"
echo "$NAME: ok"
