#!/usr/bin/env bash
# The checks of the VM and CI scripts that can run on a Linux machine with no VMs: shellcheck on every script,
# `vagrant validate` on the Vagrantfile, and native/ built with GNU make and bmake. The Maven test suite runs
# this (RepositoryChecksTest); it is also usable alone.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "${top}"

shellcheck -s sh vagrant/provision/*.sh kttcp4j
mapfile -t bash_scripts < <(find ci bench .ci native/rump -type f \( -name '*.sh' -o -name run \) 2>/dev/null | sort)
shellcheck -s bash "${bash_scripts[@]}"
echo "shellcheck: ok (${#bash_scripts[@]} bash scripts, $(find vagrant/provision -name '*.sh' | wc -l) sh scripts and the launcher)"

(cd vagrant && vagrant validate --ignore-provider) # checks the file; needs no hypervisor

for make in make bmake; do
    if command -v "${make}" >/dev/null 2>&1; then
        "${make}" -C native clean >/dev/null
        "${make}" -C native >/dev/null
        ./native/kttcp_abi >/dev/null
        echo "native: builds and runs with ${make}"
    fi
done
