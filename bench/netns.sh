#!/usr/bin/env bash
# kttcp4j's engines against iperf3 between two network namespaces joined by a veth pair (ci/netns.sh): the
# receiver in namespace A, the sender in B, as two machines would run them. For each link (unshaped, and
# each tbf rate), several rounds in alternation (iperf3, then each engine), medians, the ratios
# kttcp4j/iperf3 for Gbit/s and CPU seconds per GB, and on a shaped link the ratio to the TCP goodput the
# rate allows (1448 payload bytes per 1514-byte frame as tbf counts them, MTU 1500 with timestamps).
#
#   bench/netns.sh [--links "unshaped 1gbit 5gbit"] [--router] [--rounds N] [--time SECONDS] [--len BYTES]
#                  [--engines "splice user nio"] [--congestion NAME] [--quick] [--json]
#
# --router puts issue #11's router (tbf burst 32kb limit 64kb, which drops) between the two; it needs a rate,
# so "unshaped" is skipped there. --congestion NAME gives both senders -C NAME and makes the sending namespace's
# default reno, so that both sockets start unpaced: iperf3 sets -C after connect(2), and a socket that began as
# bbr keeps TCP's pacing after the switch, which changes its retransmits through the router's tbf 2-4 x
# (bench/README.md, "Retransmits through the router"). Retransmits (the senders' counts) are printed per tool.
# Needs root, iproute2, iperf3 and python3 (iperf3 and python3 are installed
# with apt-get when missing). The namespaces are named k4jbench<PID>-a/-b/-r and removed at exit.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
rounds=5
secs=5
len=131072
links="unshaped 1gbit"
engines="splice user nio"
router=0
cc=""
json=0
port=5201
while [ $# -gt 0 ]; do
    case "$1" in
    --links) links=$2; shift 2 ;;
    --router) router=1; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --time) secs=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --congestion) cc=$2; shift 2 ;;
    --quick) rounds=3; secs=2; shift ;;
    --json) json=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/netns.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done

if [ "$(id -u)" -ne 0 ]; then
    echo "bench/netns.sh: network namespaces need root: sudo bench/netns.sh" >&2
    exit 1
fi
for tool in iperf3 python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null
    fi
done

"$top/kttcp4j" --version >/dev/null   # builds the jar when it is missing or stale
jar="$top/target/kttcp4j.jar"
raw=$(mktemp -d /tmp/kttcp4j-bench-netns.XXXXXX)
export K4J_NETNS="k4jbench$$"
netns="$top/ci/netns.sh"
server_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
cleanup() {
    stop_server
    "$netns" down >/dev/null || true
}
trap cleanup EXIT

listening() {  # is something listening on $port in namespace A?
    "$netns" exec A ss -Hltn "sport = :$port" 2>/dev/null | grep -q .
}

await_listening() {
    for _ in $(seq 1 200); do listening && return 0; sleep 0.05; done
    echo "bench/netns.sh: nothing listens on port $port in namespace A after 10 s" >&2
    return 1
}

await_server_exit() {
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

run_iperf3() {  # link round
    "$netns" exec A iperf3 -s -1 -B "$addr_a" -p "$port" >/dev/null 2>&1 &
    server_pid=$!
    await_listening
    timeout $((secs + 30)) "$netns" exec B iperf3 -c "$addr_a" -p "$port" -t "$secs" -l "$len" ${cc:+-C "$cc"} -J \
        > "$raw/$1.iperf3.$2.json"
    await_server_exit
}

run_kttcp4j() {  # link engine round
    local out="$raw/$1.$2.$3"
    timeout $((secs + 60)) "$netns" exec A java -jar "$jar" recv --engine "$2" -4 --port "$port" \
        --buffer "$len" --json -q > "$out.rx.json" 2>/dev/null &
    server_pid=$!
    await_listening
    timeout $((secs + 60)) "$netns" exec B java -jar "$jar" send "$addr_a" --engine "$2" --port "$port" \
        --time "${secs}s" --buffer "$len" ${cc:+-C "$cc"} --json -q > "$out.tx.json"
    await_server_exit
}

done_links=()
for link in $links; do
    opts=()
    [ "$link" = unshaped ] || opts+=(--rate "$link")
    if [ "$router" -eq 1 ]; then
        if [ "$link" = unshaped ]; then
            echo "bench/netns.sh: --router needs a rate: skipping 'unshaped'" >&2
            continue
        fi
        opts+=(--router)
    fi
    env_out=$("$netns" up "${opts[@]}")
    addr_a=$(echo "$env_out" | sed -n 's/^K4J_ADDR_A=//p')
    if [ -n "$cc" ]; then   # reno's init paces nothing (see the top); the namespace goes at "down"
        "$netns" exec B sysctl -q -w net.ipv4.tcp_congestion_control=reno
    fi
    label=$link
    [ "$router" -eq 0 ] || label="$link through a router"
    echo "bench: link $label: $rounds rounds of ${secs} s, write size $len, on $(nproc) CPUs ($(uname -sr));" \
        "raw JSON in $raw" >&2
    for r in $(seq 1 "$rounds"); do
        run_iperf3 "$link" "$r"
        for e in $engines; do
            run_kttcp4j "$link" "$e" "$r"
        done
        echo "  round $r/$rounds done" >&2
    done
    "$netns" down
    done_links+=("$link")
done

python3 - "$raw" "$rounds" "$json" "$engines" "${done_links[@]}" <<'PY'
import json, re, statistics, sys
raw, rounds, as_json, engines = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4].split()
links = sys.argv[5:]

def load(path):
    with open(path) as f:
        return json.load(f)

def iperf3(doc):
    e = doc["end"]; r = e["sum_received"]; cpu = e["cpu_utilization_percent"]
    return (r["bits_per_second"] / 1e9, (cpu["host_total"] + cpu["remote_total"]) / 100 * r["seconds"] / (r["bytes"] / 1e9),
            e["sum_sent"].get("retransmits"))

def kttcp4j(rx, tx):
    r = rx["end"]["sum_received"]
    cpu = sum(s["cpu_user_seconds"] + s["cpu_system_seconds"] for d in (rx, tx) for s in d["end"]["kttcp4j"])
    return r["bits_per_second"] / 1e9, cpu / (r["bytes"] / 1e9), tx["end"]["sum_sent"].get("retransmits")

def goodput(link):  # Gbit/s; tc's units are powers of 10
    m = re.fullmatch(r"([0-9.]+)([kmgt]?)bit", link)
    if not m:
        return None
    scale = {"": 1, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}[m.group(2)]
    return float(m.group(1)) * scale * 1448 / 1514 / 1e9

out = {}
for link in links:
    rows = {}
    for tool in ["iperf3"] + engines:
        g, c, rt = [], [], []
        for i in range(1, rounds + 1):
            if tool == "iperf3":
                a, b, x = iperf3(load(f"{raw}/{link}.iperf3.{i}.json"))
            else:
                a, b, x = kttcp4j(load(f"{raw}/{link}.{tool}.{i}.rx.json"), load(f"{raw}/{link}.{tool}.{i}.tx.json"))
            g.append(a); c.append(b)
            if x is not None:
                rt.append(x)
        rows[tool] = {"gbits_median": statistics.median(g), "cpu_s_per_gb_median": statistics.median(c),
                      "retransmits_median": statistics.median(rt) if rt else None,
                      "gbits": g, "cpu_s_per_gb": c, "retransmits": rt}
    base = rows["iperf3"]
    gp = goodput(link)
    for tool, row in rows.items():
        if tool != "iperf3":
            row["gbits_ratio"] = row["gbits_median"] / base["gbits_median"]
            row["cpu_ratio"] = row["cpu_s_per_gb_median"] / base["cpu_s_per_gb_median"]
        if gp:
            row["goodput_ratio"] = row["gbits_median"] / gp
    out[link] = {"goodput_gbits": gp, "results": rows}

if as_json:
    print(json.dumps({"rounds": rounds, "links": out}, indent=2))
    sys.exit(0)
for link, d in out.items():
    gp = d["goodput_gbits"]
    print(f"link {link}" + (f" (TCP goodput {gp:.4f} Gbit/s)" if gp else ""))
    print(f"  {'':10} {'Gbit/s':>8} {'CPU s/GB':>9} {'x Gbit/s':>9} {'x CPU':>7} {'x goodput':>10} {'Retr':>8}")
    for tool, row in d["results"].items():
        ratio = f"{row['gbits_ratio']:9.3f} {row['cpu_ratio']:7.2f}" if tool != "iperf3" else f"{'':9} {'':7}"
        good = f"{row['goodput_ratio']:10.4f}" if gp else f"{'':10}"
        retr = f"{row['retransmits_median']:8.0f}" if row["retransmits_median"] is not None else ""
        print(f"  {tool:10} {row['gbits_median']:8.4f} {row['cpu_s_per_gb_median']:9.3f} {ratio} {good} {retr}")
print(f"(medians of {rounds} rounds; x = ratio to iperf3 in the same rounds, or to the link's TCP goodput;"
      " Retr = the sender's retransmits per run)")
PY
