#!/bin/sh
# kttcp(4) on a stock NetBSD kernel, as root, without a kernel build or a reboot: builds kttcp4j's loadable
# module (this folder) against the running release's sys sources, loads it, makes /dev/kttcp and checks that it
# opens (native/kttcp_open.c).
#
#   sh native/module/kttcp-module.sh [--install] [--sys DIR]
#
#   --install   also put the module where the kernel autoloads it from, /stand/MACHINE/VERSION/modules/kttcp/
#               kttcp.kmod (NetBSD/src sys/kern/kern_module.c module_init: module_base), so that opening
#               /dev/kttcp loads it after a reboot too (sys/miscfs/specfs/spec_vnops.c spec_open).
#   --sys DIR   the running release's sys sources (default /usr/src/sys). When the default is missing, the
#               release's syssrc set is fetched from NetBSD's mirror into /usr/src.
#
# Needs the comp set (cc, config, /usr/libdata/ldscripts/kmodule), as every NetBSD install has by default.
# Refuses a kernel without `options MODULAR` and a securelevel above 0, saying what to do instead: the kernel
# with `pseudo-device kttcp` that vagrant/provision/kernel.sh builds. Exit 0 when /dev/kttcp opens.
# POSIX sh: NetBSD's /bin/sh runs it. See native/module/README.md and docs/netbsd.md, "kttcp as a module".
set -eu

here=$(cd "$(dirname "$0")" && pwd)
native=$(cd "${here}/.." && pwd)
top=$(cd "${native}/.." && pwd)
sys=/usr/src/sys
install=0

say() { echo "kttcp-module: $*"; }
die() { echo "kttcp-module: $*" >&2; exit 1; }
custom_kernel="build a kernel with 'pseudo-device kttcp' instead: sh ${top}/vagrant/provision/kernel.sh, then reboot"

while [ "$#" -gt 0 ]; do
    case "$1" in
    --install) install=1 ;;
    --sys) [ "$#" -ge 2 ] || die "--sys needs a directory (the sys sources of the running release)"
        sys=$2; shift ;;
    --sys=*) sys=${1#--sys=} ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1': usage: kttcp-module.sh [--install] [--sys DIR]" ;;
    esac
    shift
done

[ "$(uname -s)" = NetBSD ] || die "this loads a NetBSD kernel module: run it on NetBSD, not $(uname -s)"
[ "$(id -u)" -eq 0 ] || die "modload needs root: run it as root (su root -c 'sh $0')"
command -v cc >/dev/null 2>&1 || die "no C compiler: install the comp set (sysinst, or extract comp.tar.xz into /)"

machine=$(uname -m)                       # amd64, evbarm, i386: sys/arch/MACHINE, /stand/MACHINE
osrelease=$(uname -r)                     # 10.1, 10.1_STABLE, 11.0, 10.99.12 (-current)
release=${osrelease%%_*}                  # the release a _STABLE or _PATCH kernel was branched from
case "${release}" in
*.99.*) modversion=${osrelease}           # -current: /stand/MACHINE/OSRELEASE/modules (kern_module.c)
    current=1 ;;
*) modversion=$(echo "${release}" | cut -d. -f1,2)   # a release: /stand/MACHINE/MAJOR.MINOR/modules
    current=0 ;;
esac

work=$(mktemp -d /tmp/kttcp4j-module.XXXXXX)
trap 'rm -rf "${work}"' EXIT
cc -o "${work}/kttcp_open" "${native}/kttcp_open.c" || die "cannot compile ${native}/kttcp_open.c"
probe() {
    status=0
    "${work}/kttcp_open" >"${work}/probe.out" 2>&1 || status=$?
}
loaded() {
    modstat -n kttcp 2>/dev/null | awk '$1 == "kttcp" { found = 1 } END { exit !found }'
}

probe
if [ "${status}" -eq 0 ] && [ "${install}" -eq 0 ]; then
    if loaded; then
        say "the kttcp module is loaded and /dev/kttcp opens: nothing to do"
    else
        say "/dev/kttcp opens: this kernel has kttcp built in, no module needed"
    fi
    exit 0
fi

# Who may load a module: secmodel_securelevel denies KAUTH_SYSTEM_MODULE above securelevel 0
# (sys/secmodel/securelevel/secmodel_securelevel.c); GENERIC has `options INSECURE` (securelevel -1) and
# etc/rc.d/securelevel raises it only when rc.conf sets securelevel=.
level=$(sysctl -n kern.securelevel)
if [ "${level}" -gt 0 ]; then
    die "kern.securelevel is ${level}: above 0 the kernel refuses to load modules. Remove 'securelevel=' from /etc/rc.conf and reboot (it cannot be lowered while running), or ${custom_kernel}"
fi
# modstat -e asks the kernel (MODCTL_EXISTS) whether root may load a module now: ENOSYS without options MODULAR.
if ! out=$(modstat -e 2>&1); then
    case "${out}" in
    *MODULAR*) die "this kernel was built without 'options MODULAR': it loads no modules; ${custom_kernel}" ;;
    *) die "the kernel refuses module loads (modstat -e: ${out}); ${custom_kernel}" ;;
    esac
fi

# The running release's sys sources: the module must be built from the sources of the kernel it loads into
# (sys/kern/kern_module.c module_compatible: a release kernel takes modules of its own X.Y only).
if [ ! -f "${sys}/dev/kttcp.c" ] || [ ! -f "${sys}/conf/files" ]; then
    [ "${sys}" = /usr/src/sys ] || die "${sys} has no dev/kttcp.c or conf/files: give the sys sources of NetBSD ${osrelease} with --sys"
    [ "${current}" -eq 0 ] || die "NetBSD ${osrelease} is -current, which has no syssrc set: check out the sources this kernel was built from and give their sys with --sys"
    [ ! -e /usr/src/sys ] || die "/usr/src/sys exists but has no dev/kttcp.c or conf/files: complete it or move it away"
    # NetBSD's layout: pub/NetBSD/NetBSD-X.Y/source/sets/syssrc.tgz; releases that left the main mirror
    # are under archive.NetBSD.org/pub/NetBSD-archive/NetBSD-X.Y.
    got=
    for base in "https://cdn.NetBSD.org/pub/NetBSD/NetBSD-${release}" \
                "https://archive.NetBSD.org/pub/NetBSD-archive/NetBSD-${release}"; do
        for set in syssrc.tgz syssrc.tar.xz; do
            say "fetching ${base}/source/sets/${set}"
            if ftp -o "${work}/${set}" "${base}/source/sets/${set}" >"${work}/ftp.log" 2>&1; then
                got=${work}/${set}
                break 2
            fi
        done
    done
    [ -n "${got}" ] || die "could not fetch syssrc for NetBSD ${release} (last: $(tail -n 1 "${work}/ftp.log")): fetch the release's source/sets/syssrc.tgz yourself and extract it in / (it makes /usr/src/sys), or give --sys DIR"
    case "${got}" in
    *.tgz) (cd / && tar -xzpf "${got}") ;;
    *) (cd / && xz -dc "${got}" | tar -xpf -) ;;
    esac
    rm -f "${got}"
    [ -f /usr/src/sys/dev/kttcp.c ] || die "the syssrc set unpacked but /usr/src/sys/dev/kttcp.c is missing"
    [ "${release}" = "${osrelease}" ] || say "note: the kernel is ${osrelease}, the sources are NetBSD ${release}'s; if modload refuses the module, build with the sources of this kernel (--sys)"
fi

# Build in a scratch copy, so the repository stays clean.
mkdir "${work}/build"
cp "${here}/Makefile" "${here}/kttcp_module.c" "${here}/kttcp.ioconf" "${work}/build/"
say "building kttcp.kmod against ${sys} (NetBSD ${osrelease}, ${machine})"
if ! (cd "${work}/build" && make S="${sys}") >"${work}/build.log" 2>&1; then
    tail -n 20 "${work}/build.log" >&2
    die "the module did not build against ${sys} (last lines above): is the comp set installed and ${sys} NetBSD ${release}'s?"
fi
kmod=${work}/build/kttcp.kmod
[ -f "${kmod}" ] || die "make finished but made no kttcp.kmod"

if [ "${install}" -eq 1 ]; then
    dir=/stand/${machine}/${modversion}/modules/kttcp
    mkdir -p "${dir}"
    # install(1) writes a new file, so a loaded module's file is never rewritten in place
    install -m 0444 "${kmod}" "${dir}/kttcp.kmod"
    say "installed ${dir}/kttcp.kmod (opening /dev/kttcp autoloads it)"
fi

if loaded; then
    # An older copy (a rebuild, or an earlier --install): replace it. EBUSY while /dev/kttcp is open.
    modunload kttcp || die "the loaded kttcp module will not unload (is /dev/kttcp open? fstat /dev/kttcp)"
fi
if [ "${install}" -eq 1 ]; then
    modload kttcp || die "modload kttcp failed (dmesg | tail says why)"
else
    modload "${kmod}" || die "modload ${kmod} failed (dmesg | tail says why)"
fi
say "loaded: $(modstat -n kttcp | awk '$1 == "kttcp"')"

# The node: major 92 on amd64 from etc/MAKEDEV's kttcp target (not part of MAKEDEV all).
[ -c /dev/kttcp ] || (cd /dev && sh MAKEDEV kttcp)

probe
if [ "${status}" -ne 0 ]; then
    cat "${work}/probe.out" >&2
    die "the module is loaded but /dev/kttcp does not open (kttcp_open exit ${status}); ls -l /dev/kttcp should show char major $(awk '$1 == "device-major" && $2 == "kttcp" { print $4 }' "${sys}/arch/${machine}/conf/majors.${machine}" 2>/dev/null || echo '?')"
fi
say "$(cat "${work}/probe.out") on NetBSD ${osrelease} (${machine})"
