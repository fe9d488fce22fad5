#!/usr/bin/env bash
# The TFTP server ignores requests sent to a broadcast address (RFC 1123 4.2.3.5) and answers
# the same request sent to it directly. Two network namespaces on a veth pair, real broadcast.
set -euo pipefail
CLI=$(readlink -f "$1")
source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_netns tftp_broadcast
A="lptb$$a"; B="lptb$$b"
work=$(mktemp -d)
cleanup() {
    kill $(jobs -p) 2>/dev/null || true
    wait 2>/dev/null || true
    ip netns del $A 2>/dev/null || true
    ip netns del $B 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add $A; ip netns add $B
ip link add tba$$ netns $A type veth peer name tbb$$ netns $B
ip -n $A addr add 10.97.0.1/24 brd 10.97.0.255 dev tba$$
ip -n $B addr add 10.97.0.2/24 brd 10.97.0.255 dev tbb$$
for ns in $A $B; do ip -n $ns link set lo up; done
ip -n $A link set tba$$ up; ip -n $B link set tbb$$ up
mkdir "$work/root"; echo "firmware" >"$work/root/fw.bin"; chmod -R a+rX "$work"
# Bound to every address, so the broadcast reaches its socket.
ip netns exec $B "$CLI" tftp serve "$work/root" --port 6969 >"$work/serve.out" 2>&1 &
for _ in $(seq 100); do grep -q serving "$work/serve.out" 2>/dev/null && break; sleep 0.05; done

# Sends one RRQ to $1 and prints the opcode of the first reply, or "none" within 1.5 s.
ask() {
    ip netns exec $A python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.bind(("10.97.0.1", 0))
s.settimeout(1.5)
s.sendto(b"\x00\x01fw.bin\x00octet\x00", (sys.argv[1], 6969))
try:
    data, _ = s.recvfrom(1024)
    print(int.from_bytes(data[:2], "big"))
except socket.timeout:
    print("none")
PY
}
got=$(ask 10.97.0.255)
[ "$got" = none ] || { echo "tftp_broadcast: FAIL: answered a broadcast request (opcode $got)" >&2; exit 1; }
got=$(ask 255.255.255.255)
[ "$got" = none ] || { echo "tftp_broadcast: FAIL: answered a limited-broadcast request (opcode $got)" >&2; exit 1; }
got=$(ask 10.97.0.2)
[ "$got" = 3 ] || { echo "tftp_broadcast: FAIL: no DATA for a direct request (got $got)" >&2; cat "$work/serve.out" >&2; exit 1; }
echo "tftp_broadcast: ok (broadcasts ignored, direct request answered)"
