#!/usr/bin/env bash
# kttcp4j's engines against iperf3 on 127.0.0.1: the same write size and duration, several rounds in
# alternation (so the noise of a shared machine falls on all alike), medians, and the ratios kttcp4j/iperf3
# for Gbit/s and for CPU seconds per GB, with the targets of the project marked PASS or MISS.
# Also the start-up time a user waits for: `kttcp4j --version` against `iperf3 --version`.
#
#   bench/iperf3.sh [--rounds N] [--time SECONDS] [--len BYTES] [--port PORT] [--engines "user nio splice"]
#                   [--quick] [--json]
#
# An engine may be written SENDER/RECEIVER (user/splice) and carry +waitall (the receiver uses recv(2) with
# MSG_WAITALL) or +lowat (the receiver sets SO_RCVLOWAT to 1 MiB): rows of their own, since they measure
# something iperf3 does not do. Example: --engines "user splice user/splice+lowat".
#
# Needs iperf3 and python3 (installed with apt-get when missing and run as root). Talks only to 127.0.0.1.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
rounds=5
secs=5
len=131072
port=5201
engines="user nio splice"
json=0
while [ $# -gt 0 ]; do
    case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --time) secs=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --quick) rounds=3; secs=2; shift ;;
    --json) json=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench/iperf3.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
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
}

for e in $engines; do
    read -r tx rx <<< "$(spec_engines "$e")"
    mapfile -t opts < <(spec_options "$e")
    if timeout 60 java -jar "$jar" loopback --engine "$tx" --receiver-engine "$rx" "${opts[@]}" --bytes 1m -q \
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

# kttcp4j as iperf3 runs: a receiving process and a sending process (not the one-process loopback run, whose
# two threads share one process's scheduling: measured here, C's own write/read loop loses about 20% that way).
run_kttcp4j() {  # engine-spec round -> $raw/SPEC.N.rx.json and .tx.json
    local tx rx opts out="$raw/${1//\//-}.$2"
    read -r tx rx <<< "$(spec_engines "$1")"
    mapfile -t opts < <(spec_options "$1")
    timeout $((secs + 60)) java -jar "$jar" recv --engine "$rx" "${opts[@]}" -4 --port "$port" \
        --buffer "$len" --json -q > "$out.rx.json" 2>/dev/null &
    server_pid=$!
    for _ in $(seq 1 200); do listening && break; sleep 0.05; done
    timeout $((secs + 60)) java -jar "$jar" send 127.0.0.1 --engine "$tx" --port "$port" --time "${secs}s" \
        --buffer "$len" --json -q > "$out.tx.json"
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

echo "bench: $rounds rounds of ${secs} s, write size $len, on $(nproc) CPUs ($(uname -sr)); raw JSON in $raw" >&2
for r in $(seq 1 "$rounds"); do
    run_iperf3 "$r"
    for e in "${available[@]}"; do
        run_kttcp4j "$e" "$r"
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

python3 - "$raw" "$rounds" "$json" "$start_java" "$start_launcher" "$start_iperf3" "${available[@]}" <<'PY'
import json, statistics, sys
raw, rounds, as_json = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
start_java, start_launcher, start_iperf3 = (float(x) for x in sys.argv[4:7])
engines = sys.argv[7:]

def iperf3(doc):
    e = doc["end"]; r = e["sum_received"]; cpu = e["cpu_utilization_percent"]
    gb = r["bytes"] / 1e9
    return r["bits_per_second"] / 1e9, (cpu["host_total"] + cpu["remote_total"]) / 100 * r["seconds"] / gb

def kttcp4j(rx, tx):
    r = rx["end"]["sum_received"]
    cpu = sum(s["cpu_user_seconds"] + s["cpu_system_seconds"] for d in (rx, tx) for s in d["end"]["kttcp4j"])
    return r["bits_per_second"] / 1e9, cpu / (r["bytes"] / 1e9)

def load(path):
    with open(path) as f:
        return json.load(f)

rows = {}
for tool in ["iperf3"] + engines:
    g, c = [], []
    for i in range(1, rounds + 1):
        if tool == "iperf3":
            a, b = iperf3(load(f"{raw}/iperf3.{i}.json"))
        else:
            name = tool.replace("/", "-")
            a, b = kttcp4j(load(f"{raw}/{name}.{i}.rx.json"), load(f"{raw}/{name}.{i}.tx.json"))
        g.append(a); c.append(b)
    rows[tool] = {"gbits_median": statistics.median(g), "cpu_s_per_gb_median": statistics.median(c),
                  "gbits": g, "cpu_s_per_gb": c}

base = rows["iperf3"]
targets = {"user": (0.95, None), "nio": (0.90, None), "splice": (2.0, 0.55)}
for tool, row in rows.items():
    if tool == "iperf3":
        continue
    row["gbits_ratio"] = row["gbits_median"] / base["gbits_median"]
    row["cpu_ratio"] = row["cpu_s_per_gb_median"] / base["cpu_s_per_gb_median"]
    t = targets.get(tool)
    if t:
        ok = row["gbits_ratio"] >= t[0] and (t[1] is None or row["cpu_ratio"] <= t[1])
        row["target"] = f">= {t[0]} x Gbit/s" + (f", <= {t[1]} x CPU s/GB" if t[1] else "")
        row["verdict"] = "PASS" if ok else "MISS"
startup = {"java -jar kttcp4j.jar --version": start_java, "./kttcp4j --version": start_launcher,
           "iperf3 --version": start_iperf3}
if as_json:
    print(json.dumps({"rounds": rounds, "results": rows, "startup_ms_median": startup}, indent=2))
    sys.exit(0)
print(f"{'':18} {'Gbit/s':>8} {'CPU s/GB':>9} {'x Gbit/s':>9} {'x CPU':>7}  target")
for tool, row in rows.items():
    if tool == "iperf3":
        print(f"{tool:18} {row['gbits_median']:8.2f} {row['cpu_s_per_gb_median']:9.3f}")
    else:
        print(f"{tool:18} {row['gbits_median']:8.2f} {row['cpu_s_per_gb_median']:9.3f} {row['gbits_ratio']:9.2f}"
              f" {row['cpu_ratio']:7.2f}  {row.get('verdict', '')} {row.get('target', '')}")
print(f"(medians of {rounds} rounds; x = ratio to iperf3 measured in the same rounds)")
print()
print("start-up, median of 10 (ms):")
for k, v in startup.items():
    print(f"  {k:34} {v:6.0f}")
PY
