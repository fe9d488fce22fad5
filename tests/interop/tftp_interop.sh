#!/usr/bin/env bash
# TFTP interop on loopback high ports (servers in the foreground):
#  our server with tftp-hpa's client, curl (blksize 512, 1468, 65464, an upload, an empty file)
#  and atftp (windowsize 16); our client against tftpd-hpa's in.tftpd and atftpd.
# Every copy is compared by sha256. Fails loudly if a tool is missing; never skips.
set -euo pipefail
CLI=$(readlink -f "$1")
ATFTPD=$(readlink -f "$(dirname "$0")/../../build-tools/atftpd/usr/sbin/atftpd" 2>/dev/null || true)
for tool in tftp atftp curl in.tftpd sha256sum; do
    command -v "$tool" >/dev/null || { echo "tftp_interop: FAIL: $tool is not installed (make deps)" >&2; exit 1; }
done
[ -x "$ATFTPD" ] || { echo "tftp_interop: FAIL: atftpd is not unpacked in build-tools (make deps)" >&2; exit 1; }

IP=127.0.0.1
OURS=$((20000 + RANDOM % 10000)); HPA=$((OURS + 1)); ATFTPD_PORT=$((OURS + 2))
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
passed=0
fail() { echo "tftp_interop: FAIL: $*" >&2; cat "$work"/*.log >&2 2>/dev/null || true; exit 1; }
same() { # name a b
    [ -f "$3" ] || fail "$1: no file $3"
    [ "$(sha256sum <"$2")" = "$(sha256sum <"$3")" ] || fail "$1: $3 differs from $2"
    passed=$((passed + 1))
    echo "tftp_interop: ok: $1"
}

mkdir -p "$work/root" "$work/got" "$work/hpa" "$work/atftpd"
head -c 3000000 /dev/urandom >"$work/root/fw.bin"
: >"$work/root/empty.bin"
head -c 1234567 /dev/urandom >"$work/upload.bin"

# --- our server -----------------------------------------------------------------------------
"$CLI" tftp serve "$work/root" --bind $IP --port $OURS --allow-write 2>"$work/ours.log" &
pids+=($!)
for _ in $(seq 50); do grep -q serving "$work/ours.log" && break; sleep 0.1; done

(cd "$work/got" && tftp -m binary $IP $OURS -c get fw.bin hpa.bin) || fail "tftp-hpa get"
same "tftp-hpa client gets from our server" "$work/root/fw.bin" "$work/got/hpa.bin"
for b in 512 1468 65464; do
    curl -sS --tftp-blksize $b -o "$work/got/curl-$b.bin" "tftp://$IP:$OURS/fw.bin" || fail "curl blksize $b"
    same "curl blksize $b gets from our server" "$work/root/fw.bin" "$work/got/curl-$b.bin"
done
curl -sS -T "$work/upload.bin" "tftp://$IP:$OURS/curl-up.bin" || fail "curl upload"
sleep 0.3
same "curl uploads to our server" "$work/upload.bin" "$work/root/curl-up.bin"
curl -sS --tftp-no-options -o "$work/got/empty.bin" "tftp://$IP:$OURS/empty.bin" || fail "curl empty file"
same "curl gets an empty file from our server" "$work/root/empty.bin" "$work/got/empty.bin"
atftp --option "windowsize 16" --option "blksize 1468" -g -r fw.bin -l "$work/got/atftp.bin" $IP $OURS \
    >"$work/atftp.log" 2>&1 || fail "atftp windowsize 16 get"
same "atftp windowsize 16 gets from our server" "$work/root/fw.bin" "$work/got/atftp.bin"

# --- our client against tftpd-hpa and atftpd ------------------------------------------------
cp "$work/root/fw.bin" "$work/hpa/"
cp "$work/root/fw.bin" "$work/atftpd/"
chmod 777 "$work/hpa" "$work/atftpd"
in.tftpd -L -a $IP:$HPA -c -p -u "$(id -un)" -s "$work/hpa" >"$work/hpa.log" 2>&1 &
pids+=($!)
"$ATFTPD" --daemon --no-fork --port $ATFTPD_PORT --bind-address $IP --logfile "$work/atftpd.log" "$work/atftpd" &
pids+=($!)
sleep 0.5

"$CLI" tftp get $IP:$HPA fw.bin "$work/got/from-hpa.bin" --bind $IP 2>>"$work/client.log" || fail "our client get from in.tftpd"
same "our client gets from tftpd-hpa" "$work/root/fw.bin" "$work/got/from-hpa.bin"
"$CLI" tftp put $IP:$HPA "$work/upload.bin" up.bin --bind $IP 2>>"$work/client.log" || fail "our client put to in.tftpd"
sleep 0.3
same "our client puts to tftpd-hpa" "$work/upload.bin" "$work/hpa/up.bin"
"$CLI" tftp get $IP:$ATFTPD_PORT fw.bin "$work/got/from-atftpd.bin" --bind $IP --blksize 1468 --windowsize 16 \
    2>>"$work/client.log" || fail "our client get from atftpd"
same "our client gets from atftpd (blksize 1468, windowsize 16)" "$work/root/fw.bin" "$work/got/from-atftpd.bin"
"$CLI" tftp get $IP:$ATFTPD_PORT fw.bin "$work/got/from-atftpd-512.bin" --bind $IP --blksize 512 \
    2>>"$work/client.log" || fail "our client get from atftpd lock-step"
same "our client gets from atftpd (lock-step 512)" "$work/root/fw.bin" "$work/got/from-atftpd-512.bin"

echo "tftp_interop: $passed passed, 0 failed"
