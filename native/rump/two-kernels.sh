#!/usr/bin/env bash
# Two NetBSD kernels on one machine, joined by an Ethernet: two rump servers (rump_server -s) on one shmif bus.
#
#   native/rump/two-kernels.sh start [STATEDIR]   start them; print their URLs and addresses (shell assignments)
#   native/rump/two-kernels.sh stop  [STATEDIR]   stop the servers this script started (by the PIDs it recorded)
#   native/rump/two-kernels.sh restart a|b [STATEDIR]
#                           start kernel A (or B) again on the same socket, bus and address, as a host that
#                           rebooted (after a kill -9, say); prints its new A_URL/A_PID (or B_...)
#
# KTTCP4J_RUMP_INET6=no at start: kernels without IPv6 (no librumpnet_netinet6: socket(AF_INET6) fails with
# EAFNOSUPPORT, as on a NetBSD kernel without options INET6); restart keeps what start chose (STATEDIR/inet6).
#
# KTTCP4J_RUMP_DIR names a rump kernel built by native/rump/build.sh (its lib/ and bin/); unset, rump_server and
# the libraries come from the system (NetBSD has them in its base system) and kttcp4j-rumpif from next to this
# script (built on first use with cc). STATEDIR (default ${TMPDIR:-/tmp}/kttcp4j-two-kernels) holds the unix
# sockets a.sock and b.sock, the bus file, the PID files and the servers' logs.
#
# Kernel A is 198.18.0.1/24 and kernel B 198.18.0.2/24 on their shmif0 (RFC 2544's benchmarking range; the
# addresses exist only inside the two rump kernels). Then, for example:
#   eval "$(native/rump/two-kernels.sh start)"
#   kttcp4j recv --kernel "rumpclient:$A_URL" --engine kttcp &
#   kttcp4j send "$A_ADDR" --kernel "rumpclient:$B_URL" --engine kttcp -n 1g
#   native/rump/two-kernels.sh stop
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
A_ADDR=198.18.0.1
B_ADDR=198.18.0.2
PREFIX=24
# The rump kernel's parts a server needs for TCP/IP over shmif with kttcp (netinet6 too, so that a listener on
# the dual-stack wildcard, kttcp4j recv's default, works); rump_server dlopens them (trying
# again until all load, usr.bin/rump_allserver/rump_allserver.c), so the order does not matter.
LIBS=(rumpnet rumpnet_net rumpnet_netinet rumpnet_netinet6 rumpnet_shmif rumpdev rumpvfs rumpdev_kttcp)

die() {
    echo "two-kernels.sh: $*" >&2
    exit 1
}

usage() {
    die "usage: two-kernels.sh start|stop [STATEDIR] or restart a|b [STATEDIR] (with KTTCP4J_RUMP_DIR set to a build of native/rump/build.sh)"
}

[ "$#" -ge 1 ] || usage
cmd=$1
shift
which=
if [ "$cmd" = restart ]; then
    [ "$#" -ge 1 ] || usage
    which=$1
    shift
    case "$which" in
        a|b) ;;
        *) die "restart takes a or b, got '$which'" ;;
    esac
fi
[ "$#" -le 1 ] || usage
state=${1:-${TMPDIR:-/tmp}/kttcp4j-two-kernels}

# Is PID alive and a rump_server (not a reused PID)?
is_server() {
    local pid=$1 comm
    kill -0 "$pid" 2>/dev/null || return 1
    comm=$(ps -p "$pid" -o comm= 2>/dev/null) || return 1
    [ "${comm##*/}" = rump_server ]
}

stop_one() {
    local name=$1 pidfile=$state/$1.pid pid i
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_server "$pid"; then
        # SIGTERM: rump_server reboots the rump kernel and exits.
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            is_server "$pid" || break
            sleep 0.1
        done
        if is_server "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            echo "two-kernels.sh: server $name (pid $pid) ignored SIGTERM for 5 s: killed" >&2
        fi
    fi
    rm -f "$pidfile" "$state/$name.sock"
}

stop_all() {
    [ -d "$state" ] || return 0
    stop_one a
    stop_one b
    rm -f "$state/bus"
}

case "$cmd" in
    stop)
        stop_all
        echo "two-kernels.sh: stopped (state: $state)" >&2
        exit 0
        ;;
    start|restart) ;;
    *) usage ;;
esac

# Where the rump kernel is.
if [ -n "${KTTCP4J_RUMP_DIR:-}" ]; then
    rdir=$KTTCP4J_RUMP_DIR
    [ -d "$rdir" ] || die "KTTCP4J_RUMP_DIR=$rdir is not a directory: build one with native/rump/build.sh"
    rdir=$(cd "$rdir" && pwd)
    if [ -d "$rdir/lib" ]; then
        lib=$rdir/lib
        top=$rdir
    else
        lib=$rdir
        top=$(dirname "$rdir")
    fi
    server=$top/bin/rump_server
    [ -x "$server" ] || die "no $server: KTTCP4J_RUMP_DIR must name a build of native/rump/build.sh"
    for l in "${LIBS[@]}" rumpclient; do
        [ -e "$lib/lib$l.so" ] || die "no lib$l.so in $lib: build the rump kernel with native/rump/build.sh"
    done
    export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    rumpif=$top/bin/kttcp4j-rumpif
    incdir=$top/include
else
    server=$(command -v rump_server) \
        || die "no rump_server on PATH and KTTCP4J_RUMP_DIR unset: set it to a build of native/rump/build.sh"
    rumpif=$here/kttcp4j-rumpif
    incdir=
    lib=
fi

# The interface tool: built by build.sh into bin/; otherwise build it here.
if [ ! -x "$rumpif" ]; then
    command -v cc >/dev/null 2>&1 || die "no $rumpif and no cc to build it from $here/rumpif.c"
    rumpif=$state/kttcp4j-rumpif
    mkdir -p "$state"
    cc -O2 -Wall ${incdir:+-I"$incdir"} -o "$rumpif" "$here/rumpif.c" \
        ${lib:+-L"$lib"} ${lib:+-Wl,-rpath,"$lib"} -lrumpclient \
        || die "cannot build $rumpif from $here/rumpif.c"
fi

# The bus lock (sys/rump/net/lib/libshmif/shmifvar.h: struct shmif_mem, uint32_t shm_lock at offset 24;
# if_shmem.c: LOCK_LOCKED 1, taken to read and to write every frame) is a spin lock in the bus file. A server
# killed while holding it leaves it held, and every other server on the bus spins forever. Once its owner is
# dead: if it stays held for 0.5 s (a live holder keeps it for microseconds), release it.
release_stale_bus_lock() {
    local bus=$state/bus i v
    [ -f "$bus" ] || return 0
    for ((i = 0; i < 50; i++)); do
        v=$(od -An -t u4 -j 24 -N 4 "$bus" | tr -d ' ')
        [ "$v" = 1 ] || return 0
        sleep 0.01
    done
    printf '\0\0\0\0' | dd of="$bus" bs=1 seek=24 count=4 conv=notrunc status=none
    echo "two-kernels.sh: released the shmif bus lock that a dead server held" >&2
}

# IPv6 or not: chosen at start, recorded for restart.
if [ "$cmd" = start ]; then
    case "${KTTCP4J_RUMP_INET6:-yes}" in
        yes|no) inet6=${KTTCP4J_RUMP_INET6:-yes} ;;
        *) die "KTTCP4J_RUMP_INET6 must be yes or no, not '${KTTCP4J_RUMP_INET6}'" ;;
    esac
else
    inet6=$(cat "$state/inet6" 2>/dev/null || echo yes)
fi
largs=()
for l in "${LIBS[@]}"; do
    if [ "$l" = rumpnet_netinet6 ] && [ "$inet6" = no ]; then
        continue
    fi
    largs+=(-l "$l")
done

# Starts server $1 (a or b) and waits (at most 10 s) for its socket.
start_server() {
    local name=$1 i
    rm -f "$state/$name.sock"
    "$server" -s "${largs[@]}" "unix://$state/$name.sock" >"$state/$name.log" 2>&1 &
    echo "$!" >"$state/$name.pid"
    for ((i = 0; i < 100; i++)); do
        [ -S "$state/$name.sock" ] && break
        is_server "$(cat "$state/$name.pid")" || break
        sleep 0.1
    done
    if [ ! -S "$state/$name.sock" ]; then
        tail -n 5 "$state/$name.log" >&2 || true
        die "rump server $name did not make $state/$name.sock within 10 s (log above: $state/$name.log)"
    fi
}

# Gives server $1 its shmif0 on the bus with address $2.
configure() {
    RUMP_SERVER="unix://$state/$1.sock" "$rumpif" shmif0 "$state/bus" "$2/$PREFIX" >&2 \
        || die "cannot configure kernel $1's interface"
}

if [ "$cmd" = restart ]; then
    [ -f "$state/$which.pid" ] || die "no $state/$which.pid: start the pair first (two-kernels.sh start $state)"
    stop_one "$which"
    release_stale_bus_lock
    restarted=0
    trap 'rc=$?; if [ "$restarted" -ne 1 ]; then stop_one "$which"; fi; exit "$rc"' EXIT
    trap 'exit 130' INT TERM
    start_server "$which"
    if [ "$which" = a ]; then
        configure a "$A_ADDR"
    else
        configure b "$B_ADDR"
    fi
    restarted=1
    upper=$(echo "$which" | tr ab AB)
    echo "${upper}_URL=unix://$state/$which.sock"
    echo "${upper}_PID=$(cat "$state/$which.pid")"
    echo "two-kernels.sh: kernel $upper restarted (a new kernel: its old connections are gone)" >&2
    exit 0
fi

mkdir -p "$state"
for name in a b; do
    if [ -f "$state/$name.pid" ] && is_server "$(cat "$state/$name.pid")"; then
        die "server $name (pid $(cat "$state/$name.pid")) of $state is running: run 'two-kernels.sh stop $state' first"
    fi
done
rm -f "$state/a.sock" "$state/b.sock" "$state/bus" "$state/a.pid" "$state/b.pid"
echo "$inet6" >"$state/inet6"

# From here on, a failure stops what was started.
started=0
on_exit() {
    local rc=$?
    if [ "$started" -ne 1 ]; then
        stop_all
        echo "two-kernels.sh: start failed; stopped the servers it had started (logs: $state/a.log, $state/b.log)" >&2
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

start_server a
start_server b
configure a "$A_ADDR"
configure b "$B_ADDR"

started=1
cat <<EOF
A_URL=unix://$state/a.sock
A_ADDR=$A_ADDR
A_PID=$(cat "$state/a.pid")
B_URL=unix://$state/b.sock
B_ADDR=$B_ADDR
B_PID=$(cat "$state/b.pid")
EOF
echo "two-kernels.sh: kernel A at unix://$state/a.sock is $A_ADDR/$PREFIX, kernel B at unix://$state/b.sock is $B_ADDR/$PREFIX, on shmif bus $state/bus$([ "$inet6" = no ] && echo ', without IPv6'); stop with: two-kernels.sh stop $state" >&2
