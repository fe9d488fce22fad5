# Shared steps of the iptux interop scripts; sourced. Callers define $work, pids=() and fail().

# Starts an Xvfb display of our own and exports DISPLAY.
start_display() {
    # A display of one's own (XVFB_DISPLAY=:N), as a developer running several at once wants.
    if [ -n "${XVFB_DISPLAY:-}" ]; then
        Xvfb "$XVFB_DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
        pids+=($!)
        export DISPLAY=$XVFB_DISPLAY
        sleep 1
        return
    fi
    exec 3>"$work/display"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
    [ -s "$work/display" ] || fail "Xvfb did not start"
    export DISPLAY=":$(head -1 "$work/display")"
}

# Waits until the iptux whose log is $2 has bound UDP on $1.
wait_iptux_bound() {
    for _ in $(seq 200); do grep -q "bind UDP port($1:2425) success" "$2" 2>/dev/null && return 0; sleep 0.1; done
    fail "iptux did not start"
}

# Double-clicks the first row of the buddy list of the iptux bound to $1 until a window whose
# name has $2 opens, after $3 clicks on the arrow to the next view (none: the pals; 3: everyone
# as the group "Broadcast"); prints that window's id.
open_iptux_window() {
    local main window=""
    main=$(timeout 20 xdotool search --sync --name "Iptux - $1" | head -1) ||
        fail "iptux's main window is not there"
    eval "$(xdotool getwindowgeometry --shell "$main")"
    for _ in $(seq "${3:-0}"); do xdotool mousemove $((X + 237)) $((Y + 71)) click 1; sleep 0.3; done
    for _ in $(seq 20); do
        xdotool mousemove $((X + 60)) $((Y + 115)) click --repeat 2 --delay 80 1
        window=$(xdotool search --name "$2" 2>/dev/null | head -1 || true)
        [ -n "$window" ] && break
        sleep 0.5
    done
    [ -n "$window" ] || fail "could not open iptux's window $2"
    echo "$window"
}

# The chat of the iptux bound to $1 with the pal named $2 (the first pal); prints its id.
open_iptux_chat() {
    open_iptux_window "$1" "Talk with $2"
}

# Sets X, Y, WIDTH and HEIGHT to the geometry of the visible iptux chat with the pal named $1. The
# id open_iptux_chat found can be gone a second later (CI saw BadWindow), so this looks the window
# up again until its geometry reads; returns 1 if it never does.
chat_geometry() {
    local id geo
    for _ in $(seq 20); do
        for id in $(xdotool search --onlyvisible --name "Talk with $1" 2>/dev/null); do
            geo=$(xdotool getwindowgeometry --shell "$id" 2>/dev/null) && { eval "$geo"; return 0; }
        done
        sleep 0.25
    done
    return 1
}

# Types $3 into the chat of the iptux bound to $1 with the pal named $2 (opening it) and clicks
# Send; returns 1 if the window never opened.
type_in_iptux_chat() {
    open_iptux_chat "$1" "$2" >/dev/null || return 1
    chat_geometry "$2" || return 1
    xdotool mousemove $((X + 185)) $((Y + 320)) click 1
    sleep 0.3
    xdotool type --delay 20 "$3"
    sleep 0.2
    xdotool mousemove $((X + 330)) $((Y + 401)) click 1
}

# Makes the namespaces $A (ours, $OUR_IP) and $B (iptux's, $IPTUX_IP) on a veth pair named after
# $tag. iptux pushes and fetches from unbound sockets, so on one loopback its connections would
# come from our own address.
make_namespaces() {
    ip netns add "$A"
    ip netns add "$B"
    ip link add "va-$tag" netns "$A" type veth peer name "vb-$tag" netns "$B"
    ip -n "$A" addr add "$OUR_IP/24" dev "va-$tag"
    ip -n "$B" addr add "$IPTUX_IP/24" dev "vb-$tag"
    for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
    ip -n "$A" link set "va-$tag" up
    ip -n "$B" link set "vb-$tag" up
}

# Kills all that runs in the namespaces and in $pids, then deletes the namespaces and $work.
remove_namespaces() {
    for ns in "$A" "$B"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    done
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$A" 2>/dev/null || true
    ip netns del "$B" 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}

# Starts iptux in $B with its home in $work/home, logging to $work/iptux.log, and waits until
# it listens.
start_iptux_in_namespace() {
    ip netns exec "$B" env HOME="$work/home" DISPLAY="$DISPLAY" \
        dbus-run-session -- iptux --bind "$IPTUX_IP" -l DEBUG >"$work/iptux.log" 2>&1 &
    wait_iptux_bound "$IPTUX_IP" "$work/iptux.log"
}
