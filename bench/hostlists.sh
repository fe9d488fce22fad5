#!/usr/bin/env bash
# Subnets joined by host lists at office scale: 4 subnets of 50 hosts (network namespaces on 4
# bridges) joined by a router namespace that forwards unicast but, as routers do, not broadcast.
# One host of the first subnet shares its list (--share-list); every other host is given it with
# --list-from, as IP Messenger's "get the list from a host" setting is. Nicks and workgroups are
# long Chinese names, as in real offices, so the list takes more than one ANSLIST page.
# All 199 start at once after the share host. Figures: the time from the last start until every
# host's buddy list holds the 199 others, and the UDP datagrams all hosts sent from the first
# start until then (each namespace's Udp OutDatagrams), also against the hosts' count squared.
# Every profile's key is made before the clock starts. Needs root (namespaces); without it the
# row is skipped with a message.
# Usage: hostlists.sh LANPIGEON_CLI [TURNS] [HOSTS_PER_SUBNET]   (prints bench rows, see lib.sh)
set -euo pipefail
CLI=$(readlink -f "$1")
TURNS=${2:-3}
PER=${3:-50}
SUBNETS=4
here=$(dirname "$(readlink -f "$0")")
source "$here/lib.sh"
if [ "$(id -u)" -ne 0 ]; then
    echo "hostlists.sh: skipped, needs root for network namespaces" >&2
    exit 0
fi
N=$((SUBNETS * PER))
tag="hl$$"
# Profiles on tmpfs: the bench is about the protocol, not this VM's disk.
work=$(mktemp -d /dev/shm/lphostlists.XXXXXX)
pids=()
# All namespaces share one limit on ARP entries (net.ipv4.neigh.default.gc_thresh3, 1024 by
# default); 200 hosts overflow it and the kernel drops their packets. Raised, then put back.
thresholds=()
for k in 1 2 3; do thresholds+=("$(sysctl -n net.ipv4.neigh.default.gc_thresh$k)"); done
# Likewise every veth hands its packets to the same 2 CPUs' input queues (1000 packets each by
# default), where a real LAN has one per machine: 200 hosts probing at once overflow them.
backlog=$(sysctl -n net.core.netdev_max_backlog)
stop_hosts() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
}
cleanup() {
    stop_hosts
    for k in 1 2 3; do sysctl -qw net.ipv4.neigh.default.gc_thresh$k="${thresholds[$((k - 1))]}" || true; done
    sysctl -qw net.core.netdev_max_backlog="$backlog" || true
    ip netns del "$tag-r" 2>/dev/null || true
    for n in $(seq "$SUBNETS"); do
        for i in $(seq "$PER"); do ip netns del "$tag-$n-$i" 2>/dev/null || true; done
        ip link del "br$n-$tag" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
need=$((N * N * 2))
if [ "${thresholds[2]}" -lt "$need" ]; then
    sysctl -qw net.ipv4.neigh.default.gc_thresh3=$need net.ipv4.neigh.default.gc_thresh2=$((need / 2)) \
        net.ipv4.neigh.default.gc_thresh1=$((need / 4))
fi
[ "$backlog" -ge 100000 ] || sysctl -qw net.core.netdev_max_backlog=100000

# Packets the kernel dropped from full input queues, all CPUs (softnet_stat's second column).
queue_drops() {
    local s=0 line
    while read -r -a line; do s=$((s + 16#${line[1]})); done </proc/net/softnet_stat
    echo "$s"
}

echo "hostlists: $SUBNETS subnets of $PER hosts and a router..." >&2
ip netns add "$tag-r"
ip -n "$tag-r" link set lo up
ip netns exec "$tag-r" sysctl -qw net.ipv4.ip_forward=1
# Subnet n is 10.82.n.0/24 on bridge brn, its router leg .254, its hosts .1 to .PER.
for n in $(seq "$SUBNETS"); do
    ip link add "br$n-$tag" type bridge
    ip link set "br$n-$tag" up
    ip link add "r$n-$tag" type veth peer name "leg$n" netns "$tag-r"
    ip link set "r$n-$tag" master "br$n-$tag" up
    ip -n "$tag-r" addr add "10.82.$n.254/24" dev "leg$n"
    ip -n "$tag-r" link set "leg$n" up
    for i in $(seq "$PER"); do
        ns="$tag-$n-$i"
        ip netns add "$ns"
        ip link add "v$tag-$n-$i" type veth peer name eth0 netns "$ns"
        ip link set "v$tag-$n-$i" master "br$n-$tag" up
        ip -n "$ns" addr add "10.82.$n.$i/24" brd "10.82.$n.255" dev eth0
        ip -n "$ns" link set eth0 up
        ip -n "$ns" link set lo up
        ip -n "$ns" route add default via "10.82.$n.254"
    done
done

echo "hostlists: making $N keys..." >&2
# Each profile's key pair is made once in its life, not per start: made here, two at a time.
for n in $(seq "$SUBNETS"); do
    for i in $(seq "$PER"); do echo "$work/p$n-$i"; done
done | xargs -P 2 -I{} "$CLI" key --profile {} >/dev/null 2>&1

# Long names, as a real office's: "上海浦东张江研发中心第三事业部软件工程组" (about 100 bytes of
# UTF-8) as workgroup, and a nick of as many with the host's number in it.
group_of() { echo "上海浦东新区张江高科技园区研发中心第${1}事业部软件工程与测试组"; }
nick_of() { echo "第${1}事业部软件工程与测试组高级工程师张伟明同学的工作站${2}号机"; }

# on_host SUBNET HOST ARGS...: lanpigeon-cli ARGS in that host's namespace, under a host name of
# its own as every machine of an office has (one shared name would make every key a clone's).
# nsenter rather than 'ip netns exec', which remounts /sys for each of the 200 starts.
on_host() {
    local n=$1 i=$2
    shift 2
    exec nsenter --net=/run/netns/"$tag-$n-$i" unshare --uts \
        sh -c 'hostname "$0" && exec "$@"' "SH-RD$n-PC$(printf %03d "$i")" "$CLI" "$@"
}

# Udp OutDatagrams, RcvbufErrors and SndbufErrors of every host's namespace, each summed.
udp_counts() {
    local n i
    for n in $(seq "$SUBNETS"); do
        for i in $(seq "$PER"); do
            nsenter --net=/run/netns/"$tag-$n-$i" awk '/^Udp:/ && $2 ~ /^[0-9]+$/ { print $5, $6, $7 }' /proc/net/snmp
        done
    done | awk '{ o += $1; r += $2; s += $3 } END { print o + 0, r + 0, s + 0 }'
}

# Hosts whose output holds every other as a distinct peer that joined; one pass over all files.
complete_hosts() {
    awk -v need=$((N - 1)) '
        /"event":"join"/ { if (match($0, /"id":"[^"]*"/) && !seen[FILENAME, substr($0, RSTART, RLENGTH)]++) n[FILENAME]++ }
        END { c = 0; for (f in n) if (n[f] >= need) c++; print c }' "$work"/out/e* 2>/dev/null || echo 0
}

times=(); sent=(); missed=0
for turn in $(seq "$TURNS"); do
    rm -rf "$work/out"
    mkdir "$work/out"
    read -r out0 rcverr0 snderr0 < <(udp_counts)
    drops0=$(queue_drops)
    echo "hostlists turn $turn: starting" >&2
    share=10.82.1.1
    QT_LOGGING_RULES="lanpigeon.discovery.debug=true" on_host 1 1 watch --json \
        --nick "$(nick_of 1 1)" --group "$(group_of 1)" --profile "$work/p1-1" --share-list \
        >"$work/out/e1-1" 2>"$work/out/err1-1" &
    pids+=($!)
    first_ms=$(date +%s%3N)
    sleep 1
    for n in $(seq "$SUBNETS"); do
        for i in $(seq "$PER"); do
            [ "$n-$i" = 1-1 ] && continue
            QT_LOGGING_RULES="${HOSTS_LOGGING:-}" on_host "$n" "$i" watch --json \
                --nick "$(nick_of "$n" "$i")" --group "$(group_of "$n")" --profile "$work/p$n-$i" \
                --list-from "$share" >"$work/out/e$n-$i" 2>"$work/out/err$n-$i" &
            pids+=($!)
        done
    done
    last_ms=$(date +%s%3N)
    echo "hostlists turn $turn: started $N hosts, the last $((last_ms - first_ms)) ms after the first" >&2
    deadline=$((last_ms + ${CONVERGE_S:-60} * 1000))
    converged=""
    while [ "$(date +%s%3N)" -lt "$deadline" ]; do
        # Polled seldom: the hosts need the 2 cores more than the clock needs precision, and the
        # time comes from the hosts' own join timestamps.
        sleep 0.5
        [ "$(complete_hosts)" -ge "$N" ] && { converged=1; break; }
    done
    # Stopped before counting, so the count is of the convergence, not of the heartbeats after.
    for p in "${pids[@]}"; do kill -STOP "$p" 2>/dev/null || true; done
    cpu=$(for p in "${pids[@]}"; do cat "/proc/$p/stat" 2>/dev/null; done |
        awk -v hz="$(getconf CLK_TCK)" '{ t += $14 + $15 } END { printf "%.1f", t / hz }')
    read -r out1 rcverr1 snderr1 < <(udp_counts)
    echo "hostlists turn $turn: the hosts used $cpu s of CPU" >&2
    echo "hostlists turn $turn: $((out1 - out0)) UDP datagrams sent; lost to full buffers: $((rcverr1 - rcverr0)) received, $((snderr1 - snderr0)) sent, $(($(queue_drops) - drops0)) in input queues" >&2
    pages=$(grep -c 'host list for .* from [1-9]' "$work/out/err1-1" || true)
    if [ -z "$converged" ]; then
        echo "hostlists turn $turn: only $(complete_hosts) of $N hosts saw every other within ${CONVERGE_S:-60} s" >&2
        for f in "$work"/out/e*; do
            c=$( (grep '"event":"join"' "$f" || true) | grep -o '"id":"[^"]*"' | sort -u | wc -l)
            [ "$c" -ge $((N - 1)) ] || echo "  ${f##*/e} saw $c"
        done >"$work/short" || true
        head -5 "$work/short" >&2
        stop_hosts
        [ -z "${KEEP:-}" ] || { cp -r "$work/out" "$KEEP-$turn"; echo "hostlists: outputs kept in $KEEP-$turn" >&2; }
        missed=$((missed + 1))
        continue
    fi
    end_ms=$(cat "$work"/out/e* | grep '"event":"join"' | sed 's/.*"ms":\([0-9]*\).*/\1/' | sort -n | tail -1)
    stop_hosts
    [ "$pages" -ge 1 ] || echo "hostlists: the list fit one ANSLIST page: names too short" >&2
    times+=($((end_ms - last_ms)))
    sent+=($((out1 - out0)))
    echo "hostlists turn $turn: every host saw the $((N - 1)) others $((end_ms - last_ms)) ms after the last start; the share host served $pages later pages" >&2
done
echo "hostlists.sh: ${times[*]:-} ms, ${sent[*]:-} datagrams; $missed of $TURNS turns did not converge" >&2
what="$N hosts, 4 subnets joined by a host list (paged), last start to all see all"
if [ ${#times[@]} -eq 0 ]; then
    row "$what (ms)" ">${CONVERGE_S:-60}000" "-" "-" \
        "target < 3000; no turn of $TURNS converged within ${CONVERGE_S:-60} s (2 cores run all $N hosts)"
    exit 0
fi
t=$(echo "${times[*]}" | median)
d=$(echo "${sent[*]}" | median)
note=""
[ "$missed" -eq 0 ] || note="; $missed of $TURNS turns did not converge within ${CONVERGE_S:-60} s"
row "$what: median of ${#times[@]} (ms)" \
    "$t" "target" 3000 "2 cores run all $N hosts; per turn ${times[*]}$note"
row "  UDP datagrams sent by the $N hosts from the first start until then, against hosts²" \
    "$d" "hosts²" $((N * N)) "per turn ${sent[*]}"
