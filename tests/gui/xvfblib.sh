# The harness the Xvfb tests share: processes stopped on exit, and a screenshot of the screen
# plus the tail of every log when a check fails. Set NAME and OUT, then source this file.
# shellcheck shell=bash
mkdir -p "$OUT"
work=$(mktemp -d)
pids=()
fail() {
    echo "$NAME: FAIL: $*" >&2
    [ -n "${DISPLAY:-}" ] && import -window root "$OUT/$NAME-failure.png" 2>/dev/null || true
    for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- ${f##*/}" >&2; tail -5 "$f" >&2; }; done
    exit 1
}
cleanup() {
    # CONT first: a test may have stopped a process to freeze a transfer mid-way.
    for p in "${pids[@]}"; do
        kill -CONT "$p" 2>/dev/null || true
        kill "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Exits unless every tool named is installed.
need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$NAME: needs $tool (make deps)" >&2; exit 1; }
    done
}
# Waits up to $2 seconds for process $1 and returns its exit status (124 if still running).
wait_for() {
    for _ in $(seq $(($2 * 10))); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$1" 2>/dev/null && return 124
    local rc=0
    wait "$1" || rc=$?
    return $rc
}
# Prints the id of the first visible window whose title matches $1, waiting up to $2 seconds.
# Errors are ignored and the search repeated: a window that closes while xdotool reads it (a
# menu, a tooltip) makes xdotool fail with BadWindow.
window() {
    local found
    for _ in $(seq $((${2:-10} * 10))); do
        found=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) || true
        [ -n "$found" ] && echo "$found" && return 0
        sleep 0.1
    done
    return 1
}
# Starts the window on a profile of its own ($work/gui), bound to 127.0.0.1 on $PORT, in
# English, as Me in Dev, knowing the hosts $1 ("127.0.0.2, 127.0.0.5"); sets main (its
# window), MX, MY and MW.
start_gui() {
    mkdir -p "$work/gui"
    cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=Me
group=Dev
[network]
port=$PORT
extraHosts=$1
broadcast=false
[ui]
language=en
closeToTray=false
INI
    LANPIGEON_PROFILE="$work/gui" LANPIGEON_BIND=127.0.0.1 QT_QPA_PLATFORM=xcb "$GUI" \
        >"$work/gui.log" 2>&1 &
    pids+=($!)
    main=$(window '^LanPigeon$' 20) || fail "the main window did not show"
    eval "$(xdotool getwindowgeometry --shell "$main")"
    MX=$X MY=$Y MW=$WIDTH
}
# lanpigeon-cli's options for a peer on 127.0.0.x ($1) that knows only us, on our $PORT.
at() { echo --bind "$1" --port "$PORT" --no-broadcast --extra-host 127.0.0.1 --profile "$work/p$1"; }
source "$(dirname "${BASH_SOURCE[0]}")/../interop/iptuxlib.sh"
