#!/usr/bin/env bash
# Why nobody answers, as `lanpigeon-cli peers --diagnose` says it, in namespaces this script
# builds: loopback only, loopback down, an interface down, a bind address that is not there, an
# interface up with nobody around, and port 2425 held by another program (a Python UDP socket
# without SO_REUSEADDR). Traffic stays inside the namespaces: each veth pair has both its ends in
# the same one.
set -euo pipefail
CLI=$(readlink -f "$1")

source "$(dirname "$(readlink -f "$0")")/needroot.sh"
need_netns diagnose python3

tag="lpd$$"
work=$(mktemp -d)
holder=""
cleanup() {
    [ -n "$holder" ] && kill "$holder" 2>/dev/null || true
    wait 2>/dev/null || true
    for h in lo down nolo up; do ip netns del "$tag-$h" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "diagnose: FAIL: $*"; exit 1; }

for h in lo down nolo up; do ip netns add "$tag-$h"; done
ip -n "$tag-lo" link set lo up
ip -n "$tag-down" link set lo up
ip -n "$tag-down" link add eth0 type veth peer name eth1
ip -n "$tag-down" addr add 10.79.0.1/24 brd 10.79.0.255 dev eth0
ip -n "$tag-up" link set lo up
ip -n "$tag-up" link add eth0 type veth peer name eth1
ip -n "$tag-up" addr add 10.79.0.1/24 brd 10.79.0.255 dev eth0
ip -n "$tag-up" link set eth1 up
ip -n "$tag-up" link set eth0 up

# check NAMESPACE EXPECTED [CLI options...]: the one diagnosis line peers --diagnose prints.
check() {
    local ns=$1 expected=$2 got
    shift 2
    got=$(ip netns exec "$tag-$ns" "$CLI" peers --wait 0.5 --diagnose --json \
        --profile "$work/p-$ns-$expected" "$@" 2>"$work/err" | grep '"diagnosis"' || true)
    [ "$got" = "{\"diagnosis\":\"$expected\"}" ] ||
        fail "$ns $*: expected $expected, got '${got}' ($(tail -1 "$work/err"))"
    echo "diagnose: $ns${*:+ $*}: $expected"
}

check lo only-loopback
check nolo no-interface-up
check down no-interface-up
check up no-answer
check up bind-address-missing --bind 10.79.0.9
check up only-loopback --bind 127.0.0.1

# Another program on our port, as FeiQ or iptux would be: our start fails, and says why.
ip netns exec "$tag-up" python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 2425))
print("bound", flush=True)
time.sleep(60)
' >"$work/holder" &
holder=$!
for _ in $(seq 50); do grep -q bound "$work/holder" && break; sleep 0.1; done
grep -q bound "$work/holder" || fail "the Python holder could not bind 2425"
check up port-held-by-other
echo "diagnose: every diagnosis as expected"
