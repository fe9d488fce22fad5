#!/usr/bin/env bash
# Start-up of the lanpigeon window, from exec to its first shown window under Xvfb, and its idle
# memory 3 s later; iptux (GTK), started the same way on the same display, is the reference.
# Runs the two in turns, 5 times each, every run with a fresh profile. Loopback only: both bind
# a 127.0.0.x address and do not broadcast.
# Usage: startup.sh LANPIGEON   (prints bench rows; asserts nothing)
set -euo pipefail
GUI=$(readlink -f "$1")
RUNS=${RUNS:-5}
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
work=$(mktemp -d)
pids=()
fail() { echo "startup: $*" >&2; exit 1; }
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -n "${DBUS_SESSION_BUS_PID:-}" ] && kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$here/../tests/interop/iptuxlib.sh"
start_display
eval "$(dbus-launch --sh-syntax)"   # one session bus for both, as a desktop has

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Starts a program (the rest of the arguments) and waits for a visible window named $1; prints
# "milliseconds-to-window RSS-KiB RssAnon-KiB", the memory taken 3 s later.
measure() {
    local title=$1 t0 t1 pid mem
    shift
    t0=$(now_ms)
    "$@" >>"$work/log" 2>&1 &
    pid=$!
    for _ in $(seq 4000); do
        xdotool search --onlyvisible --name "$title" >/dev/null 2>&1 && break
        sleep 0.005
    done
    t1=$(now_ms)
    xdotool search --onlyvisible --name "$title" >/dev/null 2>&1 || fail "no window named $title"
    sleep 3
    mem=$(awk '/VmRSS|RssAnon/ { printf "%s ", $2 }' "/proc/$pid/status")
    kill $pid
    wait $pid 2>/dev/null || true
    echo "$((t1 - t0)) $mem"
}

ours_ms=(); ours_rss=(); ours_anon=(); theirs_ms=(); theirs_rss=(); theirs_anon=()
for run in $(seq "$RUNS"); do
    profile=$work/lp$run
    mkdir -p "$profile"
    printf '[network]\nport=34262\nbroadcast=false\n[ui]\nlanguage=en\n' >"$profile/lanpigeon.ini"
    read -r ms rss anon < <(LANPIGEON_PROFILE=$profile LANPIGEON_BIND=127.0.0.8 QT_QPA_PLATFORM=xcb \
        measure '^LanPigeon$' "$GUI")
    ours_ms+=("$ms"); ours_rss+=("$rss"); ours_anon+=("$anon")

    home=$work/iptux$run
    mkdir -p "$home/.iptux" "$home/.config/iptux/log"
    echo '{"nick_name":"bench","belong_group":"bench","debug_dont_broadcast":true}' \
        >"$home/.iptux/config.127.0.0.9.json"
    read -r ms rss anon < <(HOME=$home measure '^Iptux' iptux --bind 127.0.0.9)
    theirs_ms+=("$ms"); theirs_rss+=("$rss"); theirs_anon+=("$anon")
    echo "startup run $run: ours ${ours_ms[-1]} ms ${ours_rss[-1]} KiB, iptux ${theirs_ms[-1]} ms ${theirs_rss[-1]} KiB" >&2
done
kib_to_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
row "lanpigeon start-up to first shown window, median of $RUNS (ms)" \
    "$(echo "${ours_ms[@]}" | median)" iptux "$(echo "${theirs_ms[@]}" | median)" "Xvfb, fresh profile"
row "  idle memory 3 s after start, median RSS (MiB)" \
    "$(kib_to_mib "$(echo "${ours_rss[@]}" | median)")" iptux "$(kib_to_mib "$(echo "${theirs_rss[@]}" | median)")" \
    "mostly shared library pages"
row "  of which the process's own (RssAnon, MiB)" \
    "$(kib_to_mib "$(echo "${ours_anon[@]}" | median)")" iptux "$(kib_to_mib "$(echo "${theirs_anon[@]}" | median)")"
