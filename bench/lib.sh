# shellcheck shell=bash
# Sourced by bench/*.sh (`. "$top/bench/lib.sh"`): the processes a script started, each stopped by its PID when
# the script exits (`trap stop_all EXIT`), the wait for a listener on 127.0.0.1, and where each end runs.

pids=()
stop_all() {
    for p in "${pids[@]}"; do
        if kill -0 "$p" 2>/dev/null; then kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; fi
    done
    pids=()
}

listening() {  # is something listening on 127.0.0.1:PORT?
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

await_listening() {  # PORT: at most 10 s, then a line saying so and status 1
    for _ in $(seq 1 200); do listening "$1" && return 0; sleep 0.05; done
    echo "${0##*/}: nothing listens on 127.0.0.1:$1 after 10 s" >&2
    return 1
}

# Where each end runs, per placement: "split" receiver on CPU 0 and sender on CPU 1, "same" both on CPU 0, "free"
# wherever the scheduler puts them. pin KIND PLACEMENT SIDE prints the arguments, one per line: the tool's own -A
# for iperf3 and kttcp4j (their transfer threads), taskset for the C pair (one thread per process).
pin() {
    local cpu
    case "$2/$3" in
    free/*) return 0 ;;
    same/*|split/rx) cpu=0 ;;
    split/tx) cpu=1 ;;
    esac
    case "$1" in
    c) printf '%s\n' taskset -c "$cpu" ;;
    *) printf '%s\n' -A "$cpu" ;;
    esac
}
