#!/usr/bin/env bash
# Installs the Debian packages LanPigeon needs to build, test and run; only what is missing.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
    # encryption and signatures (OpenSSL 3); the Windows-style test peer (Python cryptography)
    libssl-dev python3-cryptography
    # pinyin for the buddy search (ICU's Han-Latin transliterator)
    libicu-dev
    # the GUI: SVG icons, emoji in chats
    libqt6svg6 fonts-noto-color-emoji
    # pictures in chats: Qt's WebP reader (PNG is built in, JPEG and GIF come with qt6-base)
    qt6-image-formats-plugins
    # Qt's own words (OK, Cancel, the file dialogs) in the user's language
    qt6-translations-l10n
    # bringing the window forward when LanPigeon is started again (X11)
    libxcb1-dev
    # interop and system tests: a real iptux under Xvfb, namespaces, libFuzzer
    iptux xvfb xauth dbus dbus-x11 xdotool x11-apps imagemagick
    iproute2 nftables socat python3 clang libclang-rt-14-dev time bc
    # the packet capture that proves chats and files cross the wire encrypted; scp to compare
    tcpdump openssh-client openssh-server
    # TFTP interop and benchmarks: real servers and clients to compare with
        tftpd-hpa tftp-hpa atftp curl
    # Chinese text in the GUI and in screenshots
    fonts-wqy-microhei
    # the window's journey test pastes a message too long to type
    xclip
    # pictures in chat: WebP, the one of the four formats Qt's base does not read
    qt6-image-formats-plugins
    # the installable package: man pages from --help, PNG icons from the SVG, the .deb's
    # dependencies (dpkg-shlibdeps) and its checks
    help2man librsvg2-bin dpkg-dev lintian desktop-file-utils appstream
)
[ "${1:-}" = "--list" ] && { printf '%s\n' "${packages[@]}"; exit 0; }

# atftpd conflicts with tftpd-hpa as a package, yet both servers are benchmarked: unpack
# Debian's atftpd next to the build instead of installing it.
fetch_atftpd() {
    local dir="build-tools/atftpd"
    [ -x "$dir/usr/sbin/atftpd" ] && return 0
    local tmp
    tmp=$(mktemp -d)
    chmod 755 "$tmp"  # apt downloads as its own _apt user
    (cd "$tmp" && apt-get download atftpd >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$dir"
    dpkg -x "$tmp"/atftpd_*.deb "$dir"
    rm -rf "$tmp"
}

finish() {
    fetch_atftpd || { apt-get update -qq && fetch_atftpd; }
    # The package starts a system-wide server on port 69; tests run their own on high ports.
    if command -v service >/dev/null && pgrep -x in.tftpd >/dev/null; then service tftpd-hpa stop >/dev/null 2>&1 || true; fi
}

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { finish; exit 0; }

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
finish
