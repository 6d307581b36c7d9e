#!/usr/bin/env bash
# A long soak: N runs (default 5000) in one kttcp4j process (loopback --repeat, small transfers, --json on stdout,
# and the files a CI job keeps: --output and --junit), sampling the process's descriptors, threads and resident
# memory once a second from /proc (Linux), and, every 10 s, how many runs' results the heap still holds (jcmd's
# class histogram after a full collection: RunResult, which the run keeps, and the result document's records,
# which the reporters write and forget). Prints the first and last samples and the maxima, and checks that the
# files hold every run; exits 1 if the run failed, the descriptors or threads grew, or a file is not whole.
# Nothing goes off the machine: the runs are over 127.0.0.1.
#   bench/soak.sh [--runs N] [--bytes SIZE] [--engine ENGINE] [--heap SIZE]   (--heap: the JVM's -Xmx, e.g. 64m)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5000 bytes=64k engine=user heap=
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) runs=$2; shift 2 ;;
    --bytes) bytes=$2; shift 2 ;;
    --engine) engine=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    *) echo "bench/soak.sh: unknown option '$1': use --runs N, --bytes SIZE, --engine ENGINE, --heap SIZE" >&2; exit 1 ;;
    esac
done
[ -d /proc/self/fd ] || { echo "bench/soak.sh: needs Linux's /proc to sample the process" >&2; exit 1; }
./kttcp4j --version >/dev/null # builds the jar first, outside the measurement
out=$(mktemp -d "${TMPDIR:-/tmp}/kttcp4j-soak.XXXXXX")
java -Xlog:disable -Xlog:all=warning:stderr ${heap:+-Xmx"$heap"} -jar target/kttcp4j.jar loopback -e "$engine" --bytes "$bytes" --repeat "$runs" --json -q \
    --output "$out/output.json" --junit "$out/junit.xml" >"$out/runs.json" 2>"$out/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
start=$(date +%s)
echo "seconds fds threads rss_kib" >"$out/samples"
echo "seconds RunResult Document heap_used_kib" >"$out/heap"
live() { # instances of a class in the heap's histogram (jcmd collects first), or - when jcmd cannot say
    awk -v c="$1" '$4 == c {n = $2} END {print (n == "" ? 0 : n)}' <<<"$histogram"
}
while kill -0 "$pid" 2>/dev/null; do
    # globs, not find: entries come and go while they are listed, and a vanished one is no error here
    fd_list=(/proc/"$pid"/fd/*)
    task_list=(/proc/"$pid"/task/*)
    fds=${#fd_list[@]}
    threads=${#task_list[@]}
    rss=$(awk '/^VmRSS/ {print $2}' /proc/"$pid"/status 2>/dev/null) || break
    [ -n "$rss" ] && echo "$(( $(date +%s) - start )) $fds $threads $rss" >>"$out/samples"
    if command -v jcmd >/dev/null && [ $(( ($(date +%s) - start) % 10 )) -eq 5 ]; then
        histogram=$(timeout 20 jcmd "$pid" GC.class_histogram 2>/dev/null) || histogram=
        # the heap in use right after the histogram's full collection: what is live
        used=$(timeout 20 jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ {for (i = 1; i < NF; i++) if ($i == "used") {print $(i + 1); exit}}') || used=
        [ -n "$histogram" ] && echo "$(( $(date +%s) - start )) $(live org.kttcp4j.run.RunResult) $(live org.kttcp4j.document.Document) ${used:--}" >>"$out/heap"
    fi
    sleep 1
done
wait "$pid" && status=0 || status=$?
trap - EXIT
echo "bench/soak.sh: $runs runs of $bytes ($engine engine) in $(( $(date +%s) - start )) s, exit $status; samples in $out/samples"
awk 'NR == 2 {f1 = $2; t1 = $3; r1 = $4} NR > 1 {if ($2 > mf) mf = $2; if ($3 > mt) mt = $3; if ($4 > mr) mr = $4;
     fl = $2; tl = $3; rl = $4; n++}
     END {printf "samples %d: fds first %d last %d max %d; threads first %d last %d max %d; RSS KiB first %d last %d max %d\n",
          n, f1, fl, mf, t1, tl, mt, r1, rl, mr}' "$out/samples"
[ "$(wc -l <"$out/heap")" -gt 1 ] && { echo "live after a full collection (seconds, RunResult, Document, heap used):"; tail -n +2 "$out/heap" | tr '\n' ';'; echo; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("runs reported", len(d["runs"]), "failed", sum(r["end"]["kttcp4j_run"]["failed"] for r in d["runs"]))' "$out/runs.json" 2>/dev/null || true
[ "$status" -eq 0 ] || { echo "bench/soak.sh: kttcp4j exited $status: $(tail -n 3 "$out/err")" >&2; exit 1; }
# the files a CI job keeps: every run in --output (the same bytes as stdout), one testcase in --junit
cmp -s "$out/runs.json" "$out/output.json" || { echo "bench/soak.sh: --output differs from --json's stdout" >&2; exit 1; }
python3 -c 'import sys, xml.etree.ElementTree as E; s=E.parse(sys.argv[1]).getroot(); sys.exit(s.get("tests") != "1")' "$out/junit.xml" \
    || { echo "bench/soak.sh: $out/junit.xml is not one whole testsuite with one testcase" >&2; exit 1; }
# grown: the most of the last third of the samples against the most of the first third once the JVM is up (from
# the third second: a loaded machine starts the JVM slowly, and the first jcmd adds its attach thread and socket)
awk 'NR > 1 {s[NR] = $2; t[NR] = $3; n = NR} END {third = int((n - 1) / 3); for (i = 4; i <= 1 + third; i++) {
         if (s[i] > f1) f1 = s[i]; if (t[i] > t1) t1 = t[i] } for (i = n - third + 1; i <= n; i++) {
         if (s[i] > fl) fl = s[i]; if (t[i] > tl) tl = t[i] }
     exit !(third < 2 || (fl <= f1 + 4 && tl <= t1 + 4))}' "$out/samples" \
    || { echo "bench/soak.sh: descriptors or threads grew" >&2; exit 1; }
