#!/usr/bin/env bash
# Encryption against an independent Windows 4.99-style peer (winpeer.py, written from the
# protocol doc with Python's cryptography), on loopback: every body variant and hostile case
# winpeer sends must arrive marked as the core decides; what we send must open in winpeer with a
# good SHA-256 signature, with the TO list inside for a group, sealed with its read receipt; an
# old client without encryption gets plain text, unless --require-encryption refuses. Files go
# to winpeer encrypted (§1.7), and replayed or unsigned requests are refused. Two winpeers with
# one user and host name (cloned PCs) each get and send messages with their own keys.
set -euo pipefail
CLI=$(readlink -f "$1")
WP=$(readlink -f "$(dirname "$0")/winpeer.py")
python3 -c 'import cryptography' 2>/dev/null ||
    { echo "winpeer_crypto: FAIL: python3-cryptography is not installed (make deps)" >&2; exit 1; }

LP=127.0.0.1 W1=127.0.0.2 W2=127.0.0.3 OLD=127.0.0.4
PORT=$((30000 + RANDOM % 20000))
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "winpeer_crypto: FAIL: $*" >&2
    for f in "$work"/*.json "$work"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; cat "$f" >&2; }; done
    exit 1
}
ok() { echo "winpeer_crypto: ok: $*"; }
lp=(--bind $LP --port $PORT --no-broadcast --profile "$work/lp" --nick LanPigeon)
winpeer() { python3 "$WP" --port $PORT "$@"; }
# Key generation takes a while on a busy machine: wait for winpeer's first event.
ready() { for _ in $(seq 100); do grep -q '"event": "ready"' "$1" && return; sleep 0.1; done; fail "winpeer not ready: $1"; }

our_fp=$("$CLI" key --profile "$work/lp" 2>"$work/key.log") || fail "lanpigeon-cli key failed"
[ -n "$our_fp" ] || fail "lanpigeon-cli key printed nothing"

# --- 1. every variant winpeer can send, read by lanpigeon-cli listen ---------------------------
cat >"$work/in.wps" <<EOF
entry $LP
expect ansentry from=$LP
getkey $LP
expect getpubkey from=$LP
send $LP "base64, SHA-256, packet-number IV"
expect recvmsg
send $LP "hex, SHA-256, packet-number IV" enc=hex
send $LP "base64, SHA-1" sign=sha1
send $LP "hex, SHA-1, zero IV" enc=hex sign=sha1 iv=zero
send $LP "base64, unsigned" sign=none
send $LP "hex, unsigned, zero IV" enc=hex sign=none iv=zero
send $LP "ENCEXT with the file list inside" ext=on files=report.txt:1234
send $LP "ENCEXT with a TO list inside" to=bob:BOBPC,carol:CAROLPC
send $LP "clear file list after the body" files=notes.txt:99
send $LP "sealed, read receipt wanted" sealed readcheck
expect readmsg from=$LP timeout=10
send $LP "tampered: first cipher block" tamper=block
send $LP "tampered: padding" tamper=padding
send $LP "wrong signature" tamper=sig
send $LP "signed with another key" signkey=other
send $LP "truncated body" truncate=60
send $LP "plain text after encrypted" plain
# A bad signature makes LanPigeon ask for our key once more before it judges: answered with the
# old key before the rekey, or the messages signed with the next key would be judged by it.
expect getpubkey from=$LP timeout=10
rekey
# Started again with the new key: a restart takes longer than the 4 s after a key answer in which
# a start-up's repeated entries ask for no key again.
sleep 4.5
entry $LP
expect getpubkey from=$LP timeout=10
sleep 0.5
send $LP "signed with a changed key"
sleep 1
EOF
"$CLI" listen --json --open-sealed --count 17 --extra-host $W1 "${lp[@]}" >"$work/listen.json" 2>"$work/listen.log" &
listen=$!
pids+=($listen)
sleep 0.5
winpeer --bind $W1 --script "$work/in.wps" >"$work/win-in.json" 2>"$work/win-in.log" ||
    fail "winpeer's script stopped (see its fail event)"
for _ in $(seq 50); do kill -0 $listen 2>/dev/null || break; sleep 0.1; done
kill -0 $listen 2>/dev/null && fail "listen did not get 17 messages"
wait $listen || fail "listen exited with an error"

# Join winpeer's "sent" events to what listen printed by packet number; text -> expectations.
python3 - "$work/win-in.json" "$work/listen.json" <<'EOF' || fail "incoming variants"
import json, sys
# text sent: (text shown, encrypted, verified, warning); None text = empty (nothing to show)
expect = {
    "base64, SHA-256, packet-number IV": (True, True, True, None),
    "hex, SHA-256, packet-number IV": (True, True, True, None),
    "base64, SHA-1": (True, True, True, None),
    "hex, SHA-1, zero IV": (True, True, True, None),
    "base64, unsigned": (True, True, False, "not-signed"),
    "hex, unsigned, zero IV": (True, True, False, "not-signed"),
    "ENCEXT with the file list inside": (True, True, True, None),
    "ENCEXT with a TO list inside": (True, True, True, None),
    "clear file list after the body": (True, True, True, None),
    "sealed, read receipt wanted": (True, True, True, None),
    "tampered: first cipher block": (False, True, False, "bad-signature"),
    "tampered: padding": (False, True, False, "undecryptable"),
    "wrong signature": (True, True, False, "bad-signature"),
    "signed with another key": (True, True, False, "bad-signature"),
    "truncated body": (False, True, False, "undecryptable"),
    "plain text after encrypted": (True, False, False, "downgrade"),
    "signed with a changed key": (True, True, False, "key-changed"),
}
sent = [json.loads(l) for l in open(sys.argv[1]) if '"sent"' in l]
got = {m["packetNo"]: m for m in map(json.loads, open(sys.argv[2]))}
bad = 0
for s in sent:
    text = s["text"]
    shown, enc, ver, warn = expect.pop(text)
    m = got.get(s["packetNo"])
    if m is None:
        print("missing: %r" % text); bad += 1; continue
    problems = []
    if shown and m["text"] != text:
        problems.append("text %r" % m["text"])
    if not shown and m["text"] == text:
        problems.append("shown as if intact")
    if m["encrypted"] != enc: problems.append("encrypted %s" % m["encrypted"])
    if m["verified"] != ver: problems.append("verified %s" % m["verified"])
    if m["warning"] != warn: problems.append("warning %s" % m["warning"])
    if problems:
        print("%r: %s" % (text, ", ".join(problems))); bad += 1
    else:
        print("winpeer_crypto: ok: %-38s encrypted=%-5s verified=%-5s warning=%s"
              % (text, m["encrypted"], m["verified"], m["warning"]))
if expect:
    print("never sent: %s" % list(expect)); bad += 1
sys.exit(1 if bad else 0)
EOF
grep -q "\"event\": \"key\".*\"fingerprint\": \"$our_fp\", \"from\": \"$LP\"" "$work/win-in.json" ||
    fail "winpeer did not learn our key (fingerprint $our_fp) from ANSPUBKEY"
grep '"event": "entry"\|"event": "ansentry"' "$work/win-in.json" | grep -q '"ipdict": true' &&
    fail "we announced CAPIPDICTOPT"
grep '"event": "entry"\|"event": "ansentry"' "$work/win-in.json" | grep -q '"user": "[^"]*-<[0-9A-Za-z]\{16\}>"' &&
    fail "our user name has the shape of a Windows fingerprint name"
ok "winpeer holds our key, fingerprint $our_fp; we never announce CAPIPDICTOPT nor a fingerprint name"

# --- 2. what lanpigeon-cli sends, opened by two winpeers -------------------------------------
# Files are fetched the §1.7 way: a signed, sealed request and an AES-256-CTR reply, which only
# decrypts to the file if it was encrypted with the key winpeer chose. A replayed and an
# unsigned request must get nothing.
head -c 3000000 /dev/urandom >"$work/a.bin"
head -c 1234567 /dev/urandom >"$work/b.bin"
sum_a=$(sha256sum <"$work/a.bin" | cut -d' ' -f1)
sum_b=$(sha256sum <"$work/b.bin" | cut -d' ' -f1)
cat >"$work/out1.wps" <<EOF
entry $LP
expect message text="direct, must be encrypted" encrypted=true signature=good-sha256 trailingNul=true timeout=20
expect message text="to both of you" encrypted=true encext=true to=hanako-<????????????????>:HANAKOPC signature=good-sha256 timeout=20
expect message text="sealed for taro" sealed=true encrypted=true signature=good-sha256 timeout=20
expect ansreadmsg timeout=10
expect message text="two files" encrypted=true encext=true files=*a.bin*b.bin* signature=good-sha256 timeout=20
fetch $LP a.bin
expect fetched name=a.bin bytes=3000000 sha256=$sum_a timeout=0
fetch $LP a.bin replay
expect fetched name=a.bin bytes=0 timeout=0
fetch $LP b.bin sign=none
expect fetched name=b.bin bytes=0 timeout=0
fetch $LP b.bin how=dir
expect fetched name=b.bin how=dir sha256=$sum_b timeout=0
sleep 1
EOF
cat >"$work/out2.wps" <<EOF
entry $LP
expect message text="to both of you" encrypted=true encext=true to=taro:TAROPC signature=good-sha256 timeout=40
sleep 1
EOF
to=(--extra-host $W1 --extra-host $W2)
winpeer --bind $W1 --user taro --host TAROPC --nick Taro --script "$work/out1.wps" >"$work/win1.json" 2>"$work/win1.log" &
w1=$!
pids+=($w1)
# Hanako has the user-<fingerprint> name a Windows client with an RSA-2048 key takes (§1.5).
winpeer --bind $W2 --user hanako --host HANAKOPC --nick Hanako --windows-name --script "$work/out2.wps" >"$work/win2.json" 2>"$work/win2.log" &
w2=$!
pids+=($w2)
ready "$work/win1.json"
ready "$work/win2.json"
"$CLI" peers --json --wait 3 "${to[@]}" "${lp[@]}" >"$work/peers.json" 2>"$work/peers.log" ||
    fail "peers did not find both winpeers"
python3 - "$work/peers.json" "$work/win1.json" "$work/win2.json" <<'EOF' || fail "peers --json"
import json, sys
peers = {}
for l in open(sys.argv[1]):
    v = json.loads(l)
    for p in (v if isinstance(v, list) else [v]):
        peers[p["user"]] = p
bad = 0
for path in sys.argv[2:]:
    ready = next(e for e in map(json.loads, open(path)) if e["event"] == "ready")
    p = peers.get(ready["user"])
    if p is None:
        print("peer %s missing" % ready["user"]); bad += 1; continue
    if p["fingerprint"] != ready["fingerprint"] or p["encrypts"] is not True or p["trust"] not in ("pinned",):
        print("peer %s: fingerprint %r (winpeer %r), encrypts %r, trust %r"
              % (ready["user"], p["fingerprint"], ready["fingerprint"], p["encrypts"], p["trust"])); bad += 1
    else:
        print("winpeer_crypto: ok: peers --json: %s encrypts, trust %s, fingerprint matches winpeer's own"
              % (ready["user"], p["trust"]))
sys.exit(1 if bad else 0)
EOF
"$CLI" send --require-encryption --to $W1 "${to[@]}" "${lp[@]}" "direct, must be encrypted" 2>>"$work/send.log" ||
    fail "send --require-encryption to an encrypting winpeer"
"$CLI" send --to $W1 --to $W2 "${to[@]}" "${lp[@]}" "to both of you" 2>>"$work/send.log" ||
    fail "group send to two winpeers"
"$CLI" send --sealed --until-read --to $W1 "${to[@]}" "${lp[@]}" "sealed for taro" 2>>"$work/send.log" ||
    fail "sealed send did not come back read"
"$CLI" send-file --to $W1 "${to[@]}" "${lp[@]}" --message "two files" "$work/a.bin" "$work/b.bin" \
    >"$work/sendfile.log" 2>&1 || fail "send-file to taro did not end fetched"
grep -q "refused a replayed download request" "$work/sendfile.log" || fail "the replayed request was not reported"
grep -q "refused an unsigned download request" "$work/sendfile.log" || fail "the unsigned request was not reported"
wait $w1 || fail "winpeer taro did not open all three messages and fetch both files (see its fail event)"
wait $w2 || fail "winpeer hanako did not open the group message with taro in its TO list"
ok "direct, group (ENCEXT TO list) and sealed (read receipt) messages open in winpeer with good SHA-256 signatures"
ok "winpeer fetched both files encrypted (GETFILEDATA and GETDIRFILES, AES-256-CTR); a replayed and an unsigned request got nothing and were reported"

# --- 3. an old client that cannot encrypt ----------------------------------------------------
cat >"$work/old.wps" <<EOF
entry $LP
expect message text="plain is allowed here" encrypted=false timeout=30
sleep 0.5
EOF
winpeer --bind $OLD --user old --host OLDPC --no-encrypt --script "$work/old.wps" >"$work/old.json" 2>"$work/old.log" &
old=$!
pids+=($old)
ready "$work/old.json"
if "$CLI" send --require-encryption --to $OLD --extra-host $OLD "${lp[@]}" "must never be sent" 2>"$work/refused.log"; then
    fail "send --require-encryption sent to a peer that cannot encrypt"
fi
"$CLI" send --to $OLD --extra-host $OLD "${lp[@]}" "plain is allowed here" 2>>"$work/send.log" ||
    fail "plain send to an old client"
wait $old || fail "the old client did not get the plain message"
grep -q "must never be sent" "$work/old.json" && fail "the refused text reached the old client"
ok "--require-encryption refuses an old client ($(head -c 120 "$work/refused.log" | tr '\n' ' ')); without it the text goes plain"
# --- 4. two winpeers with one user and host name (cloned PCs) --------------------------------
# Keys are pinned by user@host, yet each address is sealed to and checked with the key it
# showed itself; the second machine's key is pinned beside the first, with no "key changed".
cl=(--bind $LP --port $PORT --no-broadcast --profile "$work/clones" --nick LanPigeon)
for n in 1 2; do
    cat >"$work/clone$n.wps" <<EOF
entry $LP
getkey $LP
send $LP "from clone $n"
expect recvmsg from=$LP timeout=20
expect message text="to both clones" encrypted=true signature=good-sha256 timeout=40
sleep 0.5
EOF
done
"$CLI" listen --json --count 2 --extra-host $W1 --extra-host $W2 "${cl[@]}" >"$work/clones-listen.json" 2>"$work/clones-listen.log" &
listen=$!
pids+=($listen)
sleep 0.5
winpeer --bind $W1 --user clone --host CLONEPC --nick One --script "$work/clone1.wps" >"$work/clone1.json" 2>"$work/clone1.log" &
c1=$!
pids+=($c1)
winpeer --bind $W2 --user clone --host CLONEPC --nick Two --script "$work/clone2.wps" >"$work/clone2.json" 2>"$work/clone2.log" &
c2=$!
pids+=($c2)
for _ in $(seq 300); do kill -0 $listen 2>/dev/null || break; sleep 0.1; done
kill -0 $listen 2>/dev/null && fail "listen did not get a message from each clone"
wait $listen || fail "listen (clones) exited with an error"
python3 - "$work/clones-listen.json" <<'EOF' || fail "messages from the clones"
import json, sys
got = {m["text"]: m for m in map(json.loads, open(sys.argv[1]))}
bad = 0
for text in ("from clone 1", "from clone 2"):
    m = got.get(text)
    if m is None:
        print("missing: %r" % text); bad += 1
    elif m["encrypted"] is not True or m["verified"] is not True or m["warning"] is not None:
        print("%r: encrypted %s verified %s warning %s" % (text, m["encrypted"], m["verified"], m["warning"])); bad += 1
sys.exit(1 if bad else 0)
EOF
ok "messages from two clone@CLONEPC machines both open verified, neither warns of a changed key"
"$CLI" peers --json --wait 3 --extra-host $W1 --extra-host $W2 "${cl[@]}" >"$work/clones-peers.json" 2>"$work/clones-peers.log" ||
    fail "peers did not find both clones"
python3 - "$work/clones-peers.json" "$work/clone1.json" "$work/clone2.json" "$W1" "$W2" <<'EOF' || fail "clones in peers --json"
import json, sys
peers = {}
for l in open(sys.argv[1]):
    v = json.loads(l)
    for p in (v if isinstance(v, list) else [v]):
        peers[p["address"]] = p
bad = 0
for path, address in zip(sys.argv[2:4], sys.argv[4:6]):
    ready = next(e for e in map(json.loads, open(path)) if e["event"] == "ready")
    p = peers.get(address)
    if p is None or p["fingerprint"] != ready["fingerprint"] or p["trust"] != "pinned":
        print("clone at %s: %r, winpeer's fingerprint %r" % (address, p, ready["fingerprint"])); bad += 1
sys.exit(1 if bad else 0)
EOF
ok "peers --json shows each clone with its own fingerprint, both pinned"
"$CLI" send --require-encryption --to $W1 --to $W2 --extra-host $W1 --extra-host $W2 "${cl[@]}" "to both clones" 2>>"$work/send.log" ||
    fail "send to both clones"
wait $c1 || fail "clone 1 did not open the message sealed to it (see its fail event)"
wait $c2 || fail "clone 2 did not open the message sealed to it (see its fail event)"
ok "a message to both clones opens in each with a good signature"
echo "winpeer_crypto: all passed"
