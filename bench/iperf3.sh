#!/usr/bin/env bash
# kttcp4j's engines against iperf3 on 127.0.0.1: the same write size and duration, several rounds in
# alternation (so the noise of a shared machine falls on all alike), medians, and the ratios kttcp4j/iperf3
# for Gbit/s and for CPU seconds per GB, with the targets of the project marked PASS or MISS.
# Also the start-up time a user waits for: `kttcp4j --version` against `iperf3 --version`.
#
#   bench/iperf3.sh [--rounds N] [--time SECONDS] [--len BYTES] [--port PORT] [--engines "user nio splice"]
#                   [--ref "write/read write/splice+lowat ..." | --ref none] [--no-loopback] [--quick] [--json]
#
# The same rounds also run `kttcp4j loopback` as a user runs it first (the default engine; its receiver in a
# child JVM, two processes) and `kttcp4j loopback --one-process` (both ends in one JVM), and print each against
# the same engine as two send/recv processes ("loopback / two processes"); --no-loopback leaves them out.
#
# An engine may be written SENDER/RECEIVER (user/splice) and carry +waitall (the receiver uses recv(2) with
# MSG_WAITALL), +lowat (the receiver sets SO_RCVLOWAT to 1 MiB), +pipe (the splice receiver splices into
# /dev/null instead of its default discard), +sendfile (the splice sender uses sendfile(2) from a memfd instead of
# its default write(2)), +nolowat (the splice receiver without its default 1 MiB
# low-water mark) or +c2 (both JVMs with C2 as well, -XX:TieredStopAtLevel=4: the launcher compiles with C1
# only): rows of their own, since they measure something iperf3 does not do.
# Example: --engines "user splice user/splice+lowat".
#
# On Linux, the same rounds also run bench/ref/tcpref (built with make), the calls themselves in C as two
# processes: --ref lists SOURCE/SINK pairs, SOURCE write or sendfile (from a memfd), SINK read, waitall,
# splice (to /dev/null through a pipe) or trunc (recv(fd, NULL, n, MSG_TRUNC)), +lowat for SO_RCVLOWAT 1 MiB;
# default: every source with the splice and trunc sinks, with and without +lowat, and write/read. Each
# kttcp4j row is then also printed against the C pair of the calls it makes (x C) and the best C pair (x best C).
#
# Needs iperf3 and python3 (installed with apt-get when missing and run as root), and cc and make for the C
# reference (left out, with a note, without them). Talks only to 127.0.0.1.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
rounds=5
secs=5
len=131072
port=5201
engines="user nio splice"
refs="write/read write/splice sendfile/splice write/trunc sendfile/trunc write/splice+lowat sendfile/splice+lowat"
refs="$refs write/trunc+lowat sendfile/trunc+lowat"
json=0
loopback=1
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --time) secs=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --ref) refs=$2; shift 2 ;;
    --quick) rounds=3; secs=2; shift ;;
    --json) json=1; shift ;;
    --no-loopback) loopback=0; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "bench/iperf3.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done

# The C reference pairs, checked before anything runs.
[ "$refs" = none ] && refs=""
ref=""
ref_pairs=()
for p in $refs; do
    case "${p%%+*}" in
    write/read|write/waitall|write/splice|write/trunc|sendfile/read|sendfile/waitall|sendfile/splice|sendfile/trunc) ;;
    *) echo "bench/iperf3.sh: --ref pair '$p' is not SOURCE/SINK[+lowat] (write|sendfile / read|waitall|splice|trunc)" >&2
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
raw=$(mktemp -d /tmp/kttcp4j-bench.XXXXXX)
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
    case "$1" in *+lowat*) printf '%s\n' --rcvlowat 1m ;; esac
    case "$1" in *+discard*) printf '%s\n' --sink discard ;; esac
    case "$1" in *+pipe*) printf '%s\n' --sink splice ;; esac
    case "$1" in *+nolowat*) printf '%s\n' --rcvlowat 0 ;; esac
}

sender_options() {  # "splice+sendfile" -> the sender's extra options, one per line
    case "$1" in *+sendfile*) printf '%s\n' --source sendfile ;; esac
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
    mapfile -t txopts < <(sender_options "$e")
    if timeout 60 "$top/kttcp4j" loopback --engine "$tx" --receiver-engine "$rx" "${opts[@]}" "${txopts[@]}" --bytes 1m -q \
        >/dev/null 2>&1; then
        available+=("$e")
    else
        echo "engine $e: not available here" >&2
    fi
done

listening() {  # is something listening on 127.0.0.1:$port?
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q .
}

run_iperf3() {  # round -> $raw/iperf3.N.json
    iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do listening && break; sleep 0.05; done
    timeout $((secs + 30)) iperf3 -c 127.0.0.1 -p "$port" -t "$secs" -l "$len" -J > "$raw/iperf3.$1.json"
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

# kttcp4j as iperf3 runs, and through the launcher as a user runs it (its CDS archive, C1 only): a receiving
# process and a sending process (not the one-process loopback run, whose
# two threads share one process's scheduling: measured here, C's own write/read loop loses about 20% that way).
run_kttcp4j() {  # engine-spec round -> $raw/SPEC.N.rx.json and .tx.json
    local tx rx opts txopts jvm out="$raw/${1//\//-}.$2"
    read -r tx rx <<< "$(spec_engines "$1")"
    mapfile -t opts < <(spec_options "$1")
    mapfile -t txopts < <(sender_options "$1")
    mapfile -t jvm < <(jvm_options "$1")
    KTTCP4J_JAVA_OPTS="${jvm[*]}" timeout $((secs + 60)) "$top/kttcp4j" recv --engine "$rx" "${opts[@]}" -4 -B 127.0.0.1 --port "$port" \
        --buffer "$len" --json -q > "$out.rx.json" 2>/dev/null &
    server_pid=$!
    for _ in $(seq 1 200); do listening && break; sleep 0.05; done
    KTTCP4J_JAVA_OPTS="${jvm[*]}" timeout $((secs + 60)) "$top/kttcp4j" send 127.0.0.1 --engine "$tx" "${txopts[@]}" --port "$port" --time "${secs}s" \
        --buffer "$len" --json -q > "$out.tx.json"
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

# `kttcp4j loopback` as a user runs it: "two" (the default: the receiver in a child JVM) or "one" (--one-process)
run_loopback() {  # two|one round -> $raw/loopback-MODE.N.json
    local extra=()
    [ "$1" = one ] && extra=(--one-process)
    timeout $((secs + 60)) "$top/kttcp4j" loopback "${extra[@]}" --time "${secs}s" --buffer "$len" --json -q \
        > "$raw/loopback-$1.$2.json"
}

# The C pair of calls as two processes, as iperf3 and kttcp4j run: "write/splice+lowat" round -> $raw/c-....
run_ref() {
    local base=${1%%+*} lowat=0 out="$raw/c-${1//\//-}.$2"
    case "$1" in *+lowat) lowat=1m ;; esac
    timeout $((secs + 60)) "$ref" recv --port "$port" --sink "${base#*/}" --len "$len" --rcvlowat "$lowat" --json \
        > "$out.rx.json" &
    server_pid=$!
    for _ in $(seq 1 200); do listening && break; sleep 0.05; done
    timeout $((secs + 60)) "$ref" send --port "$port" --source "${base%%/*}" --len "$len" --time "$secs" --json \
        > "$out.tx.json"
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "bench: $rounds rounds of ${secs} s, write size $len, on $(nproc) CPUs ($(uname -sr)); raw JSON in $raw" >&2
# Each round runs every row once; round r starts (r-1)/rounds of the way down the list, so no row always runs
# right after the same other one (a JVM's exit, a burst of another user's load) on a shared machine.
jobs=(iperf3 "${available[@]/#/k:}" "${ref_pairs[@]/#/c:}")
[ "$loopback" = 1 ] && jobs+=(l:two l:one)
for r in $(seq 1 "$rounds"); do
    start=$(((r - 1) * ${#jobs[@]} / rounds))
    for i in $(seq 0 $((${#jobs[@]} - 1))); do
        job=${jobs[$(((start + i) % ${#jobs[@]}))]}
        case "$job" in
        iperf3) run_iperf3 "$r" ;;
        k:*) run_kttcp4j "${job#k:}" "$r" ;;
        c:*) run_ref "${job#c:}" "$r" ;;
        l:*) run_loopback "${job#l:}" "$r" ;;
        esac
    done
    echo "round $r/$rounds done" >&2
done

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
start_java=$(startup java -jar "$jar" --version)
start_launcher=$(startup "$top/kttcp4j" --version)
start_iperf3=$(startup iperf3 --version)
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

LOOPBACK="$loopback" REF_PAIRS="${ref_pairs[*]}" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" \
python3 - "$raw" "$rounds" "$json" "$start_java" "$start_launcher" "$start_iperf3" "${available[@]}" <<'PY'
import json, os, statistics, sys
raw, rounds, as_json = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
start_java, start_launcher, start_iperf3 = (float(x) for x in sys.argv[4:7])
engines = sys.argv[7:]
refs = os.environ.get("REF_PAIRS", "").split()

def iperf3(doc):
    e = doc["end"]; r = e["sum_received"]; cpu = e["cpu_utilization_percent"]
    gb = r["bytes"] / 1e9
    return r["bits_per_second"] / 1e9, (cpu["host_total"] + cpu["remote_total"]) / 100 * r["seconds"] / gb

def kttcp4j(rx, tx):
    r = rx["end"]["sum_received"]
    cpu = sum(s["cpu_user_seconds"] + s["cpu_system_seconds"] for d in (rx, tx) for s in d["end"]["kttcp4j"])
    return r["bits_per_second"] / 1e9, cpu / (r["bytes"] / 1e9)

def tcpref(rx, tx):  # bench/ref/tcpref's two JSON lines: what the receiver got, both processes' getrusage
    cpu = sum(d["cpu_user_seconds"] + d["cpu_system_seconds"] for d in (rx, tx))
    return rx["bytes"] * 8 / rx["seconds"] / 1e9, cpu / (rx["bytes"] / 1e9)

def loopback(doc):  # one document, both ends: the run's CPU covers both (and both processes, in two)
    e = doc["end"]; r = e["sum_received"]; run = e["kttcp4j_run"]
    cpu = run["cpu_user_seconds"] + run["cpu_system_seconds"]
    return r["bits_per_second"] / 1e9, cpu / (r["bytes"] / 1e9)

LOOPBACKS = {"loopback": "two", "loopback --one-process": "one"} if os.environ.get("LOOPBACK") == "1" else {}
loopback_engine = {}

def load(path):
    with open(path) as f:
        return json.load(f)

def same_calls(spec):  # the C pair of the calls a kttcp4j engine spec makes, or None
    base, *mods = spec.split("+")
    tx, _, rx = base.partition("/")
    source = {"user": "write", "nio": "write", "splice": "write"}.get(tx)
    if "sendfile" in mods:
        source = "sendfile"
    # the splice engine's receiver discards (recv MSG_TRUNC) with a 1 MiB low-water mark unless told otherwise
    receiver = rx or tx
    sink = {"user": "read", "nio": "read", "splice": "trunc"}.get(receiver)
    lowat = "lowat" in mods or (receiver == "splice" and "nolowat" not in mods)
    if "waitall" in mods:
        sink = "waitall"
    if "discard" in mods:
        sink = "trunc"
    if "pipe" in mods:
        sink = "splice"
    if source is None or sink is None:
        return None
    return "C " + source + "/" + sink + ("+lowat" if lowat else "")

rows = {}
for tool in ["iperf3"] + engines + ["C " + p for p in refs] + list(LOOPBACKS):
    g, c = [], []
    for i in range(1, rounds + 1):
        if tool == "iperf3":
            a, b = iperf3(load(f"{raw}/iperf3.{i}.json"))
        elif tool in LOOPBACKS:
            doc = load(f"{raw}/loopback-{LOOPBACKS[tool]}.{i}.json")
            a, b = loopback(doc)
            loopback_engine[tool] = doc["end"]["kttcp4j"][0]["engine"]
        elif tool.startswith("C "):
            name = "c-" + tool[2:].replace("/", "-")
            a, b = tcpref(load(f"{raw}/{name}.{i}.rx.json"), load(f"{raw}/{name}.{i}.tx.json"))
        else:
            name = tool.replace("/", "-")
            a, b = kttcp4j(load(f"{raw}/{name}.{i}.rx.json"), load(f"{raw}/{name}.{i}.tx.json"))
        g.append(a); c.append(b)
    rows[tool] = {"gbits_median": statistics.median(g), "cpu_s_per_gb_median": statistics.median(c),
                  "gbits": g, "cpu_s_per_gb": c}

base = rows["iperf3"]
best_c = max((t for t in rows if t.startswith("C ")), key=lambda t: rows[t]["gbits_median"], default=None)
# Issue #10 item 4: (Gbit/s x iperf3 at least, CPU s/GB x iperf3 at most, Gbit/s x the best C pair at least).
# "splice" is the Linux default engine as it runs with no options.
targets = {"user": (0.95, None, None), "nio": (0.90, None, None), "splice": (1.8, 0.45, 0.90)}
for tool, row in rows.items():
    if tool == "iperf3":
        continue
    row["gbits_ratio"] = row["gbits_median"] / base["gbits_median"]
    row["cpu_ratio"] = row["cpu_s_per_gb_median"] / base["cpu_s_per_gb_median"]
    if best_c:
        row["best_c"] = best_c
        row["gbits_ratio_best_c"] = row["gbits_median"] / rows[best_c]["gbits_median"]
    same = None if tool.startswith("C ") else same_calls(tool)
    if same in rows:
        row["same_c"] = same
        row["gbits_ratio_same_c"] = row["gbits_median"] / rows[same]["gbits_median"]
        row["cpu_ratio_same_c"] = row["cpu_s_per_gb_median"] / rows[same]["cpu_s_per_gb_median"]
    if tool in LOOPBACKS and loopback_engine.get(tool) in rows:  # against the same engine as two processes
        row["engine"] = loopback_engine[tool]
        row["gbits_ratio_two_processes"] = row["gbits_median"] / rows[row["engine"]]["gbits_median"]
        if tool == "loopback":
            row["target"] = ">= 0.9 x the same engine as two send/recv processes"
            row["verdict"] = "PASS" if row["gbits_ratio_two_processes"] >= 0.9 else "MISS"
    t = targets.get(tool)
    if t:
        ok = row["gbits_ratio"] >= t[0] and (t[1] is None or row["cpu_ratio"] <= t[1])
        text = f">= {t[0]} x Gbit/s" + (f", <= {t[1]} x CPU s/GB" if t[1] else "")
        if t[2] is not None:
            text += f", >= {t[2]} x best C"
            ok = ok and "gbits_ratio_best_c" in row and row["gbits_ratio_best_c"] >= t[2]
        row["target"] = text
        row["verdict"] = "PASS" if ok else "MISS"
startup = {"java -jar kttcp4j.jar --version": start_java, "./kttcp4j --version": start_launcher,
           "iperf3 --version": start_iperf3}
load_avg = {"before": os.environ.get("LOAD_BEFORE", ""), "after": os.environ.get("LOAD_AFTER", "")}
if as_json:
    print(json.dumps({"rounds": rounds, "results": rows, "best_c": best_c, "startup_ms_median": startup,
                      "loadavg": load_avg}, indent=2))
    sys.exit(0)

def ratio(row, key):
    return f"{row[key]:.2f}" if key in row else ""

w = max([18] + [len(t) for t in rows])
print(f"{'':{w}} {'Gbit/s':>8} {'CPU s/GB':>9} {'x Gbit/s':>9} {'x CPU':>7} {'x C':>6} {'x best C':>8}  target")
for tool, row in rows.items():
    if tool == "iperf3":
        print(f"{tool:{w}} {row['gbits_median']:8.2f} {row['cpu_s_per_gb_median']:9.3f}")
    else:
        print(f"{tool:{w}} {row['gbits_median']:8.2f} {row['cpu_s_per_gb_median']:9.3f} {row['gbits_ratio']:9.2f}"
              f" {row['cpu_ratio']:7.2f} {ratio(row, 'gbits_ratio_same_c'):>6} {ratio(row, 'gbits_ratio_best_c'):>8}"
              f"  {row.get('verdict', '')} {row.get('target', '')}".rstrip())
print(f"(medians of {rounds} rounds; x = ratio to iperf3 measured in the same rounds; x C = Gbit/s ratio to the C"
      f" pair of the same calls (bench/ref), x best C = to the fastest C pair"
      + (f", {best_c[2:]})" if best_c else ")"))
print()
print("targets (issue #10 item 4, ratios of medians of at least 5 alternated rounds):")
for tool, (g, c, bc) in targets.items():
    row = rows.get(tool)
    what = f"{tool}: >= {g} x iperf3 Gbit/s" + (f", <= {c} x iperf3 CPU s/GB" if c else "") \
        + (f", >= {bc} x the best C pair's Gbit/s" if bc else "")
    if row is None:
        print(f"  {what}: not run (add it to --engines)")
    else:
        got = f"{row['gbits_ratio']:.2f} x" + (f", CPU {row['cpu_ratio']:.2f} x" if c else "") \
            + (f", {row['gbits_ratio_best_c']:.2f} x best C" if bc and "gbits_ratio_best_c" in row else "")
        print(f"  {what}: {got}  {row['verdict']}" + ("" if rounds >= 5 else " (fewer than 5 rounds)"))
lb = rows.get("loopback")
if lb is None:
    print("  kttcp4j loopback (default engine) within 0.9 x of the same engine as two send/recv processes:"
          " not run (--no-loopback)")
elif "gbits_ratio_two_processes" in lb:
    print(f"  kttcp4j loopback (default engine) within 0.9 x of the same engine as two send/recv processes:"
          f" {lb['gbits_ratio_two_processes']:.2f} x  {lb['verdict']}" + ("" if rounds >= 5 else " (fewer than 5 rounds)"))
else:
    print(f"  kttcp4j loopback: its engine ({loopback_engine.get('loopback')}) did not run as send/recv here"
          " (add it to --engines)")
if LOOPBACKS:
    print()
    print("loopback / two processes (Gbit/s, medians, against the same engine as send/recv processes):")
    for tool in LOOPBACKS:
        row = rows[tool]
        if "gbits_ratio_two_processes" in row:
            print(f"  kttcp4j {tool:24} ({row['engine']}): {row['gbits_median']:6.2f} Gbit/s,"
                  f" {row['gbits_ratio_two_processes']:.2f} x {row['engine']} as send/recv")
print()
print("start-up, median of 10 (ms):")
for k, v in startup.items():
    print(f"  {k:34} {v:6.0f}")
print(f"load average (1, 5, 15 min): {load_avg['before']} before, {load_avg['after']} after")
PY
