#!/usr/bin/env bash
# kttcp4j's engines against iperf3 on 127.0.0.1: the same write size and duration, several rounds in
# alternation (so the noise of a shared machine falls on all alike), and every ratio kttcp4j/iperf3 (Gbit/s, CPU
# seconds per GB) with its 95 % confidence interval from the paired rounds (bench/Ratios.java: the geometric mean
# of the per-round ratios, Student t on their logs); each goal of the project is "met" (the whole interval on its
# side), "missed" (the whole interval on the other) or "undecided". Rounds go on past --rounds until every goal's
# interval is within +-5 % (--settle) of its estimate, or --max-rounds is reached; the output says which.
# Each placement is measured apart, in the same rounds (--placements): "split" (receiver on CPU 0, sender on
# CPU 1), "same" (both on CPU 0), "free" (unpinned); iperf3 and kttcp4j are pinned with their own -A (the
# transfer threads), the C pairs with taskset (one thread each), `kttcp4j loopback` with -A SENDER,RECEIVER.
# Also the start-up time a user waits for: `kttcp4j --version` against `iperf3 --version`.
#
#   bench/iperf3.sh [--rounds N] [--max-rounds M] [--settle F] [--time SECONDS] [--len BYTES] [--port PORT]
#                   [--placements "split same free"] [--engines "user nio splice"]
#                   [--ref "write/read write/splice+lowat ..." | --ref none] [--loopbacks "two one"]
#                   [--no-loopback] [--no-startup]
#                   [--quick] [--json]
#   bench/iperf3.sh --analyse RAWDIR [--json | --markdown]   # the tables again from a run's raw JSON
#   bench/iperf3.sh --self-test                   # the statistics' own checks (bench/Ratios.java), seconds
#
# The same rounds also run `kttcp4j loopback` as a user runs it first (the default engine; its receiver in a
# child JVM, two processes) and `kttcp4j loopback --one-process` (both ends in one JVM), and print each against
# the same engine as two send/recv processes ("loopback / two processes"); --loopbacks two keeps only the first,
# --no-loopback leaves both out.
#
# An engine may be written SENDER/RECEIVER (user/splice) and carry +waitall (the receiver uses recv(2) with
# MSG_WAITALL), +poll (the user engine's --poll on both ends: non-blocking calls and poll(2), iperf3's loops;
# its C pair is select/select), +lowat (the receiver sets SO_RCVLOWAT to 1 MiB), +pipe (the splice receiver splices into
# /dev/null instead of its default discard), +sendfile (the splice sender uses sendfile(2) from a memfd instead of
# its default write(2)), +nolowat (the splice receiver without its default 1 MiB
# low-water mark) or +c2 (both JVMs with C2 as well, -XX:TieredStopAtLevel=4: the launcher compiles with C1
# only): rows of their own, since they measure something iperf3 does not do.
# Example: --engines "user splice user/splice+lowat".
#
# On Linux, the same rounds also run bench/ref/tcpref (built with make), the calls themselves in C as two
# processes: --ref lists SOURCE/SINK pairs, SOURCE write or sendfile (from a memfd), SINK read, waitall,
# splice (to /dev/null through a pipe), select (iperf3's server loop; with the select source, as write/select or
# select/select: iperf3's loops in C) or trunc (recv(fd, NULL, n, MSG_TRUNC)), +lowat for SO_RCVLOWAT 1 MiB;
# default: every source with the splice and trunc sinks, with and without +lowat, and write/read. Each
# kttcp4j row is then also printed against the C pair of the calls it makes (x C) and the best C pair (x best C).
#
# Needs iperf3 and python3 (installed with apt-get when missing and run as root), and cc and make for the C
# reference (left out, with a note, without them). Talks only to 127.0.0.1.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
rounds=5
max_rounds=12
settle=0.05
placements="split same free"
startup_too=1
analyse=""
secs=5
len=131072
port=5201
engines="user nio splice"
refs="write/read write/splice sendfile/splice write/trunc sendfile/trunc write/splice+lowat sendfile/splice+lowat"
refs="$refs write/trunc+lowat sendfile/trunc+lowat"
json=0
loopback=1
loopbacks="two one"
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --max-rounds) max_rounds=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --placements) placements=$2; shift 2 ;;
    --no-startup) startup_too=0; shift ;;
    --analyse) analyse=$2; shift 2 ;;
    --self-test)
        "$top/kttcp4j" --version >/dev/null
        exec java -cp "$top/target/kttcp4j.jar" "$top/bench/Ratios.java" --self-test ;;
    --time) secs=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --ref) refs=$2; shift 2 ;;
    --quick) rounds=3; max_rounds=3; secs=2; shift ;;
    --json) json=1; shift ;;
    --markdown) json=2; shift ;;
    --no-loopback) loopback=0; shift ;;
    --loopbacks) loopbacks=$2; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/iperf3.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done
. "$top/bench/lib.sh"  # listening PORT, pin KIND PLACEMENT SIDE, check_rounds, run_rounds

check_rounds iperf3.sh
for m in $loopbacks; do
    case "$m" in two|one) ;; *) echo "bench/iperf3.sh: --loopbacks takes two and one (processes), not '$m'" >&2; exit 1 ;; esac
done
[ -n "$loopbacks" ] || loopback=0
for pl in $placements; do
    case "$pl" in split|same|free) ;;
    *) echo "bench/iperf3.sh: --placements takes split, same and free (receiver CPU 0 / sender CPU 1, both CPU 0, unpinned), not '$pl'" >&2
       exit 1 ;;
    esac
done
if [ "$(nproc)" -lt 2 ] && [ "${placements/split/}" != "$placements" ]; then
    echo "bench/iperf3.sh: the split placement needs 2 CPUs and this machine has $(nproc): use --placements \"same free\"" >&2
    exit 1
fi

# The C reference pairs, checked before anything runs.
[ "$refs" = none ] && refs=""
ref=""
ref_pairs=()
for p in $refs; do
    case "${p%%+*}" in
    write/read|write/waitall|write/splice|write/trunc|sendfile/read|sendfile/waitall|sendfile/splice|sendfile/trunc) ;;
    select/read|select/select|write/select) ;;  # iperf3's own loops in C (bench/ref/tcpref.c): what iperf3 does that write/read does not
    *) echo "bench/iperf3.sh: --ref pair '$p' is not SOURCE/SINK[+lowat] (write|sendfile / read|waitall|splice|trunc, or select/read, write/select, select/select)" >&2
       exit 1 ;;
    esac
    case "$p" in *+*) [ "${p#*+}" = lowat ] || { echo "bench/iperf3.sh: --ref pair '$p': the only suffix is +lowat" >&2; exit 1; } ;; esac
    ref_pairs+=("$p")
done

for tool in iperf3 python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null
        else
            echo "bench/iperf3.sh: $tool is not installed: apt-get install $tool" >&2
            exit 1
        fi
    fi
done

"$top/kttcp4j" --version >/dev/null   # builds the jar when it is missing or stale
jar="$top/target/kttcp4j.jar"
if [ -n "$analyse" ]; then
    [ -f "$analyse/run.json" ] || { echo "bench/iperf3.sh: $analyse has no run.json: give the raw directory a run printed" >&2; exit 1; }
    raw=$analyse
else
    raw=$(mktemp -d /tmp/kttcp4j-bench.XXXXXX)
fi
server_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
trap stop_server EXIT

available=()
spec_engines() {  # "user/splice+lowat" -> "user splice"
    local base=${1%%+*}
    echo "${base%%/*} ${base#*/}"
}

spec_options() {  # "user+waitall" -> the receiver's extra options, one per line
    case "$1" in *+waitall*) echo --waitall ;; esac
    case "$1" in *+poll*) echo --poll ;; esac
    case "$1" in *+lowat*) printf '%s\n' --rcvlowat 1m ;; esac
    case "$1" in *+discard*) printf '%s\n' --sink discard ;; esac
    case "$1" in *+pipe*) printf '%s\n' --sink splice ;; esac
    case "$1" in *+nolowat*) printf '%s\n' --rcvlowat 0 ;; esac
}

sender_options() {  # "splice+sendfile" -> the sender's extra options, one per line
    case "$1" in *+sendfile*) printf '%s\n' --source sendfile ;; esac
    case "$1" in *+poll*) echo --poll ;; esac
    return 0
}

jvm_options() {  # "splice+c2" -> JVM options of both processes (KTTCP4J_JAVA_OPTS): +c2 brings back C2
    case "$1" in *+c2*) printf '%s\n' -XX:TieredStopAtLevel=4 ;; esac
    return 0
}

# Built once, here (Linux only).
if [ ${#ref_pairs[@]} -gt 0 ]; then
    if [ "$(uname -s)" != Linux ]; then
        echo "C reference: Linux's calls (splice, sendfile, MSG_TRUNC), and this is $(uname -s): rows left out" >&2
        ref_pairs=()
    elif make -s -C "$top/bench/ref" >/dev/null 2>&1; then
        ref="$top/bench/ref/tcpref"
    else
        echo "C reference: bench/ref did not build (needs cc and make: apt-get install gcc make): rows left out" >&2
        ref_pairs=()
    fi
fi

for e in $engines; do
    read -r tx rx <<< "$(spec_engines "$e")"
    mapfile -t opts < <(spec_options "$e")
    mapfile -t txopts < <(sender_options "$e" | grep -vxF -f <(printf '%s\n' "${opts[@]}"))  # --poll is both ends' once
    if timeout 60 "$top/kttcp4j" loopback --engine "$tx" --receiver-engine "$rx" "${opts[@]}" "${txopts[@]}" --bytes 1m -q \
        >/dev/null 2>&1; then
        available+=("$e")
    else
        echo "engine $e: not available here" >&2
    fi
done

run_iperf3() {  # placement round -> $raw/PLACEMENT/iperf3.N.json
    local a b
    mapfile -t a < <(pin iperf3 "$1" rx)
    mapfile -t b < <(pin iperf3 "$1" tx)
    iperf3 -s -1 -B 127.0.0.1 -p "$port" "${a[@]}" >/dev/null 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do listening "$port" && break; sleep 0.05; done
    timeout $((secs + 30)) iperf3 -c 127.0.0.1 -p "$port" -t "$secs" -l "$len" "${b[@]}" -J > "$raw/$1/iperf3.$2.json"
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

# kttcp4j as iperf3 runs, and through the launcher as a user runs it (its CDS archive, C1 only): a receiving
# process and a sending process (not the one-process loopback run, whose
# two threads share one process's scheduling: measured here, C's own write/read loop loses about 20% that way).
run_kttcp4j() {  # placement engine-spec round -> $raw/PLACEMENT/SPEC.N.rx.json and .tx.json
    local tx rx opts txopts jvm a b out="$raw/$1/${2//\//-}.$3"
    read -r tx rx <<< "$(spec_engines "$2")"
    mapfile -t opts < <(spec_options "$2")
    mapfile -t txopts < <(sender_options "$2")
    mapfile -t jvm < <(jvm_options "$2")
    mapfile -t a < <(pin kttcp4j "$1" rx)
    mapfile -t b < <(pin kttcp4j "$1" tx)
    KTTCP4J_JAVA_OPTS="${jvm[*]}" timeout $((secs + 60)) "$top/kttcp4j" recv --engine "$rx" "${opts[@]}" "${a[@]}" \
        -4 -B 127.0.0.1 --port "$port" --buffer "$len" --json -q > "$out.rx.json" 2>/dev/null &
    server_pid=$!
    for _ in $(seq 1 200); do listening "$port" && break; sleep 0.05; done
    KTTCP4J_JAVA_OPTS="${jvm[*]}" timeout $((secs + 60)) "$top/kttcp4j" send 127.0.0.1 --engine "$tx" "${txopts[@]}" \
        "${b[@]}" --port "$port" --time "${secs}s" --buffer "$len" --json -q > "$out.tx.json"
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

# `kttcp4j loopback` as a user runs it: "two" (the default: the receiver in a child JVM) or "one" (--one-process);
# pinned with -A SENDER,RECEIVER as the placement says.
run_loopback() {  # placement two|one round -> $raw/PLACEMENT/loopback-MODE.N.json
    local extra=()
    [ "$2" = one ] && extra=(--one-process)
    case "$1" in split) extra+=(-A "1,0") ;; same) extra+=(-A "0,0") ;; esac
    timeout $((secs + 60)) "$top/kttcp4j" loopback "${extra[@]}" --time "${secs}s" --buffer "$len" --json -q \
        > "$raw/$1/loopback-$2.$3.json"
}

# The C pair of calls as two processes, as iperf3 and kttcp4j run: placement "write/splice+lowat" round.
run_ref() {
    local base=${2%%+*} lowat=0 a b out="$raw/$1/c-${2//\//-}.$3"
    case "$2" in *+lowat) lowat=1m ;; esac
    mapfile -t a < <(pin c "$1" rx)
    mapfile -t b < <(pin c "$1" tx)
    timeout $((secs + 60)) "${a[@]}" "$ref" recv --port "$port" --sink "${base#*/}" --len "$len" --rcvlowat "$lowat" \
        --json > "$out.rx.json" &
    server_pid=$!
    for _ in $(seq 1 200); do listening "$port" && break; sleep 0.05; done
    timeout $((secs + 60)) "${b[@]}" "$ref" send --port "$port" --source "${base%%/*}" --len "$len" --time "$secs" \
        --json > "$out.tx.json"
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

# The figures, intervals and goals of the rounds in $raw so far (python3 with bench/intervals.py); with --check
# it prints nothing and exits 0 once every goal's interval is settled (within +-settle), 1 while one is not.
analysis() {
    PYTHONPATH="$top/bench" python3 "$top/bench/iperf3-analysis.py" "$top" "$raw" "$@"
}

if [ -z "$analyse" ]; then
    load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
    for pl in $placements; do mkdir -p "$raw/$pl"; done
    python3 - "$raw/run.json" <<PY
import json, sys
json.dump({"placements": "$placements".split(), "engines": "${available[*]}".split(), "refs": "${ref_pairs[*]}".split(),
           "loopbacks": "$loopbacks".split() if $loopback == 1 else [], "secs": $secs, "len": $len, "min_rounds": $rounds, "max_rounds": $max_rounds,
           "settle": $settle, "cpus": $(nproc), "kernel": "$(uname -sr)", "iperf3": "$(iperf3 --version | head -n 1)",
           "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "load_before": "$load_before"}, open(sys.argv[1], "w"))
PY
    echo "bench: $rounds to $max_rounds rounds of ${secs} s (until every goal is within +-$settle), write size $len," \
        "placements: $placements, on $(nproc) CPUs ($(uname -sr)); raw JSON in $raw" >&2
    rows=(iperf3 "${available[@]/#/k:}" "${ref_pairs[@]/#/c:}")
    if [ "$loopback" = 1 ]; then for m in $loopbacks; do rows+=("l:$m"); done; fi
    jobs=()
    for row in "${rows[@]}"; do for pl in $placements; do jobs+=("$pl@$row"); done; done
    run_job() {  # PLACEMENT ROW ROUND
        case "$2" in
        iperf3) run_iperf3 "$1" "$3" ;;
        k:*) run_kttcp4j "$1" "${2#k:}" "$3" ;;
        c:*) run_ref "$1" "${2#c:}" "$3" ;;
        l:*) run_loopback "$1" "${2#l:}" "$3" ;;
        esac
    }
    run_rounds analysis --check

    startup() {  # median wall milliseconds of 10 runs of a command
        local samples=()
        for _ in $(seq 1 10); do
            local t0 t1
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1
            t1=$(date +%s%N)
            samples+=($(((t1 - t0) / 1000000)))
        done
        printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
    }
    load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
    if [ "$startup_too" = 1 ]; then
        start_java=$(startup java -jar "$jar" --version)
        start_launcher=$(startup "$top/kttcp4j" --version)
        start_iperf3=$(startup iperf3 --version)
    fi
    python3 - "$raw/run.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
d.update({"rounds": $r, "stopped": "$stopped", "load_after": "$load_after", "date_end": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"})
if $startup_too:
    d["startup_ms_median"] = {"java -jar kttcp4j.jar --version": ${start_java:-0}, "./kttcp4j --version": ${start_launcher:-0},
                              "iperf3 --version": ${start_iperf3:-0}}
json.dump(d, open(sys.argv[1], "w"))
PY
fi
case "$json" in 1) analysis --json ;; 2) analysis --markdown ;; *) analysis ;; esac
