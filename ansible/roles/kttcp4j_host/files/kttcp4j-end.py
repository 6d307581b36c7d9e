#!/usr/bin/env python3
"""One end of a pair, for ansible/round.yml: runs a kttcp4j command bounded by a timeout and records how it
went in OUT.result (JSON: rc, start, end, the last lines of stderr), written whole (a temporary file renamed).

  kttcp4j-end.py OUT SECONDS CMD...                     run CMD, then print OUT.result; exit with CMD's status
  kttcp4j-end.py --background MARK OUT SECONDS CMD...   start CMD detached, return once its stderr shows MARK
                                                        (exit 0) or it ended first (exit 1, OUT.result printed)
  kttcp4j-end.py --wait OUT SECONDS                     wait (at most SECONDS) for OUT.result, print it, exit rc

One module run per step instead of Ansible's async job and its polls. A CMD still running at SECONDS is stopped
by its PID (SIGTERM, then SIGKILL after 5 s) and recorded with rc null and why. Python 3 is what every host that
Ansible manages already has.
"""
import datetime
import json
import os
import subprocess
import sys
import time


def now():
    return datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")


def tail(path, lines=3):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "\n".join([l for l in f.read().splitlines() if l.strip()][-lines:])
    except OSError:
        return ""


def run(out, seconds, cmd):
    for suffix in (".json", ".err", ".result"):
        try:
            os.unlink(out + suffix)
        except FileNotFoundError:
            pass
    start = now()
    msg = ""
    with open(out + ".err", "wb") as err, open(os.devnull, "wb") as null, open(os.devnull, "rb") as nothing:
        p = subprocess.Popen(cmd, stdin=nothing, stdout=null, stderr=err)
        try:
            rc = p.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            rc = None
            msg = "stopped after %s s (kttcp4j_run_timeout)" % seconds
    result = {"rc": rc, "start": start, "end": now(), "stderr": tail(out + ".err"), "msg": msg}
    with open(out + ".result.tmp", "w", encoding="utf-8") as f:
        json.dump(result, f)
    os.replace(out + ".result.tmp", out + ".result")
    return result


def finish(result):
    print(json.dumps(result))
    return 0 if result["rc"] == 0 else (result["rc"] if result["rc"] else 2)


def main(argv):
    if argv[0] == "--wait":
        out, seconds = argv[1], float(argv[2])
        deadline = time.monotonic() + seconds
        while not os.path.exists(out + ".result"):
            if time.monotonic() > deadline:
                print(json.dumps({"rc": None, "start": None, "end": None, "stderr": tail(out + ".err"),
                                  "msg": "no result within %s s" % seconds}))
                return 2
            time.sleep(0.1)
        with open(out + ".result", encoding="utf-8") as f:
            return finish(json.load(f))
    if argv[0] == "--background":
        mark, out, seconds, cmd = argv[1], argv[2], float(argv[3]), argv[4:]
        for suffix in (".err", ".result"):
            try:
                os.unlink(out + suffix)
            except FileNotFoundError:
                pass
        if os.fork() == 0:
            # detached from Ansible's session, so that the ssh session ends while the receiver runs
            os.setsid()
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            run(out, seconds, cmd)
            os._exit(0)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if mark in tail(out + ".err", 50):
                return 0
            if os.path.exists(out + ".result"):
                with open(out + ".result", encoding="utf-8") as f:
                    print(f.read())
                return 1
            time.sleep(0.05)
        print(json.dumps({"rc": None, "msg": "no '%s' within 60 s" % mark, "stderr": tail(out + ".err")}))
        return 1
    out, seconds, cmd = argv[0], float(argv[1]), argv[2:]
    return finish(run(out, seconds, cmd))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
