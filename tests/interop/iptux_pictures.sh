#!/usr/bin/env bash
# Chat pictures with a real iptux (Debian's 0.8.3), each host in its own network namespace on a
# veth pair (iptux pushes from an unbound socket, so on one loopback its pictures would come from
# our own address):
#  1. `lanpigeon-cli send --image` to iptux: each picture arrives as iptux's own picture push
#     (765) and iptux keeps it byte-identical in ~/.cache/iptux/pic; the text reaches its chat;
#  2. a picture inserted in iptux's chat window (Chat > Insert Picture, xdotool) and sent reaches
#     `lanpigeon-cli listen --json` as a message with one picture, stored byte-identical.
#     iptux re-encodes what it sends as BMP; a 24-bit BMP without row padding survives that as is.
# Fails loudly if iptux, Xvfb or namespaces are missing; never skips.
set -euo pipefail
CLI=$(readlink -f "$1")
[ "$(id -u)" -eq 0 ] || { echo "iptux_pictures: FAIL: needs root for network namespaces" >&2; exit 1; }
for tool in iptux Xvfb xdotool xclip dbus-run-session python3; do
    command -v "$tool" >/dev/null || { echo "iptux_pictures: FAIL: $tool is not installed (make deps)" >&2; exit 1; }
done

tag="lpp$$"
A="$tag-a"; B="$tag-b"
OUR_IP=10.97.$((RANDOM % 200)).1
IPTUX_IP=${OUR_IP%.1}.2
work=$(mktemp -d)
pids=()
fail() {
    echo "iptux_pictures: FAIL: $*" >&2
    pgrep -a iptux >&2 || echo "iptux is not running any more" >&2
    echo "--- iptux log (tail)" >&2; grep -a -E "TCP|tcp|SIG" "$work/iptux.log" | tail -15 >&2 || true
    import -window root "${TMPDIR:-/tmp}/iptux_pictures_fail.png" 2>/dev/null && echo "screenshot: ${TMPDIR:-/tmp}/iptux_pictures_fail.png" >&2
    exit 1
}
source "$(dirname "$0")/iptuxlib.sh"
trap remove_namespaces EXIT
make_namespaces
start_display

# The pictures: two PNGs we send, and a BMP for iptux to send (its rows need no padding, which
# gdk-pixbuf would fill with whatever its memory held).
python3 - "$work" <<'PY'
import struct, sys, zlib
work = sys.argv[1]
def png(path, w, h, seed):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    rows = b''.join(b'\0' + bytes(((x * 3 + y * seed) & 255, (y * 5) & 255, (x ^ y) & 255)[i % 3]
                                  for i in range(w * 3) for x in [i // 3]) for y in range(h))
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                           + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
def bmp(path, w, h):
    assert w * 3 % 4 == 0
    pixels = b''.join(bytes(((x * 7 + y) & 255, (y * 5) & 255, (x * y) & 255)[i % 3]
                            for i in range(w * 3) for x in [i // 3]) for y in range(h - 1, -1, -1))
    open(path, 'wb').write(struct.pack('<2sIHHI', b'BM', 54 + len(pixels), 0, 0, 54)
                           + struct.pack('<IiiHHIIiiII', 40, w, h, 1, 24, 0, len(pixels), 0, 0, 0, 0) + pixels)
png(work + '/first.png', 120, 80, 3)
png(work + '/second.png', 300, 200, 7)
bmp(work + '/from-iptux.bmp', 160, 90)
PY

mkdir -p "$work/home/.iptux" "$work/home/.config/iptux/log"
cat >"$work/home/.iptux/config.$IPTUX_IP.json" <<JSON
{"nick_name":"iptux-peer","belong_group":"interop","debug_dont_broadcast":true}
JSON
start_iptux_in_namespace

common=(--bind "$OUR_IP" --no-broadcast --extra-host "$IPTUX_IP" --nick LanPigeon-pics --profile "$work/lp")
inA() { ip netns exec "$A" "$@"; }

# 1. We send two pictures and a line; iptux keeps each picture it was pushed.
text="two pictures 两张图"
inA "$CLI" send --to "$IPTUX_IP" "${common[@]}" --image "$work/first.png" --image "$work/second.png" "$text" \
    >"$work/sent" 2>"$work/send.err" || fail "send exited non-zero: $(cat "$work/sent" "$work/send.err")"
pics="$work/home/.cache/iptux/pic"
for _ in $(seq 100); do [ "$(ls "$pics" 2>/dev/null | wc -l)" -ge 2 ] && break; sleep 0.1; done
[ "$(ls "$pics" | wc -l)" -eq 2 ] || fail "iptux kept $(ls "$pics" | wc -l) pictures, not 2: $(ls -l "$pics")"
for f in first second; do
    found=""
    for p in "$pics"/*; do cmp -s "$p" "$work/$f.png" && found=$p; done
    [ -n "$found" ] || fail "iptux has no byte-identical copy of $f.png"
done
[ "$(grep -ac 'command NO.: \[0x2fd\]' "$work/iptux.log")" -eq 2 ] || fail "iptux did not log two picture pushes"
log="$work/home/.config/iptux/log/communicate.log"
for _ in $(seq 50); do grep -qF "$text" "$log" 2>/dev/null && break; sleep 0.1; done
grep -qF "$text" "$log" || fail "iptux's chat log lacks: $text"
echo "iptux_pictures: iptux got both pictures byte-identical and the text"

# 2. iptux sends a picture from its chat window.
heard() { grep -c "received udp message from $OUR_IP" "$work/iptux.log" || true; }
iptux_sends_picture() {
    local before
    before=$(heard)
    inA "$CLI" listen --json --count 1 "${common[@]}" >"$work/received" 2>"$work/listen.err" &
    listen_pid=$!
    pids+=($listen_pid)
    # iptux must have heard the listener's BR_ENTRY, or it takes the push's sender for a stranger;
    # and its re-announcements 1 s and 3 s after start too: iptux 0.8.3 redraws an open chat on
    # each BR_ENTRY, and one arriving while the chat window is being built crashed it in
    # gtk_text_layout_get_line_display (a third of the tries).
    for _ in $(seq 60); do [ "$(heard)" -gt $((before + 2)) ] && break; sleep 0.1; done
    sleep 0.3
    (open_iptux_chat "$IPTUX_IP" LanPigeon-pics >/dev/null) || return 1
    sleep 1
    chat_geometry LanPigeon-pics || return 1
    # Chat > Insert Picture, the first item of the menu.
    xdotool mousemove $((X + 199)) $((Y + 12)) click 1
    sleep 0.7
    xdotool key Down Return
    sleep 1.5
    # Its file chooser: the path pasted whole, since typing races its completion.
    printf %s "$work/from-iptux.bmp" | xclip -selection clipboard
    xdotool key ctrl+l
    sleep 0.3
    xdotool key ctrl+a ctrl+v
    sleep 0.3
    xdotool key Return
    sleep 1
    chat_geometry LanPigeon-pics || return 1
    xdotool mousemove $((X + 330)) $((Y + 401)) click 1
    for _ in $(seq 150); do kill -0 "$listen_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$listen_pid" 2>/dev/null || true
    grep -q '"images":\[{' "$work/received"
}
# iptux 0.8.3 now and then dies in its own GTK code (chat window, file chooser): start it
# again, up to three tries in all.
for try in 1 2 3; do
    iptux_sends_picture && break
    pgrep -f "iptux --bind $IPTUX_IP" >/dev/null && ! grep -q SIGSEGV "$work/iptux.log" &&
        fail "listen did not print iptux's picture: $(cat "$work/received" "$work/listen.err")"
    [ "$try" -lt 3 ] || fail "iptux crashed three times: $(cat "$work/received" "$work/listen.err")"
    echo "iptux_pictures: iptux crashed in its own GTK code; starting it again" >&2
    cp "$work/iptux.log" "$work/iptux-crash-$try.log"
    # $listen_pid is inA's subshell: the listen it runs, still holding our port, is found by
    # its namespace.
    for p in $(ip netns pids "$A"); do kill -9 "$p" 2>/dev/null || true; done
    wait "$listen_pid" 2>/dev/null || true
    pkill -9 -f "iptux --bind $IPTUX_IP" 2>/dev/null || true
    start_iptux_in_namespace
done
grep -qF '"nick":"iptux-peer"' "$work/received" || fail "picture not attributed to iptux-peer: $(cat "$work/received")"
path=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["images"][0]["path"])' "$work/received")
sha=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["images"][0]["sha256"])' "$work/received")
cmp "$path" "$work/from-iptux.bmp" || fail "the stored picture differs from what iptux sent"
[ "$sha" = "$(sha256sum "$work/from-iptux.bmp" | cut -d' ' -f1)" ] || fail "sha256 $sha is not the picture's"
echo "iptux_pictures: iptux's picture arrived byte-identical: $(cat "$work/received")"
echo "iptux_pictures: 2 passed, 0 failed"
