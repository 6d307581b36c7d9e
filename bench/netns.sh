#!/usr/bin/env bash
# kttcp4j's engines against iperf3 between two network namespaces joined by a veth pair (ci/netns.sh): the
# receiver in namespace A, the sender in B, as two machines would run them. For each link (unshaped, and
# each tbf rate), several rounds in alternation (iperf3 and each engine, each round starting at another row),
# medians, the ratios kttcp4j/iperf3 for Gbit/s and CPU seconds per GB with their 95 % intervals from the paired
# rounds (bench/Ratios.java, as bench/iperf3.sh), and on a shaped link the ratio to the TCP goodput the rate
# allows (1448 payload bytes per 1514-byte frame as tbf counts them, MTU 1500 with timestamps). Each goal is met
# (the whole interval on its side), missed or undecided: on a shaped link every tool at 0.99 x the goodput or more, and
# on every link user and nio at parity with iperf3 (>= 0.97 x its Gbit/s). Rounds go on past --rounds until every
# goal's interval is within +-5 % (--settle), or --max-rounds; the output says which.
# Each placement is measured apart in the same rounds (--placements, as bench/iperf3.sh): "split" (receiver on
# CPU 0, sender on CPU 1), "same" (both on CPU 0), "free" (unpinned); both tools pinned by their own -A. The
# namespaces share the machine's CPUs, and a veth's receive runs in the sender's softirq as loopback's does.
#
#   bench/netns.sh [--links "unshaped 1gbit 5gbit"] [--router] [--rounds N] [--max-rounds M] [--settle F]
#                  [--time SECONDS] [--len BYTES] [--engines "splice user nio"] [--placements "split same free"]
#                  [--congestion NAME] [--quick] [--json]
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
max_rounds=12
settle=0.05
secs=5
len=131072
links="unshaped 1gbit"
engines="splice user nio"
placements="split same free"
router=0
cc=""
json=0
port=5201
while [ $# -gt 0 ]; do
    case "$1" in
    --links) links=$2; shift 2 ;;
    --router) router=1; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --max-rounds) max_rounds=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --time) secs=$2; shift 2 ;;
    --len) len=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --placements) placements=$2; shift 2 ;;
    --congestion) cc=$2; shift 2 ;;
    --quick) rounds=3; max_rounds=3; secs=2; shift ;;
    --json) json=1; shift ;;
    -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/netns.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done

. "$top/bench/lib.sh"  # pin, check_rounds, run_rounds
check_rounds netns.sh
for pl in $placements; do
    case "$pl" in split|same|free) ;; *) echo "bench/netns.sh: --placements takes split, same and free, not '$pl'" >&2; exit 1 ;; esac
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

listening_in_a() {  # is something listening on $port in namespace A?
    "$netns" exec A ss -Hltn "sport = :$port" 2>/dev/null | grep -q .
}

await_listening_in_a() {
    for _ in $(seq 1 200); do listening_in_a && return 0; sleep 0.05; done
    echo "bench/netns.sh: nothing listens on port $port in namespace A after 10 s" >&2
    return 1
}

await_server_exit() {
    for _ in $(seq 1 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    stop_server
}

run_iperf3() {  # link placement round -> $raw/LINK.PLACEMENT.iperf3.N.json
    local a b
    mapfile -t a < <(pin iperf3 "$2" rx)
    mapfile -t b < <(pin iperf3 "$2" tx)
    "$netns" exec A iperf3 -s -1 -B "$addr_a" -p "$port" "${a[@]}" >/dev/null 2>&1 &
    server_pid=$!
    await_listening_in_a
    timeout $((secs + 30)) "$netns" exec B iperf3 -c "$addr_a" -p "$port" -t "$secs" -l "$len" ${cc:+-C "$cc"} \
        "${b[@]}" -J > "$raw/$1.$2.iperf3.$3.json"
    await_server_exit
}

run_kttcp4j() {  # link placement engine round -> $raw/LINK.PLACEMENT.ENGINE.N.rx.json and .tx.json
    local a b out="$raw/$1.$2.$3.$4"
    mapfile -t a < <(pin kttcp4j "$2" rx)
    mapfile -t b < <(pin kttcp4j "$2" tx)
    timeout $((secs + 60)) "$netns" exec A java -jar "$jar" recv --engine "$3" -4 --port "$port" \
        --buffer "$len" "${a[@]}" --json -q > "$out.rx.json" 2>/dev/null &
    server_pid=$!
    await_listening_in_a
    timeout $((secs + 60)) "$netns" exec B java -jar "$jar" send "$addr_a" --engine "$3" --port "$port" \
        --time "${secs}s" --buffer "$len" ${cc:+-C "$cc"} "${b[@]}" --json -q > "$out.tx.json"
    await_server_exit
}

analysis() {  # rounds json(0|1) check|print LINK... (check: exit 0 once every goal's interval is settled)
PYTHONPATH="$top/bench" SETTLE="$settle" PLACEMENTS="$placements" python3 - "$top" "$raw" "$@" "$engines" <<'PY'
import json, os, re, statistics, sys
from intervals import PLACEMENT, Ratios, fmt
top, raw, rounds, as_json, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5]
links, engines = sys.argv[6:-1], sys.argv[-1].split()
settle = float(os.environ["SETTLE"])
placements = os.environ["PLACEMENTS"].split()
# (text, tool, ratio, op, value): on a shaped link each tool is held to the goodput, on every link user and nio to
# iperf3 (issue #23's parity)
GOALS = [("{tool} at the link's goodput (>= 0.99 x)", None, "gbits/goodput", ">=", 0.99),
         ("user at parity with iperf3 (>= 0.97 x Gbit/s)", "user", "gbits/iperf3", ">=", 0.97),
         ("nio at parity with iperf3 (>= 0.97 x Gbit/s)", "nio", "gbits/iperf3", ">=", 0.97)]

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
    stopped = ""
    if os.path.exists(f"{raw}/{link}.rounds"):   # the link's rounds are over: how many, and why they stopped
        n, stopped = open(f"{raw}/{link}.rounds").read().strip().split(" ", 1)
        rounds = int(n)
    gp = goodput(link)
    for pl in placements:
        rows = {}
        for tool in ["iperf3"] + engines:
            g, c, rt = [], [], []
            for i in range(1, rounds + 1):
                if tool == "iperf3":
                    a, b, x = iperf3(load(f"{raw}/{link}.{pl}.iperf3.{i}.json"))
                else:
                    a, b, x = kttcp4j(load(f"{raw}/{link}.{pl}.{tool}.{i}.rx.json"),
                                      load(f"{raw}/{link}.{pl}.{tool}.{i}.tx.json"))
                g.append(a); c.append(b)
                if x is not None:
                    rt.append(x)
            rows[tool] = {"gbits_median": statistics.median(g), "cpu_s_per_gb_median": statistics.median(c),
                          "retransmits_median": statistics.median(rt) if rt else None,
                          "gbits": g, "cpu_s_per_gb": c, "retransmits": rt}
        out[f"{link}|{pl}"] = {"link": link, "placement": pl, "goodput_gbits": gp, "results": rows,
                               "rounds": rounds, "stopped": stopped}

requests = {}
goals = {}
for key, d in out.items():
    base = d["results"]["iperf3"]
    for tool, row in d["results"].items():
        if tool != "iperf3":
            requests[f"{key}|{tool}|gbits/iperf3"] = ([x / y for x, y in zip(row["gbits"], base["gbits"])], None)
            requests[f"{key}|{tool}|cpu/iperf3"] = ([x / y for x, y in zip(row["cpu_s_per_gb"], base["cpu_s_per_gb"])], None)
        if d["goodput_gbits"]:
            requests[f"{key}|{tool}|gbits/goodput"] = ([x / d["goodput_gbits"] for x in row["gbits"]], None)
        for k, (text, who, ratio, op, value) in enumerate(GOALS):
            if who in (None, tool) and f"{key}|{tool}|{ratio}" in requests:
                gid = f"{key}|goal{k}|{tool}"
                requests[gid] = (requests[f"{key}|{tool}|{ratio}"][0], (op, value))
                goals[gid] = text.format(tool=tool)
answers = Ratios(top).ask(requests, settle)
deciding = [a for k, a in answers.items() if k in goals] or \
    [a for k, a in answers.items() if k.endswith("|gbits/iperf3")]
if mode == "check":
    sys.exit(0 if all(a["settled"] for a in deciding) else 1)
for key, d in out.items():
    for tool, row in d["results"].items():
        row["ratios"] = {k.split("|")[3]: a for k, a in answers.items()
                         if k.startswith(f"{key}|{tool}|") and k not in goals}
    d["goals"] = [dict(goal=goals[k], **a) for k, a in answers.items() if k in goals and k.startswith(f"{key}|")]

if as_json:
    print(json.dumps({"settle": settle, "level": 0.95, "runs": list(out.values()),
                      "method": "geometric mean of per-round ratios; Student t interval on their logs (bench/Ratios.java)"},
                     indent=2))
    sys.exit(0)
for key, d in out.items():
    gp = d["goodput_gbits"]
    print(f"link {d['link']}" + (f" (TCP goodput {gp:.4f} Gbit/s)" if gp else "")
          + f", placement {d['placement']} ({PLACEMENT[d['placement']]})"
          + f", {d['rounds']} rounds" + (f", stopped: {d['stopped']}" if d["stopped"] else ""))
    print(f"  {'':10} {'Gbit/s':>8} {'CPU s/GB':>9} {'x iperf3 Gbit/s':>20} {'x iperf3 CPU':>18} {'x goodput':>20}"
          f" {'Retr':>8}")
    for tool, row in d["results"].items():
        r = row["ratios"]
        retr = f"{row['retransmits_median']:8.0f}" if row["retransmits_median"] is not None else ""
        print(f"  {tool:10} {row['gbits_median']:8.4f} {row['cpu_s_per_gb_median']:9.3f}"
              f" {fmt(r.get('gbits/iperf3'), 3):>20} {fmt(r.get('cpu/iperf3')):>18} {fmt(r.get('gbits/goodput'), 4):>20}"
              f" {retr}")
    for g in d["goals"]:
        print(f"  goal: {g['goal']}: {fmt(g, 4 if 'goodput' in g['goal'] else 2)}  {g['verdict']}")
print("(Gbit/s, CPU s/GB, Retr: medians of the rounds; x: geometric mean [95 % interval] of the per-round ratios to"
      f" iperf3 in the same round, or to the link's TCP goodput; stop rule: every goal's interval within"
      f" +-{settle * 100:.0f} %; met: the whole interval on the goal's side, missed: on the other, undecided: it straddles"
      " the goal; Retr = the sender's retransmits per run)")
PY
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
    jobs=()
    for row in iperf3 $engines; do for pl in $placements; do jobs+=("$pl@$row"); done; done
    run_job() {  # PLACEMENT ROW ROUND
        if [ "$2" = iperf3 ]; then run_iperf3 "$link" "$1" "$3"; else run_kttcp4j "$link" "$1" "$2" "$3"; fi
    }
    settled() { analysis "$r" 0 check "$link"; }
    round_indent="  " run_rounds settled
    echo "$r $stopped" > "$raw/$link.rounds"
    "$netns" down
    done_links+=("$link")
done

analysis 0 "$json" print "${done_links[@]}"
