#!/bin/sh
# A kernel with `pseudo-device kttcp`: GENERIC has none and there is no module (netbsd-abi.md, "The device").
# Builds GENERIC plus that line from the running release's syssrc set and installs it as /netbsd, keeping the
# old kernel as /onetbsd (boot it from the boot prompt with `boot onetbsd` if the new one fails).
# Skipped when the running kernel already has kttcp. Safe to re-run. Reboot afterwards (ci/netbsd-vm.sh does).
set -eu

here=/vagrant
probe=/tmp/kttcp_open
cc -o "${probe}" "${here}/native/kttcp_open.c"

status=0
"${probe}" || status=$?
case "${status}" in
0)
    echo "kernel: the running kernel has kttcp; nothing to build"
    exit 0 ;;
3|4)
    ;;                                   # ENXIO/ENODEV, or no node: no kttcp in this kernel (or no node yet)
*)
    echo "kernel: cannot tell whether the kernel has kttcp (kttcp_open exit ${status})" >&2
    exit 1 ;;
esac
# No node at all: make one, then ask again; a kernel with kttcp needs only the node.
if [ "${status}" -eq 4 ]; then
    (cd /dev && sh MAKEDEV kttcp)
    if "${probe}"; then
        echo "kernel: the running kernel has kttcp (only the node was missing)"
        exit 0
    fi
fi

release=$(uname -r | cut -d_ -f1)
machine=$(uname -m)                      # amd64, evbarm, i386: the directory under sys/arch
sets="https://cdn.NetBSD.org/pub/NetBSD/NetBSD-${release}/${machine}/binary/sets"

if [ ! -d /usr/src/sys/arch/"${machine}"/conf ]; then
    echo "kernel: fetching syssrc for NetBSD ${release}/${machine}"
    cd /tmp
    # NetBSD 9 ships .tgz sets, NetBSD 10 .tar.xz
    if ftp -o syssrc.tar.xz "${sets}/syssrc.tar.xz"; then
        (cd / && xz -dc /tmp/syssrc.tar.xz | tar -xpf -)
    else
        ftp -o syssrc.tgz "${sets}/syssrc.tgz"
        (cd / && tar -xzpf /tmp/syssrc.tgz)
    fi
fi

conf=/usr/src/sys/arch/"${machine}"/conf
cat > "${conf}/KTTCP4J" <<CONF
# GENERIC plus kttcp(4), for kttcp4j's integration tests.
include "arch/${machine}/conf/GENERIC"
pseudo-device	kttcp
CONF

cd "${conf}"
config KTTCP4J
cd ../compile/KTTCP4J
make depend
make -j "$(sysctl -n hw.ncpuonline)"

if [ -f /netbsd ] && [ ! -f /onetbsd ]; then
    cp -p /netbsd /onetbsd
fi
cp netbsd /netbsd.kttcp4j
mv /netbsd.kttcp4j /netbsd
echo "kernel: installed /netbsd with kttcp (the old one is /onetbsd); reboot to use it"
