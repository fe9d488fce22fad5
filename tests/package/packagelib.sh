# What the package tests share: the .deb made by CPack from the build folder, into $work.
# Set NAME, then source this file. CPack installs the built files into a staging folder and
# packs them; it builds nothing, so the build must be done (ctest runs after it).
# shellcheck shell=bash
BUILD=$(readlink -f "$1")
work=$(mktemp -d)
chmod 755 "$work"  # apt reads the .deb as its own _apt user
fail() {
    echo "$NAME: FAIL: $*" >&2
    exit 1
}
need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$NAME: needs $tool (make deps)" >&2; exit 1; }
    done
}
# Makes the .deb and prints its path.
make_deb() {
    (cd "$work" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$work/deb" >"$work/cpack.log" 2>&1) ||
        { cat "$work/cpack.log" >&2; fail "cpack could not make the .deb"; }
    local deb
    deb=$(ls "$work"/deb/lanpigeon_*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] || { cat "$work/cpack.log" >&2; fail "cpack made no lanpigeon_*.deb"; }
    echo "$deb"
}
