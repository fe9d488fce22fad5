#!/usr/bin/env bash
# Interfaces that come and go while we run, and DIALUPOPT, in namespaces this script makes.
# (a) A host in another subnet announces to x1 with DIALUPOPT and then only listens, as IP
#     Messenger's dial-up hosts do: it must hear x1's heartbeat, its new status and its new nick
#     (typed on `listen --commands`), each by unicast with DIALUPOPT set.
# (b) m runs `watch` with nothing but loopback. A veth to a bridge with h1 and h2 is added and
#     given an address: both show up within ~3 s, not at the next 30 s heartbeat. The veth goes:
#     both leave within a few seconds. It comes back: they do too. The link down for 3 s and up
#     again (a Wi-Fi reconnect): nobody leaves.
# Traffic stays inside the namespaces and bridges this script makes.
set -euo pipefail
CLI=$(readlink -f "$1")

source "$(dirname "$(readlink -f "$0")")/needroot.sh"
source "$(dirname "$(readlink -f "$0")")/subnetlib.sh"
need_netns interfaces python3

tag="if$$"
work=$(mktemp -d)
pids=()
cleanup() {
    exec 7>&- 2>/dev/null || true
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    subnet_remove "$tag" r x1 y1 h1 h2 m
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "interfaces: FAIL: $*" >&2
    for f in "$work"/*.out "$work"/*.err; do [ -s "$f" ] && { echo "--- ${f##*/}" >&2; tail -8 "$f" >&2; }; done
    exit 1
}
now_ms() { date +%s%3N; }

# Subnet n is 10.82.n.0/24 on bridge brn; subnets 1 and 2 are joined by r (.254), 3 is alone.
subnet_router "$tag" 10.82 1 2
subnet_bridge "$tag" 3
host() { subnet_host "$tag" "$1" 10.82 "$2" "$3"; }
host x1 1 1
host y1 2 1
host h1 3 1
host h2 3 2
ip netns add "$tag-m"
ip -n "$tag-m" link set lo up

# Keys made now, one after another: made at start, five at once would take seconds of CPU
# and blur the timings below.
for h in x1 h1 h2 m; do "$CLI" key --profile "$work/$h" >/dev/null 2>&1 || fail "no key for $h"; done

# --- (a) DIALUPOPT ---
mkfifo "$work/x1.in"
ip netns exec "$tag-x1" "$CLI" listen --commands --nick x1 --profile "$work/x1" \
    --announce-interval-ms 1000 <"$work/x1.in" >"$work/x1.out" 2>"$work/x1.err" &
pids+=($!)
exec 7>"$work/x1.in"
# The dial-up host's one BR_ENTRY must find it listening.
deadline=$(( $(now_ms) + 10000 ))
until grep -q "listening on" "$work/x1.err" 2>/dev/null; do
    [ "$(now_ms)" -lt "$deadline" ] || fail "x1 did not start"
    sleep 0.05
done
# A dial-up host: one BR_ENTRY with DIALUPOPT, then it answers BR_ENTRY and listens, 6 s.
ip netns exec "$tag-y1" python3 - 10.82.1.1 >"$work/y1.out" 2>"$work/y1.err" <<'PY' &
import json, socket, sys, time
DIALUP, BR_ENTRY, BR_EXIT, ANSENTRY, BR_ABSENCE = 0x10000, 1, 2, 3, 4
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 2425))
s.settimeout(0.1)
n = 1
def send(cmd, to):
    global n
    n += 1
    s.sendto(b"1:%d:dial:uphost:%d:y1\0grp\0" % (n, cmd), to)
send(BR_ENTRY | DIALUP, (sys.argv[1], 2425))
end = time.time() + 6
heard = []
while time.time() < end:
    try:
        data, frm = s.recvfrom(65536)
    except socket.timeout:
        continue
    f = data.split(b":", 5)
    if len(f) < 6 or not f[4].isdigit():
        continue
    cmd = int(f[4])
    if cmd & 0xff == BR_ENTRY:
        send(ANSENTRY, frm)
    if cmd & 0xff in (BR_ENTRY, BR_EXIT, BR_ABSENCE):
        heard.append({"mode": cmd & 0xff, "dialup": bool(cmd & DIALUP),
                      "away": b"lunch" in f[5], "nick": b"Xavier" in f[5]})
print(json.dumps(heard))
PY
ypid=$!
pids+=($ypid)
sleep 2
echo "status away lunch" >&7
sleep 1.5
echo "nick Xavier" >&7
wait "$ypid" || fail "the dial-up host failed"
python3 - "$work/y1.out" <<'PY' || fail "the dial-up host: $(cat "$work/y1.out")"
import json, sys
heard = json.load(open(sys.argv[1]))
absences = [h for h in heard if h["mode"] == 4]
assert all(h["dialup"] for h in heard), "a packet to it without DIALUPOPT"
assert len(absences) >= 4, "%d BR_ABSENCE, want heartbeats and both changes" % len(absences)
assert any(h["away"] for h in absences), "never heard 'away'"
assert any(h["nick"] for h in absences), "never heard the new nick"
print("interfaces: the DIALUPOPT host in 10.82.2.0/24 heard %d BR_ABSENCE by unicast, "
      "away and the new nick among them" % len(absences))
PY

# --- (b) an interface added, removed, added, flickering ---
for h in h1 h2; do
    ip netns exec "$tag-$h" "$CLI" watch --json --nick "$h" --profile "$work/$h" \
        >"$work/$h.out" 2>"$work/$h.err" &
    pids+=($!)
done
ip netns exec "$tag-m" "$CLI" watch --json --nick m --profile "$work/m" \
    >"$work/m.out" 2>"$work/m.err" &
pids+=($!)
# Past h1's and h2's own repeats of BR_ENTRY at start (0, 1 and 3 s): what m hears of them
# from now on is their answer to its entry, or their heartbeat 30 s on.
sleep 3.5
count() { grep -c "\"event\":\"$2\".*$3" "$work/$1.out" 2>/dev/null || true; }
wait_count() { # event pattern count seconds what
    local deadline=$(( $(now_ms) + $4 * 1000 ))
    until [ "$(count m "$1" "$2")" -ge "$3" ]; do
        [ "$(now_ms)" -lt "$deadline" ] || fail "m: $5 not within $4 s"
        sleep 0.05
    done
}
plug() {
    # The same MAC each time, as a cable plugged in again or a Wi-Fi card back brings its own:
    # h1 and h2 still hold it in their neighbour tables.
    ip link add "vm-$tag" type veth peer name eth0 address 02:00:0a:52:03:64 netns "$tag-m"
    ip link set "vm-$tag" master "br3-$tag" up
    ip -n "$tag-m" addr add 10.82.3.100/24 brd 10.82.3.255 dev eth0
    ip -n "$tag-m" link set eth0 up
}
[ "$(count m join nick)" -eq 0 ] || fail "m saw someone with loopback only"
t0=$(now_ms)
plug
wait_count join '"nick":"h1"' 1 4 "h1 after the veth came up"
wait_count join '"nick":"h2"' 1 4 "h2 after the veth came up"
echo "interfaces: veth added: m sees h1 and h2 after $(( $(now_ms) - t0 )) ms"
t0=$(now_ms)
ip -n "$tag-m" link del eth0
wait_count leave '10.82.3.1:' 1 9 "h1 leaving after the veth went"
wait_count leave '10.82.3.2:' 1 9 "h2 leaving after the veth went"
echo "interfaces: veth removed: both gone after $(( $(now_ms) - t0 )) ms"
t0=$(now_ms)
plug
wait_count join '"nick":"h1"' 2 4 "h1 back"
wait_count join '"nick":"h2"' 2 4 "h2 back"
echo "interfaces: veth back: both back after $(( $(now_ms) - t0 )) ms"
ip -n "$tag-m" link set eth0 down
sleep 3
ip -n "$tag-m" link set eth0 up
sleep 6
[ "$(count m leave 10.82.3)" -eq 2 ] || fail "a 3 s link drop made peers leave: $(grep leave "$work/m.out")"
echo "interfaces: link down 3 s and up again: nobody left"
[ "$(count m join '"nick":"m"')" -eq 0 ] || fail "m listed itself"
echo "interfaces: 5 passed, 0 failed"
