#!/usr/bin/env bash
# The screenshot tool in the real lanpigeon under Xvfb, driven with xdotool: Ctrl+Alt+A in the
# chat, a region dragged over the frozen screen, Enter; the picture it made (left on the
# clipboard, as QQ leaves it) must equal that region of the screen pixel for pixel, at scale 1
# and at QT_SCALE_FACTOR=2 where the mouse moves in device pixels and the widgets in logical ones;
# with "Hide LanPigeon's windows" on, the region shows what is under them, and they come back;
# sent, the PNG a lanpigeon-cli peer fetched has the same pixels.
# Leaves screenshot-tool-in-action.png (the overlay with a region dragged) in OUTDIR.
# Usage: screenshot_xvfb.sh LANPIGEON LANPIGEON_CLI OUTDIR
set -euo pipefail
GUI=$(readlink -f "$1")
CLI=$(readlink -f "$2")
OUT=$3
PORT=35201
NAME=screenshot_xvfb
source "$(dirname "$0")/xvfblib.sh"
need Xvfb xdotool import xclip compare convert display python3
start_display

# Noise: every pixel differs from its neighbours, so a region off by one pixel shows.
convert -size 400x300 xc: +noise Random "$work/noise.png"
display -geometry +860+480 "$work/noise.png" >/dev/null 2>&1 &
pids+=($!)
timeout 10 xdotool search --sync --name 'noise.png' >/dev/null || fail "the noise image did not show"
sleep 0.5
import -window root "$work/empty.png"

"$CLI" listen $(at 127.0.0.2) --nick Wang --group Dev --json >"$work/wang.out" 2>&1 &
pids+=($!)

# Runs the window at scale $1, takes the region x $2, y $3, width $4, height $5 (device pixels)
# with LanPigeon's windows hidden first if $6 is true, and compares it with the screen; if $7 is
# true, sends it and compares the PNG the peer got too.
shoot() {
    local scale=$1 x=$2 y=$3 w=$4 h=$5 hide=$6 send=$7 gui main chat=""
    mkdir -p "$work/gui$scale"
    cat >"$work/gui$scale/lanpigeon.ini" <<INI
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
screenshotHidesWindows=$hide
INI
    LANPIGEON_PROFILE="$work/gui$scale" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb \
        QT_SCALE_FACTOR=$scale "$GUI" >"$work/gui$scale.log" 2>&1 &
    gui=$!
    pids+=($gui)
    main=$(timeout 20 xdotool search --sync --name '^LanPigeon$' | head -1) || fail "the main window did not show"
    eval "$(xdotool getwindowgeometry --shell "$main")"
    for _ in $(seq 30); do
        # The only buddy: the first row under its group.
        xdotool mousemove $((X + 110 * scale)) $((Y + 200 * scale)) click --repeat 2 --delay 80 1
        chat=$(xdotool search --onlyvisible --name "Wang — LanPigeon" 2>/dev/null | head -1 || true)
        [ -n "$chat" ] && break
        sleep 0.5
    done
    [ -n "$chat" ] || fail "double-clicking the buddy did not open the chat (scale $scale)"
    xdotool windowmove "$chat" $((X + WIDTH + 10)) "$Y"
    sleep 0.7
    # Without a window manager the keyboard follows the pointer.
    eval "$(xdotool getwindowgeometry --shell "$chat" | sed 's/^/C/')"
    xdotool mousemove $((CX + CWIDTH / 2)) $((CY + CHEIGHT - 60 * scale)) click 1
    sleep 0.3
    import -window root "$work/before$scale.png"
    xdotool key ctrl+alt+a
    timeout 10 xdotool search --sync --onlyvisible --name '^Screenshot — LanPigeon$' >/dev/null ||
        fail "Ctrl+Alt+A did not open the screenshot overlay (scale $scale)"
    sleep 0.5
    xdotool mousemove "$x" "$y" mousedown 1
    xdotool mousemove $((x + w / 3)) $((y + h / 2))
    xdotool mousemove $((x + w)) $((y + h)) mouseup 1
    sleep 0.3
    # The tool in action, for the README.
    [ "$scale$hide" = 1false ] && import -window root "$OUT/screenshot-tool-in-action.png"
    xdotool key Return
    for _ in $(seq 50); do
        xdotool search --onlyvisible --name '^Screenshot — LanPigeon$' >/dev/null 2>&1 || break
        sleep 0.1
    done
    local shot="$work/shot$scale.png"
    for _ in $(seq 50); do
        xclip -selection clipboard -t image/png -o >"$shot" 2>/dev/null && [ -s "$shot" ] && break
        sleep 0.1
    done
    [ -s "$shot" ] || fail "no picture on the clipboard after Enter (scale $scale)"
    local screen="$work/before$scale.png"
    if [ "$hide" = true ]; then
        screen="$work/empty.png"
        timeout 10 xdotool search --sync --onlyvisible --name "Wang — LanPigeon" >/dev/null ||
            fail "the chat window did not come back after the screenshot"
    fi
    convert "$screen" -crop "${w}x${h}+${x}+${y}" +repage "$work/region$scale.png"
    local size
    size=$(identify -format '%wx%h' "$shot")
    [ "$size" = "${w}x${h}" ] || fail "the picture is $size, the region ${w}x${h} (scale $scale)"
    local differ
    differ=$(compare -metric AE "$shot" "$work/region$scale.png" null: 2>&1 || true)
    if [ "$differ" != "0" ]; then
        compare "$shot" "$work/region$scale.png" "$OUT/screenshot-diff-$scale.png" 2>/dev/null || true
        cp "$shot" "$OUT/screenshot-got-$scale.png"
        cp "$screen" "$OUT/screenshot-screen-$scale.png"
        fail "$differ pixels differ from the screen's region (scale $scale)"
    fi
    cp "$shot" "$OUT/screenshot-tool-$scale$([ "$hide" = true ] && echo -hidden).png"
    if [ "$send" = true ]; then
        xdotool mousemove $((CX + CWIDTH / 2)) $((CY + CHEIGHT - 60 * scale)) click 1
        xdotool key Return
        local got=""
        for _ in $(seq 100); do
            got=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    for image in json.loads(line).get("images", []):
        print(image.get("path", ""))
' "$work/wang.out" 2>/dev/null | head -1)
            [ -n "$got" ] && break
            sleep 0.1
        done
        [ -n "$got" ] || fail "the peer did not get the screenshot: $(cat "$work/wang.out")"
        differ=$(compare -metric AE "$got" "$work/region$scale.png" null: 2>&1 || true)
        [ "$differ" = "0" ] || fail "the screenshot the peer got differs from the screen in $differ pixels"
    fi
    kill "$gui"
    wait "$gui" 2>/dev/null || true
}

# Across the main window's edge and into the noise, clear of the blinking text cursor.
shoot 1 250 540 977 241 false true
# Qt hands a widget whole logical pixels of the mouse's position, so at scale 2 a region starts
# and ends on even device pixels.
shoot 2 300 150 640 500 false false
# Over both windows, which must not be in it.
shoot 1 100 100 1000 600 true false
echo "screenshot_xvfb: ok (regions equal to the screen's at scale 1 and 2, under our windows, and as sent)"
