#!/usr/bin/env bash
# Where a kttcp4j pair spends its CPU against the C pair of the same calls (issue #23 item 3): both ends of each,
# two processes on 127.0.0.1 as bench/iperf3.sh runs them, sampled with perf (cpu-clock, call graphs) over the same
# window of the run; per end: samples, the share in the kernel / the JVM (libjvm, JIT code) / libc and JNA, the top
# symbols, and the calls per GB each process made (kttcp4j's "calls", tcpref's "calls_made"). With --jfr the kttcp4j
# ends also record a JDK Flight Recording and print their hottest Java frames.
#
#   bench/profile.sh [--engine user] [--ref write/read] [--time 6] [--skip 2] [--window 3]
#                    [--placement split|same|free] [--len BYTES] [--port PORT] [--jfr] [--top 12]
#
# --skip: seconds after the sender starts before sampling (the JIT's first seconds, bench/README.md); the window
# must end before --time does. Needs root or perf_event_paranoid <= 1, perf, python3, cc and make.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
engine=user
refpair=write/read
secs=6
skip=2
window=3
placement="split"
len=131072
port=5202
jfr=0
ntop=12
while [ $# -gt 0 ]; do
    case "$1" in
    --engine) engine=$2; shift 2 ;;
    --ref) refpair=$2; shift 2 ;;
    --time) secs=$2; shift 2 ;;
    --skip) skip=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --placement) placement=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --jfr) jfr=1; shift ;;
    --top) ntop=$2; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/profile.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done
case "$placement" in split|same|free) ;; *) echo "bench/profile.sh: --placement is split, same or free, not '$placement'" >&2; exit 1 ;; esac
if [ $((skip + window)) -ge "$secs" ]; then
    echo "bench/profile.sh: --skip $skip + --window $window must end before --time $secs: give a longer --time" >&2
    exit 1
fi
command -v perf >/dev/null || { echo "bench/profile.sh: perf is not installed: apt-get install linux-perf" >&2; exit 1; }
make -s -C "$top/bench/ref" >/dev/null || { echo "bench/profile.sh: bench/ref did not build (needs cc and make)" >&2; exit 1; }
ref="$top/bench/ref/tcpref"
"$top/kttcp4j" --version >/dev/null
raw=$(mktemp -d /tmp/kttcp4j-profile.XXXXXX)
echo "bench/profile.sh: $engine against C $refpair, placement $placement, sampling ${window} s after ${skip} s; files in $raw" >&2
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg) before"

. "$top/bench/lib.sh"
trap stop_all EXIT
child_of() {  # the process timeout(1) runs (the JVM: the launcher execs it)
    local c
    for _ in $(seq 1 100); do
        c=$(pgrep -P "$1" | head -n 1 || true)
        [ -n "$c" ] && { echo "$c"; return 0; }
        sleep 0.05
    done
    echo "bench/profile.sh: process $1 started no child in 5 s" >&2
    return 1
}
cpu() {  # side -> the CPU of the placement, or nothing
    case "$placement/$1" in free/*) ;; same/*|split/rx) echo 0 ;; split/tx) echo 1 ;; esac
}

# profile NAME RX-COMMAND... -- TX-COMMAND...: both ends started, both sampled over the window
profile() {
    local name=$1 rxcmd=() txcmd=() rxp txp
    shift
    while [ "$1" != -- ]; do rxcmd+=("$1"); shift; done
    shift
    txcmd=("$@")
    timeout $((secs + 60)) "${rxcmd[@]}" > "$raw/$name.rx.json" 2>/dev/null &
    pids=($!)
    for _ in $(seq 1 200); do listening "$port" && break; sleep 0.05; done
    timeout $((secs + 60)) "${txcmd[@]}" > "$raw/$name.tx.json" &
    pids+=($!)
    rxp=$(child_of "${pids[0]}")
    txp=$(child_of "${pids[1]}")
    sleep "$skip"
    perf record -q -e cpu-clock -g -p "$rxp" -o "$raw/$name.rx.perf" -- sleep "$window" >/dev/null 2>&1 &
    local p1=$!
    perf record -q -e cpu-clock -g -p "$txp" -o "$raw/$name.tx.perf" -- sleep "$window" >/dev/null 2>&1 &
    local p2=$!
    wait "$p1" "$p2" || true
    wait "${pids[1]}" || true
    for _ in $(seq 1 200); do kill -0 "${pids[0]}" 2>/dev/null || break; sleep 0.05; done
    stop_all
    for end in rx tx; do
        perf report -i "$raw/$name.$end.perf" --no-children --sort dso,sym --stdio -q -g none 2>/dev/null \
            > "$raw/$name.$end.txt" || true
    done
}

rxa=() txa=() rxt=() txt=() jvm_rx="" jvm_tx=""
[ -n "$(cpu rx)" ] && { rxa=(-A "$(cpu rx)"); rxt=(taskset -c "$(cpu rx)"); }
[ -n "$(cpu tx)" ] && { txa=(-A "$(cpu tx)"); txt=(taskset -c "$(cpu tx)"); }
if [ "$jfr" = 1 ]; then
    jvm_rx="-XX:StartFlightRecording=filename=$raw/k.rx.jfr,settings=profile -Xlog:jfr+startup=off"
    jvm_tx="-XX:StartFlightRecording=filename=$raw/k.tx.jfr,settings=profile -Xlog:jfr+startup=off"
fi
KTTCP4J_JAVA_OPTS="$jvm_rx" profile k "$top/kttcp4j" recv --engine "$engine" "${rxa[@]}" -4 -B 127.0.0.1 --port "$port" \
    --buffer "$len" --json -q -- env KTTCP4J_JAVA_OPTS="$jvm_tx" "$top/kttcp4j" send 127.0.0.1 --engine "$engine" \
    "${txa[@]}" --port "$port" --time "${secs}s" --buffer "$len" --json -q
base=${refpair%%+*}
lowat=0
case "$refpair" in *+lowat) lowat=1m ;; esac
profile c "${rxt[@]}" "$ref" recv --port "$port" --sink "${base#*/}" --len "$len" --rcvlowat "$lowat" --json \
    -- "${txt[@]}" "$ref" send --port "$port" --source "${base%%/*}" --len "$len" --time "$secs" --json

echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after; placement $placement"
echo
python3 - "$raw" "$engine" "$refpair" "$ntop" "$jfr" <<'PY'
import json, os, re, subprocess, sys
from collections import Counter
raw, engine, refpair, ntop, jfr = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"


def perf_rows(path):  # perf report --sort dso,sym: "  12.34%  dso  [k] symbol"
    # a dso may hold spaces: JNA's dispatch library, extracted to a temporary file, reads "jna123.tmp (deleted)",
    # and the JVM's compiled code "[JIT] tid 5328"; a pattern that stops at the first space drops their rows
    rows = []
    for line in open(path):
        m = re.match(r"\s*([0-9.]+)%\s+(.+?)\s+\[(.)\]\s+(.*)", line)
        if m:
            rows.append((float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()))
    return rows


def where(dso, kind):
    if kind == "k" or dso.startswith("[kernel"):
        return "kernel"
    if "libjvm" in dso:
        return "JVM (libjvm)"
    if dso.startswith(("[unknown]", "[JIT]", "perf-")) or kind == "j":
        return "JIT code"
    if "jna" in dso.lower() or "jnidispatch" in dso:
        return "JNA (libjnidispatch)"
    if "libc" in dso:
        return "libc"
    return "other"


def calls_per_gb(name, end):
    try:
        doc = json.load(open(f"{raw}/{name}.{end}.json"))
    except (OSError, ValueError):
        return None
    if "end" in doc:   # kttcp4j
        s = doc["end"]["kttcp4j"]
        return sum(x["calls"] for x in s) / (sum(x["bytes"] for x in s) / 1e9), sum(x["bytes"] for x in s) * 8 / s[0]["seconds"] / 1e9
    return doc["calls_made"] / (doc["bytes"] / 1e9), doc["bytes"] * 8 / doc["seconds"] / 1e9


for name, label in (("k", f"kttcp4j {engine}"), ("c", f"C {refpair}")):
    for end, role in (("rx", "receiver"), ("tx", "sender")):
        rows = perf_rows(f"{raw}/{name}.{end}.txt")
        share = Counter()
        for pct, dso, kind, sym in rows:
            share[where(dso, kind)] += pct
        cg = calls_per_gb(name, end)
        head = f"{label}, {role}" + (f": {cg[1]:.2f} Gbit/s, {cg[0]:.0f} calls per GB" if cg else "")
        print(head)
        if not rows:
            print("  no samples: perf record did not attach, or the process had ended before the window")
        print("  " + ", ".join(f"{k} {v:.1f} %" for k, v in share.most_common()))
        for pct, dso, kind, sym in rows[:ntop]:
            print(f"  {pct:6.2f} %  {sym[:70]:70} {dso}")
        print()
if jfr:
    for end in ("rx", "tx"):
        f = f"{raw}/k.{end}.jfr"
        if not os.path.exists(f):
            continue
        out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "1", f],
                             capture_output=True, text=True).stdout
        frames = Counter(m.group(1).strip() for m in re.finditer(r"stackTrace = \[\s*\n\s*(.*?)(?:\s+line:.*)?\n", out))
        total = sum(frames.values())
        print(f"JFR, kttcp4j {engine} {end}: {total} Java samples (threads in Java code; native calls not sampled)")
        for fr, n in frames.most_common(ntop):
            print(f"  {100 * n / max(total, 1):6.2f} %  {fr}")
PY
