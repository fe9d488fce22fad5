# Sourced by the loopback system tests: a scratch folder and the processes started in it, both
# gone at exit however the test ends, and a process's resident memory.
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rss_kib() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
