#!/usr/bin/env bash
# Two hosts on one Linux machine: network namespaces joined by veth pairs (issue #9 A, issue #11's router).
#
#   ci/netns.sh up [--rate RATE] [--router] [--burst SIZE] [--limit SIZE]
#   ci/netns.sh down
#   ci/netns.sh env                   print the addresses of the namespaces that are up
#   ci/netns.sh exec A|B|R CMD...     run CMD inside namespace A, B or (with --router) R
#
# Direct (default): namespace A (198.18.0.1, and 198.18.0.101) -- veth -- namespace B (198.18.0.2, and
# 198.18.0.102). The second address of each end is for tests that choose the source address (send --bind):
# Linux picks the primary one otherwise. --rate shapes both ends' egress with tbf (both directions).
#
# --router: A (198.18.0.1/24) -- R (198.18.0.254 | 198.18.1.254, ip_forward on) -- B (198.18.1.1/24),
# default routes through R. R's egress toward each end is shaped by tbf (--rate, 1gbit unless given): a
# bottleneck in the middle that drops packets, where a tbf on a sender's own interface that holds what TCP
# Small Queues lets in only pushes back and drops nothing. Second addresses: A 198.18.0.101, B 198.18.1.101.
#
# tbf (tc-tbf(8); netem, which delays, is not in every kernel): rates as tc writes them, 1gbit = 10^9 bit/s.
# tbf counts each frame from its Ethernet header on (no FCS, preamble or gap): with MTU 1500 and TCP
# timestamps, 1448 payload bytes per 1514-byte frame, so TCP's goodput at 1gbit is 0.9564 Gbit/s.
# Direct link: burst 256kb, limit 4 x net.ipv4.tcp_limit_output_bytes (16 MiB here) by default. Measured here (2 vCPUs, shared): with burst 32kb the shaper
# loses a quarter of the rate whenever its timer fires late on a busy machine (the bucket holds only 262 us
# at 1gbit), and with limit 64kb the sender's own qdisc drops, since TCP Small Queues lets a socket put up to
# net.ipv4.tcp_limit_output_bytes (4 MiB here) into it (limit 1mb still dropped 474 packets in 3 s). With
# these defaults the link carries its rate (0.955 Gbit/s measured) and drops nothing. Router: burst 32kb limit 64kb (issue #11's bottleneck), which drops.
#
# Addresses are RFC 2544's benchmarking range 198.18.0.0/15 and exist inside the namespaces only; the
# machine's own namespace gets no interface, address or route. Names: ${K4J_NETNS:-k4j}-a, -b, -r, so runs
# with different K4J_NETNS do not clash. `up` removes what an earlier `up` of the same name left, so it can be
# run again (idempotent); a failing `up` removes what it made; `down` removes everything (nothing up is fine).
# Needs root and iproute2 (ip, tc).
set -euo pipefail

prefix=${K4J_NETNS:-k4j}
me=ci/netns.sh

die() {
    echo "$me: $*" >&2
    exit 1
}

case "$prefix" in
*[!a-zA-Z0-9_.-]* | "") die "K4J_NETNS='$prefix': use letters, digits, '.', '_' or '-' only" ;;
esac
if [ "${#prefix}" -gt 40 ]; then
    die "K4J_NETNS='$prefix' is too long: at most 40 characters"
fi

ns_a="$prefix-a"
ns_b="$prefix-b"
ns_r="$prefix-r"
# Interface names live inside the namespaces (the veth pairs are created there directly), so they need not
# be unique on the machine.
dev_a=k4j-a
dev_b=k4j-b
dev_ra=k4j-ra   # the router's end toward A
dev_rb=k4j-rb   # the router's end toward B

need_tools() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces): sudo $me $*"
    command -v ip >/dev/null 2>&1 || die "ip not found: apt-get install iproute2"
    command -v tc >/dev/null 2>&1 || die "tc not found: apt-get install iproute2"
}

ns_exists() {
    ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"
}

# Removes one namespace. A process still inside keeps a namespace alive after `ip netns del` (and its
# interfaces with it), so the processes in it, which a run of this script's user started there, are stopped
# by PID first: SIGTERM, then SIGKILL after 2 s.
remove_ns() {
    local ns=$1 pids
    ns_exists "$ns" || return 0
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
        echo "$me: stopping processes left in $ns: $pids" >&2
        # shellcheck disable=SC2086 # a list of PIDs
        kill $pids 2>/dev/null || true
        for _ in $(seq 1 20); do
            [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break
            sleep 0.1
        done
        pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
        # shellcheck disable=SC2086
        [ -z "${pids// /}" ] || kill -KILL $pids 2>/dev/null || true
    fi
    ip netns del "$ns"
}

down() {
    remove_ns "$ns_a"
    remove_ns "$ns_b"
    remove_ns "$ns_r"
}

# tc-tbf(8): rate, burst (bucket size) and limit (bytes queued before tail drop).
shape() {  # namespace device
    ip netns exec "$1" tc qdisc replace dev "$2" root tbf rate "$rate" burst "$burst" limit "$limit"
}

add_ns() {
    ip netns add "$1"
    ip -n "$1" link set lo up
}

print_env() {
    local mode=direct
    ns_exists "$ns_r" && mode=router
    if ! ns_exists "$ns_a" || ! ns_exists "$ns_b"; then
        die "no namespaces named $ns_a and $ns_b are up: $me up"
    fi
    echo "K4J_NETNS_MODE=$mode"
    echo "K4J_NS_A=$ns_a"
    echo "K4J_NS_B=$ns_b"
    [ "$mode" = direct ] || echo "K4J_NS_R=$ns_r"
    echo "K4J_DEV_A=$dev_a"
    echo "K4J_DEV_B=$dev_b"
    local a b a2 b2 q
    a=$(ip -n "$ns_a" -4 -o addr show dev "$dev_a" | awk '{print $4}' | cut -d/ -f1)
    b=$(ip -n "$ns_b" -4 -o addr show dev "$dev_b" | awk '{print $4}' | cut -d/ -f1)
    a2=$(echo "$a" | sed -n 2p)
    b2=$(echo "$b" | sed -n 2p)
    echo "K4J_ADDR_A=$(echo "$a" | sed -n 1p)"
    echo "K4J_ADDR_A2=$a2"
    echo "K4J_ADDR_B=$(echo "$b" | sed -n 1p)"
    echo "K4J_ADDR_B2=$b2"
    if [ "$mode" = router ]; then
        q=$(ip netns exec "$ns_r" tc qdisc show dev "$dev_ra" root)
    else
        q=$(ip netns exec "$ns_a" tc qdisc show dev "$dev_a" root)
    fi
    case "$q" in
    *tbf*) echo "K4J_RATE=$(echo "$q" | sed -n 's/.* rate \([^ ]*\).*/\1/p')" ;;
    *) echo "K4J_RATE=" ;;
    esac
    echo "K4J_MTU=$(ip -n "$ns_a" -o link show dev "$dev_a" | sed -n 's/.* mtu \([0-9]*\).*/\1/p')"
}

undo_failed_up() {
    local status=$?
    trap - EXIT
    if [ "$status" -ne 0 ]; then
        echo "$me: up failed, removing what it made" >&2
        down
    fi
    exit "$status"
}

up() {
    rate=""
    router=0
    burst=""
    limit=""
    while [ $# -gt 0 ]; do
        case "$1" in
        --rate) [ $# -ge 2 ] || die "--rate needs a value, e.g. --rate 1gbit"; rate=$2; shift 2 ;;
        --burst) [ $# -ge 2 ] || die "--burst needs a value, e.g. --burst 32kb"; burst=$2; shift 2 ;;
        --limit) [ $# -ge 2 ] || die "--limit needs a value, e.g. --limit 64kb"; limit=$2; shift 2 ;;
        --router) router=1; shift ;;
        *) die "up: unknown option '$1' (options: --rate RATE, --router, --burst SIZE, --limit SIZE)" ;;
        esac
    done
    if [ "$router" -eq 1 ]; then
        rate=${rate:-1gbit}
        burst=${burst:-32kb}
        limit=${limit:-64kb}
    else
        burst=${burst:-256kb}
        # 4 x what TCP Small Queues lets one socket hand the qdisc (net.ipv4.tcp_limit_output_bytes), so
        # that a few streams fill the shaper without a drop
        local tsq
        tsq=$(sysctl -n net.ipv4.tcp_limit_output_bytes 2>/dev/null || echo 1048576)
        limit=${limit:-$((4 * tsq))}
    fi
    if [ -n "$rate" ] && ! [[ "$rate" =~ ^[0-9]+(\.[0-9]+)?([kmgt]?(bit|bps))?$ ]]; then
        die "--rate '$rate': give a rate as tc writes it, e.g. 100mbit, 1gbit, 2.5gbit"
    fi
    ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here (kernel without network namespaces?)"

    down
    # From here on a failure removes everything made so far.
    trap undo_failed_up EXIT

    add_ns "$ns_a"
    add_ns "$ns_b"
    if [ "$router" -eq 0 ]; then
        ip link add "$dev_a" netns "$ns_a" type veth peer name "$dev_b" netns "$ns_b"
        ip -n "$ns_a" addr add 198.18.0.1/24 dev "$dev_a"
        ip -n "$ns_a" addr add 198.18.0.101/24 dev "$dev_a"
        ip -n "$ns_b" addr add 198.18.0.2/24 dev "$dev_b"
        ip -n "$ns_b" addr add 198.18.0.102/24 dev "$dev_b"
        ip -n "$ns_a" link set "$dev_a" up
        ip -n "$ns_b" link set "$dev_b" up
        if [ -n "$rate" ]; then
            shape "$ns_a" "$dev_a"
            shape "$ns_b" "$dev_b"
        fi
    else
        add_ns "$ns_r"
        ip link add "$dev_a" netns "$ns_a" type veth peer name "$dev_ra" netns "$ns_r"
        ip link add "$dev_b" netns "$ns_b" type veth peer name "$dev_rb" netns "$ns_r"
        ip -n "$ns_a" addr add 198.18.0.1/24 dev "$dev_a"
        ip -n "$ns_a" addr add 198.18.0.101/24 dev "$dev_a"
        ip -n "$ns_r" addr add 198.18.0.254/24 dev "$dev_ra"
        ip -n "$ns_r" addr add 198.18.1.254/24 dev "$dev_rb"
        ip -n "$ns_b" addr add 198.18.1.1/24 dev "$dev_b"
        ip -n "$ns_b" addr add 198.18.1.101/24 dev "$dev_b"
        for pair in "$ns_a:$dev_a" "$ns_r:$dev_ra" "$ns_r:$dev_rb" "$ns_b:$dev_b"; do
            ip -n "${pair%%:*}" link set "${pair#*:}" up
        done
        ip -n "$ns_a" route add default via 198.18.0.254
        ip -n "$ns_b" route add default via 198.18.1.254
        ip netns exec "$ns_r" sysctl -q -w net.ipv4.ip_forward=1
        shape "$ns_r" "$dev_ra"
        shape "$ns_r" "$dev_rb"
    fi
    # The links are usable once both ends of each veth say UP (operstate; bounded: 5 s).
    local pairs=("$ns_a:$dev_a" "$ns_b:$dev_b")
    [ "$router" -eq 0 ] || pairs+=("$ns_r:$dev_ra" "$ns_r:$dev_rb")
    for pair in "${pairs[@]}"; do
        for _ in $(seq 1 50); do
            ip -n "${pair%%:*}" -o link show dev "${pair#*:}" | grep -q 'state UP' && break
            sleep 0.1
        done
        ip -n "${pair%%:*}" -o link show dev "${pair#*:}" | grep -q 'state UP' ||
            die "${pair#*:} in ${pair%%:*} did not come up within 5 s"
    done
    trap - EXIT
    print_env
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
up) need_tools up; up "$@" ;;
down) need_tools down; [ $# -eq 0 ] || die "down takes no arguments"; down ;;
env) need_tools env; print_env ;;
exec)
    need_tools exec
    [ $# -ge 2 ] || die "usage: $me exec A|B|R CMD..."
    case "$1" in
    A | a) ns=$ns_a ;;
    B | b) ns=$ns_b ;;
    R | r) ns=$ns_r ;;
    *) die "exec: namespace '$1': give A, B or R" ;;
    esac
    shift
    ns_exists "$ns" || die "namespace $ns is not up: $me up"
    exec ip netns exec "$ns" "$@"
    ;;
-h | --help | help) sed -n '2,/^# Needs root/p' "$0" | sed 's/^# \{0,1\}//' ;;
*) die "usage: $me up [--rate RATE] [--router] | down | env | exec A|B|R CMD... (got '${cmd}')" ;;
esac
