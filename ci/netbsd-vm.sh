#!/usr/bin/env bash
# One command for a CI job: bring up the NetBSD VMs with kttcp (kttcp4j's module in the stock kernel, or with
# KTTCP4J_KTTCP=kernel a kernel built with it and a reboot), run the NetBSD integration tests in each
# (loopback in one VM, and tx -> rx over the private network), copy the test reports out to ci-reports/, and
# destroy the VMs, on failure too. Exit status: 0 when every test run passed.
#
#   KTTCP4J_PROVIDER   libvirt (default) or virtualbox
#   KTTCP4J_KEEP_VMS   1 to leave the VMs up afterwards (for debugging)
#   and the variables of vagrant/Vagrantfile (box, CPUs, memory, NIC model, addresses).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
provider=${KTTCP4J_PROVIDER:-libvirt}
rx_ip=${KTTCP4J_RX_IP:-192.168.56.10}
reports="${top}/ci-reports"
peer_port=22223
# the VM's JDK, named in vagrant/provision/jdk.sh; sourced there, its variables passed through sudo
# shellcheck disable=SC2016 # expanded in the VM
java_env='. vagrant/provision/jdk.sh && sudo env JAVA_HOME="$JAVA_HOME" PATH="$PATH"'
kttcp=${KTTCP4J_KTTCP:-module}

cd "${top}/vagrant"

started=$(date +%s)
phase_start=${started}
phase() {
    local now
    now=$(date +%s)
    echo "== $1 ($((now - phase_start)) s; $((now - started)) s in all)"
    phase_start=${now}
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local status=$?
    if [ "${KTTCP4J_KEEP_VMS:-0}" != 1 ]; then
        vagrant destroy -f || true
    fi
    phase "done, exit ${status}"
    exit "${status}"
}
trap cleanup EXIT

vagrant validate
vagrant up --provider="${provider}" --provision
if [ "${kttcp}" = kernel ]; then
    phase "VMs up, packages installed, kttcp kernels built"
    vagrant reload
    vagrant provision --provision-with ready,build
    phase "rebooted into the kttcp kernel; /dev/kttcp opens; project built"
else
    phase "VMs up, packages installed, kttcp module loaded (/dev/kttcp opens), project built"
fi

fetch_reports() {
    local vm=$1
    mkdir -p "${reports}/${vm}"
    vagrant ssh "${vm}" -c 'cd /vagrant && tar cf - target/surefire-reports 2>/dev/null || true' \
        | tar xf - -C "${reports}/${vm}" || true
}

status=0

# rx: the one-host tests, then a receiver for tx's two-host tests, stopped by its PID afterwards.
vagrant ssh rx -c "cd /vagrant && ${java_env} mvn -B -Pnetbsd verify" || status=1
fetch_reports rx
phase "rx: NetBSD tests"

vagrant ssh rx -c "cd /vagrant && ${java_env} sh -c 'nohup ./kttcp4j recv --serve --port ${peer_port} >/tmp/kttcp4j-recv.log 2>&1 & echo \$! >/tmp/kttcp4j-recv.pid'"
vagrant ssh tx -c "cd /vagrant && ${java_env} KTTCP4J_PEER_HOST=${rx_ip} mvn -B -Pnetbsd verify" || status=1
# shellcheck disable=SC2016 # expanded in the VM
vagrant ssh rx -c 'sudo kill "$(cat /tmp/kttcp4j-recv.pid)"; cat /tmp/kttcp4j-recv.log' || true
fetch_reports tx
phase "tx: NetBSD tests, including tx -> rx"

exit "${status}"
