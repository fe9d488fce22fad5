#!/usr/bin/env bash
# The .deb installed for real with apt-get, used, and removed:
#  files    dpkg -L lists the binaries, desktop entry, icons, metainfo, translations and man pages;
#  version  the installed lanpigeon-cli and lanpigeon answer --version (no display needed);
#  peers    two installed lanpigeon-cli in network namespaces of their own find each other;
#  window   the installed lanpigeon under Xvfb shows its window in Chinese, its texts read from
#           /usr/share/lanpigeon/translations (its lanpigeon.ui log names the file), and the
#           peer in the other namespace in its buddy list (screenshot installed-zh.png);
#  open     the installed desktop entry validates and lists the "Send with LanPigeon" action and
#           %F; `lanpigeon /tmp/x.txt` as a second launch exits 0 and the running window shows
#           its Send files dialog, in Chinese (screenshot installed-send-zh.png);
#  purge    apt-get purge leaves no file of it behind.
# Usage: package_install.sh BUILD_DIR   (root: apt and network namespaces; CI runs as root)
set -euo pipefail
NAME=package_install
here=$(dirname "$(readlink -f "$0")")
source "$here/packagelib.sh"
source "$here/../system/needroot.sh"
need_netns "$NAME" apt-get dpkg cpack Xvfb xdotool import
# A developer's own installed LanPigeon would be replaced, then purged.
if dpkg -s lanpigeon >/dev/null 2>&1; then
    rm -rf "$work"
    cannot_run "$NAME" "no lanpigeon package installed beforehand"
fi
OUT=$BUILD/package-test
mkdir -p "$OUT"
pids=()
tag="pk$$"
A="$tag-a"
B="$tag-b"
OUR_IP=10.78.0.1
IPTUX_IP=10.78.0.2 # the second namespace's address, as iptuxlib.sh names it
source "$here/../interop/iptuxlib.sh"
export DEBIAN_FRONTEND=noninteractive
cleanup() {
    if dpkg -s lanpigeon >/dev/null 2>&1; then apt-get purge -y -qq lanpigeon >/dev/null 2>&1 || true; fi
    remove_namespaces
}
trap cleanup EXIT

deb=$(make_deb)
apt-get install -y -qq "$deb" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "apt-get install $(basename "$deb") failed"; }

# files
id=io.github.lanpigeon.LanPigeon
listed=$(dpkg -L lanpigeon)
for f in /usr/bin/lanpigeon /usr/bin/lanpigeon-cli /usr/share/applications/$id.desktop \
    /usr/share/metainfo/$id.metainfo.xml /usr/share/icons/hicolor/scalable/apps/lanpigeon.svg \
    /usr/share/icons/hicolor/48x48/apps/lanpigeon.png /usr/share/icons/hicolor/256x256/apps/lanpigeon.png \
    /usr/share/lanpigeon/translations/lanpigeon_zh_CN.qm /usr/share/lanpigeon/translations/lanpigeon_en.qm \
    /usr/share/man/man1/lanpigeon.1.gz /usr/share/man/man1/lanpigeon-cli.1.gz \
    /usr/share/doc/lanpigeon/copyright; do
    grep -qx "$f" <<<"$listed" || fail "dpkg -L lanpigeon lacks $f"
    [ -s "$f" ] || fail "$f is not on disk"
done
man -w lanpigeon-cli | grep -q /usr/share/man/man1/lanpigeon-cli.1.gz || fail "man does not find lanpigeon-cli"

# version
version=$(dpkg-query -W -f='${Version}' lanpigeon)
[ "$(/usr/bin/lanpigeon-cli --version)" = "LanPigeon $version" ] || fail "lanpigeon-cli --version: $(/usr/bin/lanpigeon-cli --version)"
[ "$(env -u DISPLAY /usr/bin/lanpigeon --version)" = "LanPigeon $version" ] ||
    fail "lanpigeon --version without a display: $(env -u DISPLAY /usr/bin/lanpigeon --version 2>&1)"

# peers
make_namespaces
ip netns exec "$A" /usr/bin/lanpigeon-cli listen --bind "$OUR_IP" --nick 安装者 --group 测试 \
    --profile "$work/pa" >"$work/listen.log" 2>&1 &
pids+=($!)
ip netns exec "$B" /usr/bin/lanpigeon-cli peers --json --wait 3 --bind "$IPTUX_IP" --extra-host "$OUR_IP" \
    --profile "$work/pb" >"$work/peers.json" 2>"$work/peers.log" ||
    { cat "$work/peers.log" >&2; fail "lanpigeon-cli peers failed"; }
grep -q '"nick":"安装者"' "$work/peers.json" ||
    { cat "$work/peers.json" "$work/peers.log" >&2; fail "the installed peers did not find each other"; }

# window
start_display
mkdir -p "$work/gui"
cat >"$work/gui/lanpigeon.ini" <<INI
[identity]
nick=装好了
group=测试
[network]
extraHosts=$OUR_IP
broadcast=false
[ui]
language=zh_CN
closeToTray=false
INI
ip netns exec "$B" env DISPLAY="$DISPLAY" LANPIGEON_PROFILE="$work/gui" QT_QPA_PLATFORM=xcb \
    QT_LOGGING_RULES="lanpigeon.ui=true" /usr/bin/lanpigeon >"$work/gui.log" 2>&1 &
pids+=($!)
main=""
for _ in $(seq 200); do
    main=$(xdotool search --onlyvisible --name '^局域网信鸽$' 2>/dev/null | head -1) || true
    [ -n "$main" ] && break
    sleep 0.1
done
[ -n "$main" ] || { cat "$work/gui.log" >&2; fail "no window titled 局域网信鸽 (LanPigeon in Chinese)"; }
grep -q "texts for zh_CN from /usr/share/lanpigeon/translations/lanpigeon_zh_CN.qm" "$work/gui.log" ||
    { cat "$work/gui.log" >&2; fail "the texts did not come from the installed translations"; }
sleep 3 # the peer in the other namespace answers our entry
import -window "$main" "$OUT/installed-zh.png"

# open
entry=/usr/share/applications/$id.desktop
desktop-file-validate "$entry" || fail "the installed $entry does not validate"
grep -qx 'Exec=lanpigeon %F' "$entry" || fail "the installed desktop entry does not pass files (%F)"
grep -qx 'Actions=SendFiles;' "$entry" && grep -qx '\[Desktop Action SendFiles\]' "$entry" &&
    grep -qx 'Name=Send with LanPigeon' "$entry" || fail "the installed desktop entry lists no Send with LanPigeon action"
echo "sent from the installed package" >"$work/x.txt"
ip netns exec "$B" env DISPLAY="$DISPLAY" LANPIGEON_PROFILE="$work/gui" QT_QPA_PLATFORM=xcb \
    /usr/bin/lanpigeon "$work/x.txt" >"$work/second.log" 2>&1 ||
    { cat "$work/second.log" >&2; fail "the second lanpigeon with a file did not exit 0"; }
send=""
for _ in $(seq 100); do
    send=$(xdotool search --onlyvisible --name '^发送文件$' 2>/dev/null | head -1) || true
    [ -n "$send" ] && break
    sleep 0.1
done
[ -n "$send" ] || { cat "$work/second.log" "$work/gui.log" >&2; fail "no Send files dialog (发送文件) after lanpigeon $work/x.txt"; }
sleep 0.5
import -window "$send" "$OUT/installed-send-zh.png"

# purge
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
apt-get purge -y -qq lanpigeon >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "apt-get purge failed"; }
dpkg -s lanpigeon >/dev/null 2>&1 && fail "lanpigeon is still installed after purge"
while read -r f; do
    [ -d "$f" ] && continue
    [ -e "$f" ] && fail "$f was left behind"
done <<<"$listed"
for d in /usr/share/lanpigeon /usr/share/doc/lanpigeon; do
    [ -e "$d" ] && fail "$d was left behind"
done
echo "$NAME: PASS: $(basename "$deb") installed ($(grep -vc '/$' <<<"$listed") paths), used, purged; screenshot $OUT/installed-zh.png"
