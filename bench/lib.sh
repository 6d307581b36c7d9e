# shellcheck shell=bash
# Sourced by bench/*.sh (`. "$top/bench/lib.sh"`): the processes a script started, each stopped by its PID when
# the script exits (`trap stop_all EXIT`), the wait for a listener on 127.0.0.1, where each end runs, and the
# alternated rounds with the check of their counts.

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

# --rounds and --max-rounds (the variables rounds and max_rounds): counts of 1 or more, else a line naming SCRIPT's
# options and exit 1; max_rounds is raised to rounds when below it.
# shellcheck disable=SC2154  # rounds and max_rounds are the sourcing script's
check_rounds() {  # SCRIPT
    local n
    for n in "$rounds" "$max_rounds"; do
        case "$n" in ''|*[!0-9]*|0) echo "bench/$1: --rounds and --max-rounds take a count of 1 or more, not '$n'" >&2; exit 1 ;; esac
    done
    [ "$max_rounds" -ge "$rounds" ] || max_rounds=$rounds
}

# The alternated rounds, one loop for every script: each round runs every entry of the array jobs ("KEY@ROW") once,
# as run_job KEY ROW ROUND (the caller's function), round r starting (r-1)/rounds of the way down the list, so that
# no row always runs right after the same other one (a JVM's exit, a burst of another user's load). From round
# --rounds on, after each round, the command given (the caller's check) says whether every goal's interval is within
# +-settle; the rounds stop then, or at --max-rounds. Sets r (the rounds run) and stopped (why they stopped).
# shellcheck disable=SC2154,SC2034  # jobs, rounds, max_rounds, settle are the sourcing script's; it reads r and stopped
run_rounds() {  # CHECK-COMMAND [ARG...]
    local i job start
    stopped="the round limit ($max_rounds)"
    r=1
    while :; do
        start=$(((r - 1) * ${#jobs[@]} / rounds % ${#jobs[@]}))
        for i in $(seq 0 $((${#jobs[@]} - 1))); do
            job=${jobs[$(((start + i) % ${#jobs[@]}))]}
            run_job "${job%%@*}" "${job#*@}" "$r"
        done
        echo "${round_indent:-}round $r done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
        if [ "$r" -ge "$rounds" ] && "$@"; then
            stopped="every goal's interval within +-$settle"
            return 0
        fi
        [ "$r" -ge "$max_rounds" ] && return 0
        r=$((r + 1))
    done
}
