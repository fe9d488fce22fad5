#!/usr/bin/env bash
# A new user's journey through the real window under Xvfb, driven only with keyboard and mouse
# (xdotool) next to lanpigeon-cli peers on 127.0.0.x:
#  1. typing to one peer while two others write for the first time: every key lands where typed;
#  2. the buddy search finds by name, workgroup and IP (Enter chats with the first match);
#  3. an away peer is shown as away (the amber sign on its avatar, read from a screenshot);
#  4. unread messages from a peer who left are reached from Recent chats;
#  5. a sealed message stays closed until clicked, and its sender sees the read receipt;
#  6. a message too long for the peer is refused with its reason, and nothing is sent;
#  7. starting LanPigeon again brings the running window forward and exits.
# Screenshots of each step go to OUTDIR.
# Usage: journey_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=34281
NAME=journey_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool xclip xwininfo import convert
mkdir -p "$work/gui"
start_display

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=小明 Ming
group=研发部
[network]
port=$PORT
extraHosts=127.0.0.2, 127.0.0.3, 127.0.0.4, 127.0.0.5, 127.0.0.6, 127.0.0.7
broadcast=false
[ui]
language=en
closeToTray=false
INI
# Counts the amber pixels (QQ's away sign) in the rectangle $2x$3+$4+$5 of window $1.
amber_pixels() {
    import -window "$1" "$work/px.png"
    convert "$work/px.png" -crop "$2x$3+$4+$5" -depth 8 txt:- |
        sed -nE 's/.*\(([0-9]+),([0-9]+),([0-9]+).*/\1 \2 \3/p' |
        awk '$1 > 200 && $2 > 120 && $2 < 200 && $3 < 90 { n++ } END { print n + 0 }'
}

# Counts QQ-red pixels (the unread badges) likewise.
red_pixels() {
    import -window "$1" "$work/px.png"
    convert "$work/px.png" -crop "$2x$3+$4+$5" -depth 8 txt:- |
        sed -nE 's/.*\(([0-9]+),([0-9]+),([0-9]+).*/\1 \2 \3/p' |
        awk '$1 > 230 && $2 > 60 && $2 < 100 && $3 > 30 && $3 < 70 { n++ } END { print n + 0 }'
}

LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(window '^LanPigeon$' 20) || fail "the main window did not show"
eval "$(xdotool getwindowgeometry --shell "$main")"
MX=$X MY=$Y MW=$WIDTH MH=$HEIGHT

"$CLI" listen $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 >"$work/wang.out" 2>&1 &
pids+=($!)
"$CLI" listen $(at 127.0.0.3) --nick Alice --group Sales >"$work/alice.out" 2>&1 &
pids+=($!)
"$CLI" listen $(at 127.0.0.4) --nick Bob --group Sales --status away --away-message "at lunch" \
    >"$work/bob.out" 2>&1 &
pids+=($!)
sleep 2

# 2. Search by name, workgroup and IP: Enter chats with the first match, Ctrl+W closes it.
# No window manager here: the keyboard follows the pointer, so point at what is typed into.
search() {
    xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
    xdotool key ctrl+a BackSpace
    xdotool type --delay 30 "$1"
    xdotool key Return
    local chat
    chat=$(window "^$2 — LanPigeon\$" 5) || fail "searching for '$1' did not open the chat with $2"
    xdotool windowmove "$chat" $((MX + MW + 10)) "$MY"
    echo "$chat"
}
xdotool key --window "$main" ctrl+f
chat=$(search Alice Alice)
sleep 0.3
xdotool mousemove --window "$chat" 300 470 key ctrl+w
sleep 0.5
[ -z "$(xdotool search --onlyvisible --name '^Alice — LanPigeon$' 2>/dev/null)" ] || fail "Ctrl+W did not close the chat"
chat=$(search 研发 "小王 Wang")
xdotool mousemove --window "$chat" 300 470 key Escape
sleep 0.5
chat=$(search 127.0.0.4 Bob)
import -window root "$OUT/journey-search.png"
xdotool mousemove --window "$chat" 300 470 key Escape
sleep 0.5

# 3. Bob is away: the amber sign at the bottom right of his avatar, and none on Alice's.
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool key ctrl+a BackSpace
xdotool type --delay 30 Sales
sleep 0.5
import -window "$main" "$OUT/journey-away.png"
# The rows under the search box: the "Sales" header, then Bob (away) and Alice.
[ "$(amber_pixels "$main" "$MW" 120 0 150)" -ge 10 ] || fail "no away sign on Bob's avatar (see journey-away.png)"
xdotool key ctrl+a BackSpace
xdotool type --delay 30 Alice
sleep 0.5
[ "$(amber_pixels "$main" "$MW" 120 0 150)" -eq 0 ] || fail "an away sign on Alice, who is online"

# 1. Typing to 小王 while Carol and Dora write for the first time.
xdotool key ctrl+a BackSpace
xdotool type --delay 30 研发
xdotool key Return
chat=$(window '^小王 Wang — LanPigeon$' 5) || fail "no chat with 小王"
xdotool windowmove "$chat" $((MX + MW + 10)) "$MY"
sleep 0.3
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 40 "Lunch at twelve, "
"$CLI" send $(at 127.0.0.6) --nick Carol --group Sales --to 127.0.0.1:$PORT "Carol here, got a minute?" \
    >"$work/carol-send.out" 2>&1 &
carol=$!
pids+=($carol)
"$CLI" send $(at 127.0.0.5) --nick Dora --group QA --to 127.0.0.1:$PORT "hi from Dora, bye" \
    >"$work/dora-send.out" 2>&1 &
dora=$!
pids+=($dora)
xdotool type --delay 40 "then the meeting at one."
xdotool key Return
wait "$dora" || fail "Dora's message was not acknowledged: $(cat "$work/dora-send.out")"
wait "$carol" || fail "Carol's message was not acknowledged: $(cat "$work/carol-send.out")"
for _ in $(seq 50); do grep -q "meeting at one" "$work/wang.out" && break; sleep 0.1; done
grep -q "Lunch at twelve, then the meeting at one." "$work/wang.out" ||
    fail "小王 did not get the whole sentence: $(cat "$work/wang.out")"
grep -qi "meeting\|lunch" "$work/alice.out" && fail "keys typed to 小王 went to Alice"
# Carol's and Dora's chats wait as tabs marked "(1)", and the window stays on 小王's.
[ -n "$(xdotool search --onlyvisible --name '^小王 Wang — LanPigeon$')" ] || fail "the chat window left 小王's conversation"
sleep 0.5
import -window "$chat" "$OUT/journey-typing.png"

# 4. Carol and Dora each said one thing and left (their CLIs said BR_EXIT): gone from the
# buddy list, their words wait in Recent chats with red unread counts.
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click 1 key ctrl+a BackSpace
# The Recent chats tab, right of Buddies, below the search box.
xdotool mousemove $((MX + 130)) $((MY + 136)) click 1
sleep 0.5
import -window "$main" "$OUT/journey-recent.png"
[ "$(red_pixels "$main" "$MW" 240 0 150)" -ge 40 ] || fail "no unread counts in Recent chats (see journey-recent.png)"
# Newest first: 小王's, Carol's and Dora's in an order that depends on whether their messages
# came before or after our answer (the CLIs start while we type), so try each of the three rows.
dora=""
for row in 0 1 2; do
    xdotool mousemove $((MX + MW / 2)) $((MY + 170 + 40 * row)) click --repeat 2 --delay 80 1
    sleep 0.5
    dora=$(xdotool search --onlyvisible --name '^Dora — LanPigeon$' 2>/dev/null | head -1) && break
done
[ -n "$dora" ] || fail "Dora's unread message could not be reached from Recent chats"
sleep 0.3
import -window "$dora" "$OUT/journey-dora.png"
import -window "$main" "$OUT/journey-recent-read.png"

# 5. Erin seals a message and waits for it to be opened. Her chat opens from the search box;
# the bubble is closed until clicked.
"$CLI" send $(at 127.0.0.7) --nick Erin --group Sales --sealed --until-read \
    --to 127.0.0.1:$PORT "the door code is 4711" >"$work/erin.out" 2>&1 &
erin=$!
pids+=($erin)
chat=$(window '^Erin — LanPigeon$' 1) && fail "a sealed message took the chat window up"
for _ in $(seq 50); do grep -q "delivered" "$work/erin.out" && break; sleep 0.1; done
grep -q "delivered" "$work/erin.out" || fail "Erin's sealed message was not acknowledged: $(cat "$work/erin.out")"
chat=$(search Erin Erin)
sleep 0.5
import -window "$chat" "$OUT/journey-sealed.png"
kill -0 "$erin" 2>/dev/null || fail "the sealed message counted as read before it was opened: $(cat "$work/erin.out")"
# The first bubble, under the day separator, left side.
xdotool mousemove --window "$chat" 150 118 click 1
for _ in $(seq 50); do kill -0 "$erin" 2>/dev/null || break; sleep 0.1; done
wait "$erin" || fail "Erin's sender did not see the read receipt: $(cat "$work/erin.out")"
grep -q ": read" "$work/erin.out" || fail "no read receipt: $(cat "$work/erin.out")"
sleep 0.3
import -window "$chat" "$OUT/journey-sealed-opened.png"
xdotool mousemove --window "$chat" 300 470 key Escape
sleep 0.3

# 6. 70,000 characters pasted for 小王, whose client reads at most 65,507 bytes: refused with
# the limit shown, and nothing goes out.
head -c 70000 /dev/zero | tr '\0' 'x' | xclip -selection clipboard 2>/dev/null
chat=$(search 研发 "小王 Wang")
xdotool mousemove --window "$chat" 300 470 click 1 key ctrl+v
sleep 1
xdotool key Return
sleep 1.5
import -window "$chat" "$OUT/journey-too-long.png"
grep -q "xxxxxxxxxx" "$work/wang.out" && fail "a message too long for 小王 was sent"

# 7. The chat window covers the main window and has the keyboard; LanPigeon started again
# from the menu brings the running main window up with the keyboard, and leaves.
xdotool windowmove "$chat" "$MX" "$MY"
xdotool windowraise "$chat"
xdotool windowfocus "$chat"
sleep 0.3
LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/second.log" 2>&1 &
second=$!
for _ in $(seq 100); do kill -0 "$second" 2>/dev/null || break; sleep 0.1; done
kill -0 "$second" 2>/dev/null && fail "the second lanpigeon is still running"
wait "$second" || fail "the second lanpigeon did not exit 0: $(cat "$work/second.log")"
sleep 0.5
[ "$(xdotool getwindowfocus)" = "$main" ] || fail "the running window did not come forward with the keyboard"
# xwininfo lists the root's children top first.
top=$(xwininfo -root -children | awk -v a="$(printf 0x%x "$main")" -v b="$(printf 0x%x "$chat")" \
    '$1 == a || $1 == b { print $1; exit }')
[ "$top" = "$(printf 0x%x "$main")" ] || fail "the running window was not raised above the chat"
[ "$(xdotool search --onlyvisible --name '^LanPigeon$' | wc -l)" = 1 ] || fail "a second main window showed"
import -window root "$OUT/journey-second-instance.png"
echo "journey_xvfb: ok (typing kept its place, search by name/group/IP, away shown, a departed peer's message reached, sealed opened and read, too long refused, a second start brought the first forward)"
