"""The bench scripts' one way to a ratio's interval: bench/Ratios.java (Commons Statistics), run with kttcp4j's jar.

    from intervals import Ratios
    ratios = Ratios(top)                      # compiles bench/Ratios.java into target/bench-classes when stale
    out = ratios.ask({"user/iperf3": ([r1, r2, ...], (">=", 0.95)), "nio/iperf3": ([...], None)}, settle=0.05)
    out["user/iperf3"]  # {"n", "estimate", "low", "high", "half", "settled", "verdict"}

The method (geometric mean of the per-round ratios, Student t on their logs) and why it is that one are in
bench/Ratios.java's header; the self-test is `java -cp target/kttcp4j.jar bench/Ratios.java --self-test`.
"""
import json
import os
import subprocess

# The placements bench/iperf3.sh and bench/netns.sh measure apart (bench/lib.sh's pin), as their output names them.
PLACEMENT = {"split": "receiver on CPU 0, sender on CPU 1", "same": "both on CPU 0", "free": "unpinned"}


class Ratios:
    def __init__(self, top):
        self.jar = os.path.join(top, "target", "kttcp4j.jar")
        src = os.path.join(top, "bench", "Ratios.java")
        self.classes = os.path.join(top, "target", "bench-classes")
        built = os.path.join(self.classes, "Ratios.class")
        if not os.path.exists(built) or os.path.getmtime(built) < os.path.getmtime(src) \
                or os.path.getmtime(built) < os.path.getmtime(self.jar):
            os.makedirs(self.classes, exist_ok=True)
            subprocess.run(["javac", "-nowarn", "-cp", self.jar, "-d", self.classes, src], check=True, timeout=300)

    def ask(self, requests, settle=0.05):
        """requests: id -> (per-round ratios, (op, value) or None); returns id -> the tool's answer."""
        body = {"settle": settle, "ratios": [
            dict({"id": k, "values": list(v)}, **({"goal": {"op": g[0], "value": g[1]}} if g else {}))
            for k, (v, g) in requests.items()]}
        p = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-cp", self.jar + os.pathsep + self.classes, "Ratios"],
                           input=json.dumps(body), capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            raise SystemExit(f"bench/Ratios.java failed (exit {p.returncode}): {p.stderr.strip()}")
        return json.loads(p.stdout)["ratios"]


def fmt(a, digits=2):
    """'0.97 [0.93, 1.01]' for an answer, '' for None."""
    if a is None:
        return ""
    hi = ">99" if a["high"] is None or a["high"] > 99 else f"{a['high']:.{digits}f}"
    return f"{a['estimate']:.{digits}f} [{a['low']:.{digits}f}, {hi}]"
