# Sourced by the system tests that need root. Each check leaves unless the test can run here.

# Says what NAME lacks and leaves: 77 (skipped) for a developer, 1 on CI, which runs as root
# and must never skip.
cannot_run() {
    echo "$1: needs $2" >&2
    [ "${CI:-}" = "true" ] && exit 1
    exit 77
}

# need_root NAME WHY
need_root() { [ "$(id -u)" -eq 0 ] || cannot_run "$1" "root $2"; }

# need_netns NAME [COMMAND...]: root, working network namespaces, and each COMMAND installed.
need_netns() {
    local name=$1 cmd
    shift
    need_root "$name" "for network namespaces"
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null || cannot_run "$name" "$cmd"
    done
    ip netns list >/dev/null 2>&1 || cannot_run "$name" "'ip netns'"
}
