#!/bin/sh
# What the NetBSD CI job runs inside its VM, as root, from the repository's top, after
# vagrant/provision/packages.sh and native/module/kttcp-module.sh (.github/workflows/netbsd.yml): native/ with
# NetBSD's make, the tests tagged netbsd (the device contract, the CLI's kttcp runs, the C tool of pkgsrc
# benchmarks/kttcp against kttcp4j on this host), then a few kttcp4j runs kept as JSON in ci-results/.
# Exit status: that of `mvn -B -Pnetbsd verify`, or 1 if a JSON run failed. POSIX sh (NetBSD's /bin/sh).
set -eu

# shellcheck source=vagrant/provision/jdk.sh
. vagrant/provision/jdk.sh
echo "netbsd-ci: $(uname -srm), ${KTTCP4J_JDK} ($(java -version 2>&1 | head -n 1))"

make -C native
./native/kttcp_open

status=0
mvn -B -Pnetbsd verify || status=$?

results=ci-results
mkdir -p "${results}"
run() {
    name=$1
    shift
    if ./kttcp4j "$@" --json >"${results}/${name}.json" 2>"${results}/${name}.err"; then
        echo "netbsd-ci: ${name}: ok"
    else
        echo "netbsd-ci: ${name}: failed: $(tail -n 1 "${results}/${name}.err")" >&2
        [ "${status}" -ne 0 ] || status=1
    fi
}
run loopback-kttcp loopback --engine kttcp --bytes 1g
run loopback-user loopback --engine user --bytes 1g

# kttcp4j receiving from the C tool (pkgsrc benchmarks/kttcp) over kttcp on both ends; the receiver is stopped
# by its PID if the C tool never connects.
port=22224
./kttcp4j recv --engine kttcp --port "${port}" --json >"${results}/recv-from-c-tool.json" \
    2>"${results}/recv-from-c-tool.err" &
rx=$!
i=0
until grep -q 'listening on' "${results}/recv-from-c-tool.err" 2>/dev/null || [ "${i}" -ge 300 ]; do
    sleep 0.1
    i=$((i + 1))
done
if kttcp -t -n 1g -p "${port}" 127.0.0.1 >"${results}/c-tool-send.txt" 2>&1 && wait "${rx}"; then
    echo "netbsd-ci: recv-from-c-tool: ok"
else
    kill "${rx}" 2>/dev/null || true
    echo "netbsd-ci: recv-from-c-tool: failed: $(tail -n 1 "${results}/recv-from-c-tool.err")" >&2
    [ "${status}" -ne 0 ] || status=1
fi
exit "${status}"
