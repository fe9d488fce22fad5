#!/usr/bin/env bash
# The README's screenshots of the real window under Xvfb, in one language: buddies with their
# status, Recent chats with unread counts and a peer who left, and a chat with a day separator,
# a sealed message still closed and an auto-reply, and Dora's message with two pictures inline
# (chat-pictures.png). In English, 小王 then comes back with a new key: his chat's warnings
# (security.png). Then Carol makes a group chat with us, Alice and Bob; she and Alice write in it
# and we answer from its tab, opened from the Group chats tab (groupchat.png); Bob must get our
# answer; the room's tab at 480 px (groupchat-narrow.png) and the Group chats tab narrowed by
# the search box (groupchats-search.png) follow. Otherwise it checks only that each window appears.
# With THEME dark, the window runs with LANPIGEON_PALETTE=dark, 小王 also offers a file and Bob
# leaves a message unread, and one shot of both windows side by side is saved as dark.png.
# Usage: screenshots_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR [LANGUAGE] [THEME]
#        (LANGUAGE en or zh_CN, THEME light or dark)
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
LANGUAGE=${4:-en}
THEME=${5:-light}
suffix=""
[ "$LANGUAGE" = en ] || suffix="-${LANGUAGE%%_*}"
# Another port (LANPIGEON_SCREENSHOTS_PORT) lets a second run go at the same time.
PORT=${LANPIGEON_SCREENSHOTS_PORT:-34283}
NAME=screenshots_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import
mkdir -p "$work/gui"
start_display

cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=小明 Ming
group=研发部
[network]
port=$PORT
extraHosts=127.0.0.2, 127.0.0.3, 127.0.0.4, 127.0.0.5
broadcast=false
[ui]
language=$LANGUAGE
closeToTray=false
INI

palette=""
[ "$THEME" = dark ] && palette=dark
LANPIGEON_PALETTE=$palette LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" >"$work/gui.log" 2>&1 &
pids+=($!)
main=$(window '^(LanPigeon|局域网信鸽)$' 20) || fail "the main window did not show"
eval "$(xdotool getwindowgeometry --shell "$main")"
MX=$X MY=$Y MW=$WIDTH

# Keys are pinned by user@host, and every peer here runs on this host: each needs a user of
# its own, or each would show the key of the one before as changed.
wang() { USER=wang "$CLI" send $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 --to 127.0.0.1:$PORT "$@" >/dev/null; }
wang "你好，小明！Lunch at 12? 🍜" || fail "小王's message was not acknowledged"
wang --sealed "The Wi-Fi password for the demo room" || fail "小王's sealed message was not acknowledged"
if [ "$THEME" = dark ]; then
    # Online all the same, while his offer waits for an answer.
    mkdir -p "$work/offer"
    head -c 350000 /dev/zero >"$work/offer/Q3 design review.pdf"
    USER=wang "$CLI" send-file $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 --to 127.0.0.1:$PORT \
        "$work/offer/Q3 design review.pdf" >/dev/null 2>&1 &
    pids+=($!)
    USER=bob "$CLI" send $(at 127.0.0.4) --nick Bob --group Sales --to 127.0.0.1:$PORT "Can you review my PR?" \
        >/dev/null || fail "Bob's message was not acknowledged"
else
    USER=wang "$CLI" listen $(at 127.0.0.2) --nick "小王 Wang" --group 研发部 >/dev/null 2>&1 &
    pids+=($!)
    wang_listening=$!
fi
USER=alice "$CLI" listen $(at 127.0.0.3) --nick Alice --group Sales --status away --away-message "At lunch, back at 1" \
    >/dev/null 2>&1 &
pids+=($!)
alice_listening=$!
USER=bob "$CLI" listen $(at 127.0.0.4) --nick Bob --group Sales --status busy --away-message "In a meeting" \
    >"$work/bob.log" 2>&1 &
pids+=($!)
USER=dora "$CLI" send $(at 127.0.0.5) --nick Dora --group QA --to 127.0.0.1:$PORT "Build 1.2 is out, please test 🙏" \
    >/dev/null || fail "Dora's message was not acknowledged"
sleep 2

# A word to Alice, who is away: her auto-reply comes back.
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click 1
xdotool type --delay 20 Alice
xdotool key Return
chat=$(window '— (LanPigeon|局域网信鸽)$' 5) || fail "no chat with Alice"
xdotool windowmove "$chat" $((MX + MW + 10)) "$MY"
sleep 0.3
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 20 "Are we still on for 2pm?"
xdotool key Return
sleep 1
# Back to 小王 (Ctrl+Tab is the tab widget's): answer him, leaving his sealed message closed.
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool key ctrl+a BackSpace
xdotool type --delay 20 127.0.0.2
xdotool key Return
sleep 0.5
xdotool mousemove --window "$chat" 300 470 click 1
xdotool type --delay 20 "Sure! See you at 12."
xdotool key Return
sleep 1
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool key ctrl+a BackSpace
xdotool mousemove $((MX + MW / 2)) $((MY + 300))
sleep 0.5
if [ "$THEME" = dark ]; then
    # Both windows in one picture, the chat whole on the screen beside the main window.
    xdotool windowsize "$chat" $((1270 - MX - MW - 10)) 640
    xdotool mousemove $((MX + MW / 2)) $((MY + 500))
    sleep 0.5
    eval "$(xdotool getwindowgeometry --shell "$chat")"
    right=$((X + WIDTH))
    bottom=$((Y + HEIGHT))
    eval "$(xdotool getwindowgeometry --shell "$main")"
    [ $((Y + HEIGHT)) -gt $bottom ] && bottom=$((Y + HEIGHT))
    [ $right -gt 1280 ] && right=1280
    [ $bottom -gt 800 ] && bottom=800
    import -window root -crop $((right - X))x$((bottom - Y))+$X+$Y +repage "$OUT/dark.png"
    echo "screenshots_xvfb: ok (dark, $OUT/dark.png)"
    exit 0
fi
import -window "$main" "$OUT/main-window$suffix.png"
import -window "$chat" "$OUT/chat$suffix.png"
# Dora sends a chart and a snippet of our chat; her chat shows both inline.
convert -size 360x200 xc:white -fill '#d8e6f5' -draw 'rectangle 0,0 359,199' \
    -fill '#4a90d9' -draw 'rectangle 30,130 80,190' -draw 'rectangle 110,70 160,190' \
    -draw 'rectangle 190,100 240,190' -fill '#e0584c' -draw 'rectangle 270,30 320,190' \
    "$work/chart.png"
import -window "$chat" -crop 600x260+0+60 +repage "$work/snippet.png"
USER=dora "$CLI" send $(at 127.0.0.5) --nick Dora --group QA --to 127.0.0.1:$PORT --image "$work/chart.png" \
    "Crash reports this week:" >/dev/null || fail "Dora's chart was not fetched"
USER=dora "$CLI" send $(at 127.0.0.5) --nick Dora --group QA --to 127.0.0.1:$PORT --image "$work/snippet.png" \
    "And this is how your chat looks on 1.2 👍" >/dev/null || fail "Dora's snippet was not fetched"
USER=dora "$CLI" listen $(at 127.0.0.5) --nick Dora --group QA >/dev/null 2>&1 &
pids+=($!)
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool key ctrl+a BackSpace
xdotool type --delay 20 Dora
xdotool key Return
xdotool windowsize "$chat" 640 760
sleep 1.5
xdotool mousemove $((MX + MW / 2)) $((MY + 500))
sleep 0.5
import -window "$chat" "$OUT/chat-pictures$suffix.png"
if [ "$LANGUAGE" = en ]; then
    # The screenshot tool over that chat: Ctrl+Alt+A, a region dragged around the chart.
    eval "$(xdotool getwindowgeometry --shell "$chat")"
    xdotool mousemove --window "$chat" 320 600 click 1
    xdotool key ctrl+alt+a
    sleep 1
    xdotool mousemove $((X + 40)) $((Y + 120)) mousedown 1
    xdotool mousemove $((X + 200)) $((Y + 250))
    xdotool mousemove $((X + 420)) $((Y + 360)) mouseup 1
    sleep 0.5
    import -window root "$OUT/screenshot-tool.png"
    xdotool key Escape
    sleep 0.3
fi
xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
xdotool key ctrl+a BackSpace
# Recent chats, right of Buddies.
xdotool mousemove $((MX + 130)) $((MY + 136)) click 1
xdotool mousemove $((MX + MW / 2)) $((MY + 500))
sleep 0.5
import -window "$main" "$OUT/recent-chats$suffix.png"
if [ "$LANGUAGE" = en ]; then
    # 小王 comes back from a new profile, so with a new key, as the same user on the same host:
    # his chat warns in a banner and in the bubble, and the lock gives way to a warning.
    kill "$wang_listening"
    wait "$wang_listening" 2>/dev/null || true
    USER=wang "$CLI" send --bind 127.0.0.2 --port "$PORT" --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/wang-new" --nick "小王 Wang" --group 研发部 --to 127.0.0.1:$PORT \
        "Please send me the VPN password" >/dev/null || fail "the new 小王's message was not acknowledged"
    USER=wang "$CLI" listen --bind 127.0.0.2 --port "$PORT" --no-broadcast --extra-host 127.0.0.1 \
        --profile "$work/wang-new" --nick "小王 Wang" --group 研发部 >/dev/null 2>&1 &
    pids+=($!)
    xdotool mousemove $((MX + MW / 2)) $((MY + 100)) click --repeat 3 --delay 50 1
    xdotool key ctrl+a BackSpace
    xdotool type --delay 20 127.0.0.2
    xdotool key Return
    xdotool windowsize "$chat" 640 560
    sleep 1
    xdotool mousemove $((MX + MW / 2)) $((MY + 500))
    sleep 0.5
    import -window "$chat" "$work/security-chat.png"
    # Its button opens both fingerprints, side by side with the chat in one picture.
    xdotool mousemove --window "$chat" 556 84 click 1
    dialog=$(window '^Security — ' 5) || fail "Compare fingerprints... opened no dialog"
    sleep 0.5
    import -window "$dialog" "$work/security-dialog.png"
    convert "$work/security-chat.png" -size 12x1 xc:'#d8d8d8' "$work/security-dialog.png" \
        -background '#d8d8d8' -gravity north +append "$OUT/security.png"
fi
if [ "$LANGUAGE" = en ]; then
    USER=carol "$CLI" room create "Lunch club" $(at 127.0.0.6) --nick Carol --group QA \
        --member 127.0.0.1:$PORT --member 127.0.0.3:$PORT --member 127.0.0.4:$PORT >/dev/null ||
        fail "Carol could not make the group chat"
    USER=carol "$CLI" room send "Lunch club" "Hotpot on Friday? 🍲 I'll book for 12:30" $(at 127.0.0.6) \
        --nick Carol --group QA >/dev/null || fail "Carol's room message was not delivered"
    USER=carol "$CLI" listen $(at 127.0.0.6) --nick Carol --group QA >/dev/null 2>&1 &
    pids+=($!)
    sleep 0.5
    # Alice answers from her own profile, which kept the room, and leaves: offline in the list.
    kill "$alice_listening"
    wait "$alice_listening" 2>/dev/null || true
    USER=alice "$CLI" room send "Lunch club" "Count me in! 🙋" $(at 127.0.0.3) --nick Alice --group Sales \
        >/dev/null || fail "Alice's room message was not delivered"
    # Group chats, right of Recent chats; a double-click on the room opens its tab. The search
    # box narrows that tab too: what was typed in it for 小王 goes first.
    xdotool mousemove $((MX + 100)) $((MY + 105)) click 1
    xdotool key ctrl+a BackSpace
    xdotool mousemove $((MX + 240)) $((MY + 136)) click 1
    sleep 0.5
    xdotool mousemove $((MX + MW / 2)) $((MY + 175)) click --repeat 2 --delay 80 1
    room=$(window '^Lunch club — LanPigeon$' 5) || fail "the group chat's tab did not open"
    xdotool windowsize "$room" 760 560
    sleep 0.5
    xdotool mousemove --window "$room" 300 470 click 1
    xdotool type --delay 20 "Friday works, see you there!"
    xdotool key Return
    for _ in $(seq 50); do grep -q "Friday works" "$work/bob.log" && break; sleep 0.1; done
    grep -q "Friday works" "$work/bob.log" || fail "Bob did not get our answer in the group chat"
    xdotool mousemove $((MX + MW / 2)) $((MY + 500))
    sleep 1
    import -window "$room" "$OUT/groupchat.png"
    # Narrow, the members fold away and the bubbles keep their status whole (groupchat-narrow.png).
    xdotool windowsize "$room" 480 560
    sleep 1
    import -window "$room" "$OUT/groupchat-narrow.png"
    # The search box narrows the Group chats tab too, by a member's name (groupchats-search.png).
    xdotool mousemove $((MX + 100)) $((MY + 105)) click 1
    xdotool key ctrl+a
    xdotool type --delay 20 "carol"
    xdotool mousemove $((MX + 240)) $((MY + 136)) click 1
    xdotool mousemove $((MX + MW / 2)) $((MY + 500))
    sleep 1
    import -window "$main" "$OUT/groupchats-search.png"
fi
echo "screenshots_xvfb: ok ($LANGUAGE, in $OUT)"
