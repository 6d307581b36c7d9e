"""bench/iperf3.sh's tables: per placement, each row's figures, every ratio with its 95 % interval from the paired
rounds, and the goals met / missed / undecided (the intervals from bench/Ratios.java through intervals.py).

    python3 bench/iperf3-analysis.py TOP RAWDIR [--check | --json]

RAWDIR is the run's raw directory (run.json, and PLACEMENT/*.N.json per round). --check prints nothing and exits 0
when every goal's interval is within +-settle of its estimate (the rounds may stop), 1 when not.
"""
import json
import math
import os
import statistics
import sys

from intervals import PLACEMENT, Ratios, fmt

top, raw = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else ""
run = json.load(open(os.path.join(raw, "run.json")))
placements, engines, refs = run["placements"], run["engines"], run["refs"]
settle = run["settle"]


def load(path):
    with open(path) as f:
        return json.load(f)


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
    return r["bits_per_second"] / 1e9, cpu / (r["bytes"] / 1e9), e["kttcp4j"][0]["engine"]


LOOPBACKS = {name: mode for name, mode in (("loopback", "two"), ("loopback --one-process", "one"))
             if mode in run.get("loopbacks", ["two", "one"] if run.get("loopback") else [])}


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
    if "poll" in mods:  # the user engine's --poll: iperf3's loops, tcpref's select source and sink
        source, sink = "select", "select"
    if "discard" in mods:
        sink = "trunc"
    if "pipe" in mods:
        sink = "splice"
    if source is None or sink is None:
        return None
    return "C " + source + "/" + sink + ("+lowat" if lowat else "")


def geomean(v):
    return math.exp(sum(math.log(x) for x in v) / len(v))


tools = ["iperf3"] + engines + ["C " + p for p in refs] + list(LOOPBACKS)


def files(pl, tool, i):  # the raw files of one row's round
    d = os.path.join(raw, pl)
    if tool == "iperf3":
        return [f"{d}/iperf3.{i}.json"]
    if tool in LOOPBACKS:
        return [f"{d}/loopback-{LOOPBACKS[tool]}.{i}.json"]
    name = ("c-" + tool[2:] if tool.startswith("C ") else tool).replace("/", "-")
    return [f"{d}/{name}.{i}.rx.json", f"{d}/{name}.{i}.tx.json"]


def whole(path):
    return os.path.exists(path) and os.path.getsize(path) > 0


# Rounds complete for every row in every placement (a round cut short is left out whole, so rounds stay paired).
rounds = 0
while all(whole(f) for pl in placements for t in tools for f in files(pl, t, rounds + 1)):
    rounds += 1
if rounds == 0:
    raise SystemExit(f"bench/iperf3.sh: no round in {raw} has every row's files: nothing to analyse")

# Goals: (text, row, ratio, op, value). Issue #10 item 4's targets, issue #23 item 3's parity (>= 0.97 x) and
# item 5's loopback. "splice" is the Linux default engine as it runs with no options.
GOALS = [
    ("user >= 0.95 x iperf3 Gbit/s", "user", "gbits/iperf3", ">=", 0.95),
    ("user at parity with iperf3 (>= 0.97 x Gbit/s)", "user", "gbits/iperf3", ">=", 0.97),
    ("user at parity with its C pair (>= 0.97 x C write/read)", "user", "gbits/same_c", ">=", 0.97),
    ("user --poll at parity with iperf3 (>= 0.97 x Gbit/s)", "user+poll", "gbits/iperf3", ">=", 0.97),
    ("user --poll at parity with its C pair (>= 0.97 x C select/select)", "user+poll", "gbits/same_c", ">=", 0.97),
    ("nio >= 0.90 x iperf3 Gbit/s", "nio", "gbits/iperf3", ">=", 0.90),
    ("nio at parity with iperf3 (>= 0.97 x Gbit/s)", "nio", "gbits/iperf3", ">=", 0.97),
    ("splice (default) >= 1.8 x iperf3 Gbit/s", "splice", "gbits/iperf3", ">=", 1.8),
    ("splice (default) <= 0.45 x iperf3 CPU s/GB", "splice", "cpu/iperf3", "<=", 0.45),
    ("splice (default) >= 0.9 x the best C pair's Gbit/s", "splice", "gbits/best_c", ">=", 0.9),
    ("loopback (two processes) >= 0.9 x the same engine as send/recv", "loopback", "gbits/two_processes", ">=", 0.9),
]

out = {}
requests = {}
for pl in placements:
    rows = {}
    lb_engine = {}
    for tool in tools:
        g, c = [], []
        for i in range(1, rounds + 1):
            docs = [load(f) for f in files(pl, tool, i)]
            if tool == "iperf3":
                a, b = iperf3(*docs)
            elif tool in LOOPBACKS:
                a, b, lb_engine[tool] = loopback(*docs)
            elif tool.startswith("C "):
                a, b = tcpref(*docs)
            else:
                a, b = kttcp4j(*docs)
            g.append(a); c.append(b)
        rows[tool] = {"gbits_median": statistics.median(g), "cpu_s_per_gb_median": statistics.median(c),
                      "gbits": g, "cpu_s_per_gb": c}
    cs = [t for t in rows if t.startswith("C ")]
    best_c = max(cs, key=lambda t: geomean(rows[t]["gbits"])) if cs else None
    for tool, row in rows.items():
        if tool == "iperf3":
            continue
        against = {"iperf3": "iperf3"}
        same = None if tool.startswith("C ") else same_calls(tool)
        if same in rows:
            row["same_c"] = against["same_c"] = same
        if best_c and tool != best_c:
            row["best_c"] = against["best_c"] = best_c
        if tool in lb_engine and lb_engine[tool] in rows:
            row["engine"] = against["two_processes"] = lb_engine[tool]
        for kind, other in against.items():
            for metric, key in (("gbits", "gbits"), ("cpu", "cpu_s_per_gb")):
                if metric == "cpu" and kind in ("best_c", "two_processes"):
                    continue
                per_round = [x / y for x, y in zip(row[key], rows[other][key])]
                requests[f"{pl}|{tool}|{metric}/{kind}"] = (per_round, None)
    for k, (text, tool, ratio, op, value) in enumerate(GOALS):
        key = f"{pl}|{tool}|{ratio}"
        if key in requests:
            requests[f"{pl}|goal{k}"] = (requests[key][0], (op, value))
    out[pl] = {"rows": rows, "best_c": best_c}

answers = Ratios(top).ask(requests, settle)
goal_answers = {k: a for k, a in answers.items() if "|goal" in k}
# The ratios that decide when the rounds may stop: the goals' (every Gbit/s ratio to iperf3 when no row has a goal).
deciding = goal_answers or {k: a for k, a in answers.items() if k.endswith("|gbits/iperf3")}
settled = bool(deciding) and all(a["settled"] for a in deciding.values())
if mode == "--check":
    sys.exit(0 if settled else 1)

for pl in placements:
    rows = out[pl]["rows"]
    for tool, row in rows.items():
        row["ratios"] = {k.split("|", 2)[2]: answers[k] for k in answers if k.startswith(f"{pl}|{tool}|")}
    out[pl]["goals"] = [dict(goal=text, row=tool, ratio=ratio, op=op, value=value, **goal_answers[f"{pl}|goal{k}"])
                        for k, (text, tool, ratio, op, value) in enumerate(GOALS) if f"{pl}|goal{k}" in goal_answers]

if mode == "--json":
    print(json.dumps({"run": run, "rounds": rounds, "settled": settled, "level": 0.95,
                      "method": "geometric mean of per-round ratios; Student t interval on their logs (bench/Ratios.java)",
                      "placements": out}, indent=2))
    sys.exit(0)

if mode == "--markdown":   # the tables as bench/README.md and the README quote them
    print(f"{rounds} paired rounds of {run['secs']} s (stopped: {run.get('stopped', '?')}), {run['iperf3']}, {run['cpus']} CPUs,"
          f" started {run['date']}, load average {run['load_before']} before and {run.get('load_after', '?')} after.")
    for pl in placements:
        rows, best_c = out[pl]["rows"], out[pl]["best_c"]
        print()
        print(f"Placement **{pl}** ({PLACEMENT[pl]}); best C: {best_c[2:] if best_c else '-'}:")
        print()
        print("| | Gbit/s | CPU s/GB | x iperf3 Gbit/s | x iperf3 CPU s/GB | x the same C pair | x best C |")
        print("|---|---|---|---|---|---|---|")
        for tool, row in rows.items():
            r = row.get("ratios", {})
            name = f"{tool} (x {row['engine']} as send/recv: {fmt(r['gbits/two_processes'])})" \
                if "gbits/two_processes" in r else tool
            print(f"| {name} | {row['gbits_median']:.2f} | {row['cpu_s_per_gb_median']:.3f} | {fmt(r.get('gbits/iperf3'))}"
                  f" | {fmt(r.get('cpu/iperf3'))} | {fmt(r.get('gbits/same_c'))} | {fmt(r.get('gbits/best_c'))} |")
        print()
        print("| goal | ratio [95 %] | verdict |")
        print("|---|---|---|")
        for g in out[pl]["goals"]:
            print(f"| {g['goal']} | {fmt(g)} | {g['verdict']} |")
    print()
    print("Every goal in every placement (ratio [95 % interval]: verdict):")
    print()
    print("| goal | " + " | ".join(f"{pl} ({PLACEMENT[pl]})" for pl in placements) + " |")
    print("|---|" + "---|" * len(placements))
    for k, (text, *_) in enumerate(GOALS):
        cells = [goal_answers.get(f"{pl}|goal{k}") for pl in placements]
        if any(cells):
            print(f"| {text} | " + " | ".join(f"{fmt(c)}: {c['verdict']}" if c else "" for c in cells) + " |")
    sys.exit(0)

w = max([18] + [len(t) for t in tools])
print(f"{rounds} rounds of {run['secs']} s, {run['iperf3']}, {run['cpus']} CPUs, {run['kernel']}; started {run['date']}"
      f", load average {run['load_before']} before, {run.get('load_after', '?')} after;"
      f" stopped: {run.get('stopped', '?')}")
for pl in placements:
    rows, best_c = out[pl]["rows"], out[pl]["best_c"]
    print()
    print(f"placement {pl} ({PLACEMENT[pl]}), ratios as geometric mean [95 % interval] of {rounds} paired rounds:")
    print(f"{'':{w}} {'Gbit/s':>7} {'CPU s/GB':>8}  {'x iperf3 Gbit/s':>18} {'x iperf3 CPU':>18} {'x C Gbit/s':>18}"
          f" {'x best C':>18}")
    for tool, row in rows.items():
        r = row.get("ratios", {})
        line = f"{tool:{w}} {row['gbits_median']:7.2f} {row['cpu_s_per_gb_median']:8.3f}"
        if tool != "iperf3":
            line += (f"  {fmt(r.get('gbits/iperf3')):>18} {fmt(r.get('cpu/iperf3')):>18}"
                     f" {fmt(r.get('gbits/same_c')):>18} {fmt(r.get('gbits/best_c')):>18}")
            if "gbits/two_processes" in r:
                line += f"  {fmt(r['gbits/two_processes'])} x {row['engine']} as send/recv"
        print(line.rstrip())
    print(f"(Gbit/s and CPU s/GB: medians of the rounds; x C: the C pair of the same calls; best C: {best_c})")
    print("goals:")
    for g in out[pl]["goals"]:
        half = "" if g["half"] is None or g["half"] > 9.99 else f", +-{g['half'] * 100:.1f} %"
        print(f"  {g['goal']}: {fmt(g)}{half}  {g['verdict']}")
print()
print(f"({'every goal interval within' if settled else 'not every goal interval within'} +-{settle * 100:.0f} %;"
      " met: the whole 95 % interval on the goal's side, missed: on the other side, undecided: it straddles the goal)")
if "startup_ms_median" in run:
    print("start-up, median of 10 (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in run["startup_ms_median"].items()))
