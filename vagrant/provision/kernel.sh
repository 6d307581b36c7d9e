#!/bin/sh
# A kernel with `pseudo-device kttcp`: GENERIC has none. The quick way is kttcp4j's module (provision/module.sh,
# native/module); this is the fallback for a kernel without options MODULAR, or a securelevel above 0
# (docs/netbsd.md, "kttcp as a module").
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

if [ ! -d /usr/src/sys/arch/"${machine}"/conf ]; then
    echo "kernel: fetching syssrc for NetBSD ${release}"
    cd /tmp
    # the source sets are per release, not per port: NetBSD-X.Y/source/sets/syssrc.tgz; releases that left
    # the main mirror are under archive.NetBSD.org (native/module/kttcp-module.sh fetches the same way)
    got=
    for base in "https://cdn.NetBSD.org/pub/NetBSD/NetBSD-${release}" \
                "https://archive.NetBSD.org/pub/NetBSD-archive/NetBSD-${release}"; do
        for set in syssrc.tgz syssrc.tar.xz; do
            if ftp -o "${set}" "${base}/source/sets/${set}"; then
                got=/tmp/${set}
                break 2
            fi
        done
    done
    [ -n "${got}" ] || { echo "kernel: cannot fetch syssrc for NetBSD ${release}" >&2; exit 1; }
    case "${got}" in
    *.tgz) (cd / && tar -xzpf "${got}") ;;
    *) (cd / && xz -dc "${got}" | tar -xpf -) ;;
    esac
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
