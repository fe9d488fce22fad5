#!/usr/bin/env bash
# What a sniffer on the LAN sees, LanPigeon to LanPigeon: three hosts in their own network
# namespaces on one bridge, tcpdump capturing everything inside each while A sends B a chat, a
# sealed message, a group message to B and C, and a 20 MB file with a marker repeated through it.
# The file must arrive byte-identical, and neither the texts nor the marker may appear anywhere
# in the captures (as UTF-8, UTF-16, hex or base64). A control text sent in clear in the same
# capture must be found, so the search is shown able to fail.
set -euo pipefail
CLI=$(readlink -f "$1")
source "$(dirname "$(readlink -f "$0")")/bridgehosts.sh"
need_netns crypto_capture tcpdump python3

tag="lpc$$"
work=$(mktemp -d /dev/shm/lpcapture.XXXXXX)
pids=()
dumps=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    remove_bridge_hosts "$tag" 3
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() {
    echo "crypto_capture: FAIL: $*" >&2
    for f in "$work"/*.json "$work"/*.log; do [ -s "$f" ] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done
    exit 1
}
t0=$(date +%s%3N)
ok() { echo "crypto_capture: ok: $* ($(( $(date +%s%3N) - t0 )) ms)"; }

# Hosts a, b and c are namespaces $tag-1..3.
bridge_hosts "$tag" 3 10.79
ns_of() { case $1 in a) echo 1 ;; b) echo 2 ;; c) echo 3 ;; esac; }
A=$(host_addr 10.79 1) B=$(host_addr 10.79 2) C=$(host_addr 10.79 3)

# Everything on every interface of each host, whole packets, written as it comes. In immediate
# mode each ring slot is snaplen long: a snaplen just above the largest IPv4 packet and a 64 MiB
# ring hold the whole file's ~330 GSO packets even if tcpdump gets no CPU meanwhile.
for h in a b c; do
    ip netns exec "$tag-$(ns_of $h)" tcpdump -i any --immediate-mode -B 65536 -s 65600 -U -Z root \
        -w "$work/$h.pcap" 2>"$work/tcpdump-$h.log" &
    dumps+=($!)
    pids+=($!)
done
for h in a b c; do
    for _ in $(seq 50); do grep -q "listening on" "$work/tcpdump-$h.log" && break; sleep 0.1; done
    grep -q "listening on" "$work/tcpdump-$h.log" || fail "tcpdump did not start in $h"
done

run="$(date +%s%N)"
chat="chat-secret-$run: the quarterly numbers are bad"
sealed="sealed-secret-$run: the new door code is 4711"
group="group-secret-$run: layoffs announced on Friday"
control="control-clear-$run: this one is sent in clear on purpose"
marker="FILE-MARKER-$run-CONFIDENTIAL"
python3 - "$work/payload.bin" "$marker" <<'EOF'
import os, sys
path, marker = sys.argv[1], sys.argv[2].encode()
size = 20 * 1000 * 1000
with open(path, "wb") as f:
    written = 0
    while written < size:
        chunk = os.urandom(4096) + marker  # the marker every ~4 KiB, between random bytes
        f.write(chunk[: size - written])
        written += len(chunk)
EOF
mkdir -p "$work/got"
chmod -R a+rX "$work"

# Each host its own user name: the key ring pins keys by user@host, and the namespaces share one
# host name. Arrays, not functions: a backgrounded function is a subshell, and killing it leaves
# the program running.
on_a=(ip netns exec "$tag-1" env USER=user-a "$CLI")
on_b=(ip netns exec "$tag-2" env USER=user-b "$CLI")
on_c=(ip netns exec "$tag-3" env USER=user-c "$CLI")
# No --bind: a socket bound to one address does not hear broadcasts, and discovery is part of it.
opts() { echo --nick "host$1" --profile "$work/p$1"; }

# B and C listen; A sends; listen exits after its count.
"${on_b[@]}" listen --json --open-sealed --count 3 $(opts 2) >"$work/b.json" 2>"$work/b.log" &
lb=$!; pids+=($lb)
"${on_c[@]}" listen --json --count 2 $(opts 3) >"$work/c.json" 2>"$work/c.log" &
lc=$!; pids+=($lc)
sleep 1
"${on_a[@]}" send --require-encryption --to $B $(opts 1) "$chat" >>"$work/a.log" 2>&1 || fail "chat to B"
"${on_a[@]}" send --require-encryption --sealed --until-read --to $B $(opts 1) "$sealed" >>"$work/a.log" 2>&1 ||
    fail "sealed message to B (read receipt)"
"${on_a[@]}" send --require-encryption --to $B --to $C $(opts 1) "$group" >>"$work/a.log" 2>&1 || fail "group message"
"${on_a[@]}" send --no-encryption --to $C $(opts 1) "$control" >>"$work/a.log" 2>&1 || fail "control message in clear"
wait $lb || fail "B's listen did not get three messages"
wait $lc || fail "C's listen did not get two messages"
python3 - "$work/b.json" "$work/c.json" "$chat" "$sealed" "$group" "$control" <<'EOF' || fail "messages"
import json, sys
b = [json.loads(l) for l in open(sys.argv[1])]
c = [json.loads(l) for l in open(sys.argv[2])]
chat, sealed, group, control = sys.argv[3:7]
want = [(b, chat, True), (b, sealed, True), (b, group, True), (c, group, True), (c, control, False)]
bad = 0
for got, text, enc in want:
    m = [x for x in got if x["text"] == text]
    if not m or m[0]["encrypted"] != enc or (enc and not m[0]["verified"]):
        print("%r: %s" % (text[:30], m)); bad += 1
sys.exit(bad)
EOF
ok "chat, sealed (read) and group arrived encrypted and verified; the control arrived plain"

"${on_b[@]}" receive --accept-all --count 1 --dir "$work/got" $(opts 2) >"$work/recv.log" 2>&1 &
rb=$!; pids+=($rb)
sleep 0.5
"${on_a[@]}" send-file --to $B $(opts 1) --message "file-note-$run" "$work/payload.bin" >"$work/sendfile.log" 2>&1 ||
    fail "send-file"
wait $rb || fail "receive"
cmp "$work/payload.bin" "$work/got/payload.bin" || fail "the file did not arrive byte-identical"
ok "20 MB file arrived byte-identical"

# tcpdump drops what it has not written when it stops: let the captures settle first (a second
# without growth; --immediate-mode hands over each packet, not each filled block).
size() { cat "$work"/*.pcap | wc -c; }
last=-1 still=0
for _ in $(seq 40); do
    now=$(size)
    if [ "$now" -eq "$last" ]; then still=$((still + 1)); else still=0; fi
    [ $still -ge 2 ] && break
    last=$now
    sleep 0.5
done
for p in "${dumps[@]}"; do kill -INT "$p" 2>/dev/null || true; done
for p in "${dumps[@]}"; do wait "$p" 2>/dev/null || true; done
ls -l "$work"/*.pcap | awk '{ print "crypto_capture: capture " $NF ": " $5 " bytes" }'
# The receiver's capture must hold at least the file's bytes, or a search of it proves nothing.
payload=$(python3 - "$work/b.pcap" <<'EOF'
import struct, sys
d = open(sys.argv[1], "rb").read()
off, total, cut = 24, 0, 0
while off + 16 <= len(d):
    _, _, cap, orig = struct.unpack("<IIII", d[off:off + 16])
    off += 16 + cap
    total += cap
    cut += cap < orig
print(total, cut)
EOF
)
read -r payload cut <<<"$payload"
[ "$cut" -eq 0 ] || fail "$cut packets in B's capture were cut at the snapshot length"
[ "$payload" -ge 20000000 ] || fail "B's capture holds only $payload bytes of packets, less than the file"

# Searches the raw capture bytes for each needle in several encodings; prints what was found.
python3 - "$work" "$chat" "$sealed" "$group" "$marker" "file-note-$run" "$control" <<'EOF' >"$work/search.log" || true
import base64, binascii, sys
work, needles = sys.argv[1], sys.argv[2:]
caps = {h: open("%s/%s.pcap" % (work, h), "rb").read() for h in "abc"}
def forms(text):
    raw = text.encode()
    yield "utf-8", raw
    yield "utf-16le", text.encode("utf-16-le")
    yield "utf-16be", text.encode("utf-16-be")
    yield "hex", binascii.hexlify(raw)
    yield "HEX", binascii.hexlify(raw).upper()
    for k in range(3):  # base64 at each alignment; the edge characters depend on neighbours
        yield "base64+%d" % k, base64.b64encode(raw[k:])[2:-4]
for i, text in enumerate(needles):
    for form, data in forms(text):
        for h, cap in caps.items():
            if data in cap:
                print("%d\t%s\t%s\t%s" % (i, form, h, text))
EOF
found() { awk -F'\t' -v i="$1" '$1 == i' "$work/search.log"; }
[ -n "$(found 5)" ] || fail "the control text sent in clear is not in the captures: the search is blind"
ok "control text sent in clear IS found ($(found 5 | cut -f2,3 | tr '\t\n' '@ '))"
i=0
for what in "chat" "sealed message" "group message" "file marker" "file offer's message"; do
    [ -z "$(found $i)" ] || fail "the $what is readable on the wire: $(found $i | cut -f2,3 | tr '\t\n' '@ ')"
    ok "the $what is nowhere in the captures"
    i=$((i + 1))
done
echo "crypto_capture: all passed"
