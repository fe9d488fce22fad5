#!/usr/bin/env bash
# File transfer speed: one file between two lanpigeon-cli instances on loopback, plain against
# a raw TCP copy of the same bytes by socat (256 KiB buffers, as our receiver uses), encrypted
# (AES-256-CTR, ipmsg-extensions.md §1.7) against our plain transfer and against scp with
# aes256-gcm to an sshd of our own, all in turns in the same run. Also the receiver's peak memory.
# Usage: transfer.sh LANPIGEON_CLI [SIZE_MIB]   (prints bench rows, see lib.sh; asserts nothing)
set -euo pipefail
CLI=$(readlink -f "$1")
MIB=${2:-1024}
PORT=34290
SSH_PORT=34299
source "$(dirname "$(readlink -f "$0")")/lib.sh"
work=$(mktemp -d /dev/shm/lpbench.XXXXXX)   # tmpfs: the disk is not what we measure
sshd_pid=
made_privsep=
cleanup() {
    [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null && wait "$sshd_pid" 2>/dev/null
    [ -n "$made_privsep" ] && rmdir /run/sshd 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
src="$work/src.bin"
# Random bytes, so nothing along the way can cheat on zeros.
head -c $((MIB * 1024 * 1024)) /dev/urandom >"$src"

now() { date +%s.%N; }
rate() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f", b / t / 1048576 }'; }
bytes=$((MIB * 1024 * 1024))

# Our own sshd on a loopback port: its own host key, its own authorized key, nothing of the
# system's (/etc/ssh and ~/.ssh stay untouched).
start_sshd() {
    local sshd=/usr/sbin/sshd
    [ -x "$sshd" ] || return 1
    ssh-keygen -q -t ed25519 -N '' -f "$work/host_key" </dev/null >/dev/null
    ssh-keygen -q -t ed25519 -N '' -f "$work/user_key" </dev/null >/dev/null
    cp "$work/user_key.pub" "$work/authorized_keys"
    cat >"$work/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
EOF
    # A root sshd wants its privilege separation directory, which systemd makes for the
    # system's; made here only if missing, and removed again.
    if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
        mkdir -m 0755 /run/sshd && made_privsep=1
    fi
    "$sshd" -D -E "$work/sshd.log" -f "$work/sshd_config" &
    sshd_pid=$!
    echo probe >"$work/probe"
    for _ in $(seq 100); do
        scp_to "$work/probe" 2>/dev/null && return 0
        sleep 0.05
    done
    cat "$work/sshd.log" >&2
    return 1
}
scp_to() {
    scp -q -c aes256-gcm@openssh.com -P $SSH_PORT -i "$work/user_key" -o BatchMode=yes \
        -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
        "$@" "127.0.0.1:$work/scp.out"
}
have_scp=0
start_sshd && have_scp=1 || echo "transfer.sh: no sshd of our own, no scp reference" >&2

# One send-file to receive --accept-all; prints MiB/s from start to end, and sets $fetch_rate:
# MiB/s from the receiver's start of the fetch (its lanpigeon.files log line) to its exit, which
# leaves out the start-up and, when encrypted, the key exchange before the offer. Extra
# arguments go to both ends.
lanpigeon() {
    rm -rf "$work/dst"
    QT_LOGGING_RULES="lanpigeon.files.info=true" QT_MESSAGE_PATTERN='%{time yyyy-MM-dd hh:mm:ss.zzz} %{message}' \
        /usr/bin/time -f "%M" -o "$work/rss" "$CLI" receive --accept-all --count 1 --dir "$work/dst" \
        --bind 127.0.0.2 --port $PORT --no-broadcast --profile "$work/pb" "$@" \
        >/dev/null 2>"$work/recv.err" &
    local receiver=$!
    for _ in $(seq 100); do grep -q "receiving into" "$work/recv.err" 2>/dev/null && break; sleep 0.02; done
    local t0 t1
    t0=$(now)
    QT_LOGGING_RULES="lanpigeon.files.info=true" "$CLI" send-file --to 127.0.0.2 \
        --bind 127.0.0.1 --port $PORT --no-broadcast --profile "$work/pa" "$@" "$src" \
        >/dev/null 2>"$work/send.err"
    wait $receiver
    t1=$(now)
    cmp -s "$src" "$work/dst/src.bin" || { echo "LanPigeon copy differs" >&2; cat "$work"/*.err >&2; exit 1; }
    local fetched
    fetched=$(grep -m1 " fetching src.bin from " "$work/recv.err" | cut -c1-23)
    echo "$(rate $bytes "$(echo "$t1 - $t0" | bc)") $(rate $bytes "$(echo "$t1 - $(date -d "$fetched" +%s.%N)" | bc)")"
}

# One encrypted transfer of a small file first: both profiles make their keys and pin each
# other's, as peers that met before have (the first contact of two new profiles may fetch plain).
full_src=$src
mkdir "$work/warmup"
src="$work/warmup/src.bin"
head -c 1048576 /dev/urandom >"$src"
lanpigeon >/dev/null
src=$full_src

best_raw=0; best_ours=0; best_ours_fetch=0; best_enc=0; best_enc_whole=0; best_scp=0; rss=0; rss_enc=0
for run in 1 2 3 4 5; do
    # Reference: raw TCP with socat.
    rm -f "$work/raw.out"
    socat -b 262144 -u TCP-LISTEN:$PORT,bind=127.0.0.2,reuseaddr OPEN:"$work/raw.out",creat,trunc &
    listener=$!
    sleep 0.2
    t0=$(now)
    socat -b 262144 -u OPEN:"$src" TCP:127.0.0.2:$PORT,bind=127.0.0.1
    wait $listener
    t1=$(now)
    cmp -s "$src" "$work/raw.out" || { echo "raw copy differs" >&2; exit 1; }
    raw=$(rate $bytes "$(echo "$t1 - $t0" | bc)")
    rm -f "$work/raw.out"

    # LanPigeon in plain text, then encrypted (the profiles keep their keys between runs).
    read -r ours ours_fetch < <(lanpigeon --no-encryption)
    r=$(( $(cat "$work/rss") / 1024 )); [ "$r" -gt "$rss" ] && rss=$r
    # Now and then the receiver fetches plain on first contact (it learned the sender from a
    # packet before its entry); such a turn is said and run again, once.
    for attempt in 1 2; do
        read -r enc_whole enc < <(lanpigeon)
        grep -q "src.bin to 127.0.0.2 from byte 0, encrypted" "$work/send.err" && break
        echo "transfer.sh: turn $run: the encrypted transfer went plain (attempt $attempt)" >&2
        [ $attempt = 2 ] && { cat "$work"/*.err >&2; exit 1; }
    done
    r=$(( $(cat "$work/rss") / 1024 )); [ "$r" -gt "$rss_enc" ] && rss_enc=$r
    rm -rf "$work/dst"

    if [ $have_scp = 1 ]; then
        t0=$(now)
        scp_to "$src"
        t1=$(now)
        cmp -s "$src" "$work/scp.out" || { echo "scp copy differs" >&2; exit 1; }
        rm -f "$work/scp.out"
        sc=$(rate $bytes "$(echo "$t1 - $t0" | bc)")
        [ "$sc" -gt "$best_scp" ] && best_scp=$sc
    fi
    echo "transfer.sh: turn $run (MiB/s): socat $raw, plain $ours (fetch $ours_fetch)," \
        "encrypted $enc_whole (fetch $enc), scp ${sc:--}" >&2
    [ "$raw" -gt "$best_raw" ] && best_raw=$raw
    [ "$ours" -gt "$best_ours" ] && best_ours=$ours
    [ "$ours_fetch" -gt "$best_ours_fetch" ] && best_ours_fetch=$ours_fetch
    [ "$enc" -gt "$best_enc" ] && best_enc=$enc
    [ "$enc_whole" -gt "$best_enc_whole" ] && best_enc_whole=$enc_whole
done
row "file transfer $MIB MiB, send-file to receive: best of 5 (MiB/s)" "$best_ours" socat "$best_raw" "raw TCP copy, in turns"
row "  receiver peak RSS (MiB)" "$rss" - - "target < 64"
row "encrypted file transfer $MIB MiB (AES-256-CTR), fetch: best of 5 (MiB/s)" "$best_enc" "plain" "$best_ours_fetch" "ours in plain text, fetch only, in turns; target >= 0.8"
if [ $have_scp = 1 ]; then
    row "  against scp -c aes256-gcm@openssh.com (MiB/s)" "$best_enc" "scp" "$best_scp" "own sshd on loopback, whole scp, in turns; target >= 1.0"
fi
row "  start to end, key exchange included (MiB/s)" "$best_enc_whole" "plain" "$best_ours" "ours in plain text, start to end"
row "  receiver peak RSS, encrypted (MiB)" "$rss_enc" - - "target < 64"
