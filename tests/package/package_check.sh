#!/usr/bin/env bash
# The installable package, checked as Debian and desktops check one: the desktop entry
# (desktop-file-validate), the AppStream data (appstreamcli validate), the .deb (lintian: no
# error, no warning that is not overridden with its reason in packaging/debian), and what the
# .deb holds and depends on. Usage: package_check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
NAME=package_check
source "$(dirname "$(readlink -f "$0")")/packagelib.sh"
SRC=$(readlink -f "$2")
trap 'rm -rf "$work"' EXIT
need cpack dpkg-deb lintian desktop-file-validate appstreamcli

id=io.github.lanpigeon.LanPigeon
desktop-file-validate "$SRC/resources/$id.desktop" || fail "desktop-file-validate found errors"
appstreamcli validate --no-net --explain "$SRC/resources/$id.metainfo.xml" ||
    fail "appstreamcli found errors in the metainfo"
# The newest release the metainfo lists is the version the project builds.
version=$(sed -n 's/^project(LanPigeon VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
newest=$(grep -o '<release version="[^"]*"' "$SRC/resources/$id.metainfo.xml" | head -1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "the metainfo's newest release is $newest, the project is $version"

deb=$(make_deb)
[ "$(basename "$deb")" = "lanpigeon_${version}_$(dpkg --print-architecture).deb" ] ||
    fail "unexpected file name $(basename "$deb")"
dpkg-deb -f "$deb" Version | grep -qx "$version" || fail "the .deb's version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6core6 libqt6widgets6 libqt6network6 libqt6sql6 libssl3 libqt6sql6-sqlite \
    qt6-qpa-plugins libqt6svg6; do
    grep -qw "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
dpkg-deb -f "$deb" Recommends | grep -q fonts-noto-color-emoji || fail "no emoji font recommended"
dpkg-deb -f "$deb" Section | grep -qx net || fail "the section is not net"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/lanpigeon ./usr/bin/lanpigeon-cli ./usr/share/applications/$id.desktop \
    ./usr/share/metainfo/$id.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/lanpigeon.svg \
    ./usr/share/lanpigeon/translations/lanpigeon_zh_CN.qm ./usr/share/man/man1/lanpigeon.1.gz \
    ./usr/share/man/man1/lanpigeon-cli.1.gz ./usr/share/doc/lanpigeon/copyright \
    ./usr/share/doc/lanpigeon/changelog.gz; do
    grep -qx "$f" <<<"$contents" || fail "the .deb lacks $f"
done
for size in 16 22 24 32 48 64 128 256; do
    grep -qx "./usr/share/icons/hicolor/${size}x$size/apps/lanpigeon.png" <<<"$contents" ||
        fail "the .deb lacks the ${size}px icon"
done
# The man pages hold every option --help names: made from it, they cannot drift.
dpkg-deb -x "$deb" "$work/root"
for prog in lanpigeon lanpigeon-cli; do
    page=$(zcat "$work/root/usr/share/man/man1/$prog.1.gz")
    for opt in $("$work/root/usr/bin/$prog" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        grep -qF -- "${opt//-/\\-}" <<<"$page" || fail "man $prog lacks $opt"
    done
done

lintian --fail-on error,warning --display-info "$deb" >"$work/lintian.log" 2>&1 ||
    { cat "$work/lintian.log" >&2; fail "lintian failed"; }
cat "$work/lintian.log"
echo "$NAME: PASS: $(basename "$deb"), $(wc -l <<<"$contents") paths, lintian clean"
