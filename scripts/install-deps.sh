#!/usr/bin/env bash
# Installs the Debian packages LanPigeon needs to build, test and run; only what is missing.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
    # interop and system tests: a real iptux under Xvfb, namespaces, libFuzzer
    iptux xvfb xauth dbus dbus-x11 xdotool x11-apps imagemagick
    iproute2 nftables socat python3 clang libclang-rt-14-dev time bc
    # TFTP interop and benchmarks: real servers and clients to compare with
    tftpd-hpa tftp-hpa atftp atftpd curl
    # Chinese text in the GUI and in screenshots
    fonts-wqy-microhei
)
[ "${1:-}" = "--list" ] && { printf '%s\n' "${packages[@]}"; exit 0; }

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
