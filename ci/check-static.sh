#!/usr/bin/env bash
# The checks of the VM and CI scripts that can run on a Linux machine with no VMs: shellcheck on every script,
# `vagrant validate` on the Vagrantfile, and native/ built with GNU make and bmake. The Maven test suite runs
# this (RepositoryChecksTest); it is also usable alone.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "${top}"

# POSIX sh: what runs on NetBSD's /bin/sh (the provisioning, the module's script, the NetBSD CI job) and the
# launcher; every script .github/workflows calls is in one of the two lists.
sh_scripts=(vagrant/provision/*.sh native/module/*.sh ci/netbsd-ci.sh)
shellcheck -x -s sh "${sh_scripts[@]}" kttcp4j src/assembly/bin/kttcp4j
mapfile -t bash_scripts < <(find ci bench .ci native/rump -type f \( -name '*.sh' -o -name run \) \
    ! -name netbsd-ci.sh 2>/dev/null | sort)
shellcheck -s bash "${bash_scripts[@]}"
echo "shellcheck: ok (${#bash_scripts[@]} bash scripts, ${#sh_scripts[@]} sh scripts and the two launchers)"

(cd vagrant && vagrant validate --ignore-provider) # checks the file; needs no hypervisor

for make in make bmake; do
    if command -v "${make}" >/dev/null 2>&1; then
        "${make}" -C native clean >/dev/null
        "${make}" -C native >/dev/null
        ./native/kttcp_abi >/dev/null
        echo "native: builds and runs with ${make}"
    fi
done
