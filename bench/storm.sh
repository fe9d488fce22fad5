#!/usr/bin/env bash
# What encryption costs a busy LAN: the chat storm of the system tests (10,000 messages among 20
# hosts in network namespaces), sealed and signed, against the same storm in plain text
# (--no-encryption), in turns. Needs root (namespaces).
# Usage: storm.sh LANPIGEON_CLI [TURNS]   (prints bench rows, see lib.sh; asserts nothing)
set -euo pipefail
CLI=$(readlink -f "$1")
TURNS=${2:-3}
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
storm="$here/../tests/system/chat_storm.sh"

# chat_storm.sh is run by bash (it is not executable); its report goes to stderr as progress.
storm_ms() {
    local report
    local status=0
    report=$(STORM_FLAGS="$1" bash "$storm" "$CLI" 20 500) || status=$?
    echo "$report" >&2
    [ "$status" = 0 ] || exit "$status"
    echo "$report" | grep -o 'messages in [0-9]* ms' | grep -o '[0-9]*'
}
plain=(); sealed=()
for turn in $(seq "$TURNS"); do
    echo "storm turn $turn: plain" >&2
    plain+=("$(storm_ms --no-encryption)")
    echo "storm turn $turn: encrypted" >&2
    sealed+=("$(storm_ms "")")
done
echo "storm.sh: plain ${plain[*]} ms, encrypted ${sealed[*]} ms" >&2
row "chat storm 10,000 messages, 20 hosts, encrypted: median of $TURNS (ms)" \
    "$(echo "${sealed[*]}" | median)" "plain" "$(echo "${plain[*]}" | median)" \
    "same storm --no-encryption, in turns; target ratio <= 1.5"
