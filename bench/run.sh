#!/usr/bin/env bash
# Every benchmark, then one table: each figure of ours next to a reference measured in the same
# run, and their ratio. Asserts nothing. Also saved to BUILD/bench.txt.
# Usage: run.sh BUILD_DIR [FILE_MIB] [TFTP_MB]
set -euo pipefail
BUILD=$(readlink -f "$1")
MIB=${2:-1024}
MB=${3:-100}
here=$(dirname "$(readlink -f "$0")")
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
trap 'exit 130' INT TERM

step() { echo "bench: $1..." >&2; }
step "file transfer, $MIB MiB"
"$here/transfer.sh" "$BUILD/app/lanpigeon-cli" "$MIB" >>"$rows"
step "chat storm, encrypted and plain"
"$here/storm.sh" "$BUILD/app/lanpigeon-cli" 3 >>"$rows"
step "200 hosts on 4 subnets joined by host lists"
"$here/hostlists.sh" "$BUILD/app/lanpigeon-cli" 3 >>"$rows"
step "TFTP, $MB MB"
"$here/tftp.sh" "$BUILD/app/lanpigeon-cli" "$MB" >>"$rows"
step "GUI event loop"
QT_QPA_PLATFORM=offscreen "$BUILD/bench/eventloop/bench_eventloop" 100000 2048 2>/dev/null >>"$rows"
step "history of 1,000,000 messages"
QT_QPA_PLATFORM=offscreen "$BUILD/bench/history/bench_history" 1000000 5 2>/dev/null >>"$rows"
step "start-up and idle memory"
"$here/startup.sh" "$BUILD/app/lanpigeon" >>"$rows"

{
    echo "LanPigeon bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -r)"
    echo "Ratio = ours / reference; for times and memory lower is better, for speeds higher."
    awk -F'\t' '
        BEGIN { fmt = "%-66s %9s  %-13s %9s %6s  %s\n"
                printf fmt, "", "ours", "reference", "", "ratio", ""
                printf fmt, "", "----", "---------", "", "-----", "" }
        { ratio = ($4 != "-" && $4 + 0 > 0) ? sprintf("%.2f", $2 / $4) : ""
          printf fmt, $1, $2, ($3 == "-" ? "" : $3), ($4 == "-" ? "" : $4), ratio, $5 }' "$rows"
} | tee "$BUILD/bench.txt"
