#!/usr/bin/env bash
# Keeps bench/iperf3.sh's raw JSON as result files and turns them into a comparison and a report with kttcp4j's
# own `compare` and `report`, so that the figures are reproducible from files:
#
#   bench/results.sh RAWDIR [OUTDIR]
#
# RAWDIR is one placement's directory of the one bench/iperf3.sh names on stderr ("raw JSON in DIR": DIR/split,
# DIR/same, DIR/free): iperf3.N.json and, per engine
# spec, SPEC.N.rx.json (the receiving process) and SPEC.N.tx.json. OUTDIR (default: RAWDIR/results) gets
# iperf3.json and SPEC.json, each a JSON array of that tool's rounds (what compare reads as repeats), the
# comparison of each engine against iperf3 (compare.txt) and report.html. The receiver's file is the one kept:
# its Gbit/s is what arrived, its CPU is the receiving process's (bench/iperf3.sh's own table adds both ends).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "bench/results.sh: give the raw directory bench/iperf3.sh printed (raw JSON in DIR) (see the header of $0)" >&2
    exit 1
fi
raw=$1
out=${2:-$raw/results}
mkdir -p "$out"

array() {  # files... -> one JSON array on stdout
    local sep='['
    for f in "$@"; do printf '%s' "$sep"; cat "$f"; sep=','; done
    printf ']\n'
}

shopt -s nullglob
iperf=("$raw"/iperf3.*.json)
if [ ${#iperf[@]} -eq 0 ]; then
    echo "bench/results.sh: no iperf3.N.json in $raw: is it bench/iperf3.sh's raw directory?" >&2
    exit 1
fi
array "${iperf[@]}" > "$out/iperf3.json"
files=("$out/iperf3.json")
for first in "$raw"/*.1.rx.json; do
    spec=$(basename "$first" .1.rx.json)
    case "$spec" in c-*) continue ;; esac   # bench/ref's C pairs: tcpref's own JSON lines, not result files
    array "$raw/$spec".*.rx.json > "$out/$spec.json"
    files+=("$out/$spec.json")
done

: > "$out/compare.txt"
for f in "${files[@]:1}"; do
    for metric in gbits cpu; do
        # --max-drop 100: this table informs, it does not judge (kttcp4j's engines are not meant to equal iperf3)
        "$top/kttcp4j" compare "$out/iperf3.json" "$f" --metric "$metric" --max-drop 100 >> "$out/compare.txt"
        echo >> "$out/compare.txt"
    done
done
"$top/kttcp4j" report "${files[@]}" -o "$out/report.html"
cat "$out/compare.txt"
echo "bench/results.sh: result files, compare.txt and report.html in $out" >&2
