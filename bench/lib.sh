# shellcheck shell=bash
# Sourced by bench/*.sh (`. "$top/bench/lib.sh"`): the processes a script started, each stopped by its PID when
# the script exits (`trap stop_all EXIT`), and the wait for a listener on 127.0.0.1.

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
