#!/usr/bin/env bash
# Parallel streams on 127.0.0.1 (issue #23 item 4): for each N of --streams, in alternated rounds, kttcp4j's default
# engine (splice) and user engine with -P N (one receiving and one sending process, N connections), iperf3 -P N, and
# N pairs of bench/ref's C processes at once (2 N processes, each pair on its own port): the C pair of each engine's
# calls, write -> recv(MSG_TRUNC) with SO_RCVLOWAT 1 MiB for splice, write -> read for user. Prints per N the sums
# (Gbit/s: what the receivers got; CPU s/GB: every process's CPU over the bytes received) and every ratio with its
# 95 % interval from the paired rounds (bench/Ratios.java); the goal, kttcp4j's sum >= 0.9 x the C pairs' sum at
# each N, is met / missed / undecided. Rounds go on past --rounds until every goal is within +-5 % (--settle) or
# --max-rounds. Unpinned: N streams share the machine's CPUs as the scheduler sees fit.
#
#   bench/streams.sh [--streams "1 2 4 8"] [--rounds N] [--max-rounds M] [--settle F] [--time SECONDS]
#                    [--len BYTES] [--port PORT] [--quick] [--json | --markdown]
#   bench/streams.sh --analyse RAWDIR [--json | --markdown]   # the tables again from a run's raw JSON
#
# iperf3 before 3.16 (Debian 12's 3.12) runs every stream in one thread, 3.16 and later a thread per stream: the
# output names the version that ran. Needs iperf3, python3, cc and make. Talks only to 127.0.0.1.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
streams="1 2 4 8"
rounds=5
max_rounds=12
settle=0.05
secs=5
len=131072
port=5201
json=0
analyse=""
while [ $# -gt 0 ]; do
    case "$1" in
    --streams) streams=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --max-rounds) max_rounds=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --time) secs=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --analyse) analyse=$2; shift 2 ;;
    --quick) rounds=3; max_rounds=3; secs=2; shift ;;
    --json) json=1; shift ;;
    --markdown) json=2; shift ;;
    -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/streams.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done
. "$top/bench/lib.sh"  # check_rounds, run_rounds
check_rounds streams.sh
for n in $streams; do
    case "$n" in ''|*[!0-9]*|0) echo "bench/streams.sh: --streams takes counts of 1 or more, not '$n'" >&2; exit 1 ;; esac
done
for tool in iperf3 python3 make; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/streams.sh: $tool is not installed: apt-get install $tool" >&2; exit 1; }
done
make -s -C "$top/bench/ref" >/dev/null || { echo "bench/streams.sh: bench/ref did not build (needs cc and make)" >&2; exit 1; }
ref="$top/bench/ref/tcpref"
"$top/kttcp4j" --version >/dev/null   # builds the jar when it is missing or stale
if [ -n "$analyse" ]; then
    [ -f "$analyse/run.json" ] || { echo "bench/streams.sh: $analyse has no run.json: give the raw directory a run printed" >&2; exit 1; }
    raw=$analyse
else
    raw=$(mktemp -d /tmp/kttcp4j-bench-streams.XXXXXX)
fi

trap stop_all EXIT

await_exit() {  # the receivers end at their senders' EOF; at most 10 s more
    for p in "${pids[@]}"; do
        for _ in $(seq 1 200); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
    done
    stop_all
}

run_iperf3() {  # N round
    iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    pids=($!)
    await_listening "$port"
    timeout $((secs + 30)) iperf3 -c 127.0.0.1 -p "$port" -t "$secs" -l "$len" -P "$1" -J > "$raw/iperf3.P$1.$2.json"
    await_exit
}

run_kttcp4j() {  # engine N round
    local out="$raw/$1.P$2.$3"
    timeout $((secs + 60)) "$top/kttcp4j" recv --engine "$1" -P "$2" -4 -B 127.0.0.1 --port "$port" --buffer "$len" \
        --json -q > "$out.rx.json" 2>/dev/null &
    pids=($!)
    await_listening "$port"
    timeout $((secs + 60)) "$top/kttcp4j" send 127.0.0.1 --engine "$1" -P "$2" --port "$port" --time "${secs}s" \
        --buffer "$len" --json -q > "$out.tx.json"
    await_exit
}

run_ref() {  # source/sink[+lowat] N round: N receivers on PORT..PORT+N-1, then N senders at once
    local base=${1%%+*} lowat=0 out="$raw/c-${1//\//-}.P$2.$3" senders=() i
    case "$1" in *+lowat) lowat=1m ;; esac
    pids=()
    for i in $(seq 0 $(($2 - 1))); do
        timeout $((secs + 60)) "$ref" recv --port $((port + i)) --sink "${base#*/}" --len "$len" --rcvlowat "$lowat" \
            --json > "$out.$i.rx.json" &
        pids+=($!)
    done
    for i in $(seq 0 $(($2 - 1))); do await_listening $((port + i)); done
    for i in $(seq 0 $(($2 - 1))); do
        timeout $((secs + 60)) "$ref" send --port $((port + i)) --source "${base%%/*}" --len "$len" --time "$secs" \
            --json > "$out.$i.tx.json" &
        senders+=($!)
    done
    for p in "${senders[@]}"; do wait "$p"; done
    await_exit
}

analysis() {  # check|json|text: the sums, intervals and goals of the rounds in $raw so far
PYTHONPATH="$top/bench" python3 - "$top" "$raw" "$1" <<'PY'
import json, os, statistics, sys
from intervals import Ratios, fmt
top, raw, mode = sys.argv[1:4]
run = json.load(open(f"{raw}/run.json"))
streams, secs, settle = run["streams"], run["secs"], run["settle"]
ROWS = ["iperf3", "splice", "user", "C write/trunc+lowat", "C write/read"]
SAME_C = {"splice": "C write/trunc+lowat", "user": "C write/read"}


def load(path):
    with open(path) as f:
        return json.load(f)


def files(row, n, i):
    if row == "iperf3":
        return [f"{raw}/iperf3.P{n}.{i}.json"]
    if row.startswith("C "):
        name = "c-" + row[2:].replace("/", "-")
        return [f"{raw}/{name}.P{n}.{i}.{k}.{end}.json" for k in range(n) for end in ("rx", "tx")]
    return [f"{raw}/{row}.P{n}.{i}.rx.json", f"{raw}/{row}.P{n}.{i}.tx.json"]


def figures(row, docs):  # (Gbit/s received, CPU s/GB of every process)
    if row == "iperf3":
        e = docs[0]["end"]; r = e["sum_received"]; cpu = e["cpu_utilization_percent"]
        return r["bits_per_second"] / 1e9, (cpu["host_total"] + cpu["remote_total"]) / 100 * r["seconds"] / (r["bytes"] / 1e9)
    if row.startswith("C "):
        rx = docs[0::2]
        got = sum(d["bytes"] for d in rx)
        cpu = sum(d["cpu_user_seconds"] + d["cpu_system_seconds"] for d in docs)
        return sum(d["bytes"] * 8 / d["seconds"] for d in rx) / 1e9, cpu / (got / 1e9)
    rx, tx = docs
    r = rx["end"]["sum_received"]
    # the process's CPU (kttcp4j_run): with -P N each stream's own cpu_* fields are the process's, not the thread's
    cpu = sum(d["end"]["kttcp4j_run"]["cpu_user_seconds"] + d["end"]["kttcp4j_run"]["cpu_system_seconds"] for d in docs)
    return r["bits_per_second"] / 1e9, cpu / (r["bytes"] / 1e9)


def whole(path):
    return os.path.exists(path) and os.path.getsize(path) > 0


rounds = 0
while all(whole(f) for n in streams for row in ROWS for f in files(row, n, rounds + 1)):
    rounds += 1
if rounds == 0:
    raise SystemExit(f"bench/streams.sh: no round in {raw} has every row's files")
out, requests = {}, {}
for n in streams:
    rows = {}
    for row in ROWS:
        g, c = zip(*(figures(row, [load(f) for f in files(row, n, i)]) for i in range(1, rounds + 1)))
        rows[row] = {"gbits_median": statistics.median(g), "cpu_s_per_gb_median": statistics.median(c),
                     "gbits": list(g), "cpu_s_per_gb": list(c)}
    for row in ("splice", "user"):
        for other in ("iperf3", SAME_C[row]):
            for metric, key in (("gbits", "gbits"), ("cpu", "cpu_s_per_gb")):
                requests[f"{n}|{row}|{metric}/{other}"] = ([x / y for x, y in zip(rows[row][key], rows[other][key])], None)
        requests[f"{n}|goal|{row}"] = (requests[f"{n}|{row}|gbits/{SAME_C[row]}"][0], (">=", 0.9))
    out[n] = rows
answers = Ratios(top).ask(requests, settle)
settled = all(a["settled"] for k, a in answers.items() if "|goal|" in k)
if mode == "check":
    sys.exit(0 if settled else 1)
for n, rows in out.items():
    for row in rows:
        rows[row]["ratios"] = {k.split("|", 2)[2]: a for k, a in answers.items() if k.startswith(f"{n}|{row}|")}
goals = {n: {row: answers[f"{n}|goal|{row}"] for row in ("splice", "user")} for n in streams}
if mode == "json":
    print(json.dumps({"run": run, "rounds": rounds, "settled": settled, "streams": out, "goals": goals}, indent=2))
    sys.exit(0)
if mode == "markdown":   # as bench/README.md quotes it
    print(f"{rounds} paired rounds of {secs} s (stopped: {run.get('stopped', '?')}), {run['iperf3']}"
          f" ({run['iperf3_threads']}), {run['cpus']} CPUs, unpinned, started {run['date']}, load average"
          f" {run['load_before']} before and {run.get('load_after', '?')} after.")
    print()
    print("| N | " + " | ".join(f"{r} Gbit/s" for r in ROWS) + " | " + " | ".join(f"{r} CPU s/GB" for r in ROWS) + " |")
    print("|---|" + "---|" * (2 * len(ROWS)))
    for n, rows in out.items():
        print(f"| {n} | " + " | ".join(f"{rows[r]['gbits_median']:.2f}" for r in ROWS) + " | "
              + " | ".join(f"{rows[r]['cpu_s_per_gb_median']:.3f}" for r in ROWS) + " |")
    print()
    print("| N | splice x iperf3 | splice x N C write/trunc+lowat (goal >= 0.9) | user x iperf3 | user x N C write/read (goal >= 0.9) |")
    print("|---|---|---|---|---|")
    for n, rows in out.items():
        cells = []
        for row in ("splice", "user"):
            r = rows[row]["ratios"]
            cells += [fmt(r["gbits/iperf3"]), f"{fmt(r[f'gbits/{SAME_C[row]}'])}: {goals[n][row]['verdict']}"]
        print(f"| {n} | " + " | ".join(cells) + " |")
    sys.exit(0)
print(f"{rounds} rounds of {secs} s, {run['iperf3']} ({run['iperf3_threads']}), {run['cpus']} CPUs, {run['kernel']};"
      f" started {run['date']}, load average {run['load_before']} before, {run.get('load_after', '?')} after;"
      f" stopped: {run.get('stopped', '?')}")
print()
print("Gbit/s (sum of the streams; median of the rounds):")
print(f"  {'N':>2}  " + "  ".join(f"{r:>19}" for r in ROWS))
for n, rows in out.items():
    print(f"  {n:>2}  " + "  ".join(f"{rows[r]['gbits_median']:19.2f}" for r in ROWS))
print("CPU s/GB (every process's CPU over the bytes received; median of the rounds):")
for n, rows in out.items():
    print(f"  {n:>2}  " + "  ".join(f"{rows[r]['cpu_s_per_gb_median']:19.3f}" for r in ROWS))
print()
print("ratios, geometric mean [95 % interval] of the paired rounds; goal: kttcp4j >= 0.9 x the same C pairs, Gbit/s:")
for n, rows in out.items():
    for row in ("splice", "user"):
        r = rows[row]["ratios"]
        g = goals[n][row]
        print(f"  N={n} {row:7} x iperf3 {fmt(r[f'gbits/iperf3']):>18} (CPU {fmt(r[f'cpu/iperf3'])}),"
              f" x {SAME_C[row]} {fmt(r[f'gbits/{SAME_C[row]}'])} (CPU {fmt(r[f'cpu/{SAME_C[row]}'])}): {g['verdict']}")
print(f"({'every' if settled else 'not every'} goal interval within +-{settle * 100:.0f} %)")
PY
}

if [ -n "$analyse" ]; then
    case "$json" in 1) analysis json ;; 2) analysis markdown ;; *) analysis text ;; esac
    exit 0
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
version=$(iperf3 --version | head -n 1)
threads="one thread for all streams"
case "$version" in
iperf\ 3.1[6-9]*|iperf\ 3.[2-9][0-9]*) threads="a thread per stream" ;;
esac
python3 - "$raw/run.json" <<PY
import json, sys
json.dump({"streams": [int(n) for n in "$streams".split()], "secs": $secs, "len": $len, "settle": $settle,
           "cpus": $(nproc), "kernel": "$(uname -sr)", "iperf3": "$version", "iperf3_threads": "$threads",
           "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "load_before": "$load_before"}, open(sys.argv[1], "w"))
PY
echo "bench: streams $streams, $rounds to $max_rounds rounds of ${secs} s, $version ($threads), on $(nproc) CPUs;" \
    "raw JSON in $raw" >&2
jobs=()
for n in $streams; do for row in iperf3 k:splice k:user c:write/trunc+lowat c:write/read; do jobs+=("$n@$row"); done; done
run_job() {  # N ROW ROUND
    case "$2" in
    iperf3) run_iperf3 "$1" "$3" ;;
    k:*) run_kttcp4j "${2#k:}" "$1" "$3" ;;
    c:*) run_ref "${2#c:}" "$1" "$3" ;;
    esac
}
run_rounds analysis check
python3 - "$raw/run.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
d.update({"rounds": $r, "stopped": "$stopped", "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
          "date_end": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"})
json.dump(d, open(sys.argv[1], "w"))
PY
case "$json" in 1) analysis json ;; 2) analysis markdown ;; *) analysis text ;; esac
