#!/usr/bin/env bash
# Build a NetBSD rump kernel with kttcp(4) in it, from sources the user has:
#
#   native/rump/build.sh SRC_NETBSD BUILDRUMP_SH DEST
#
#   SRC_NETBSD    a NetBSD source tree as buildrump.sh expects it (github rumpkernel/src-netbsd, branch
#                 buildrump-src). It is NOT modified: it is copied to DEST/.build/src, and the copy gets
#                 kttcp4j's component (sys/rump/dev/lib/libkttcp) and "kttcp" in RUMPDEVCOMP.
#   BUILDRUMP_SH  github rumpkernel/buildrump.sh: its directory, or the buildrump.sh script in it.
#   DEST          where the rump kernel goes: DEST/lib (librump*.so, librumpdev_kttcp.so, librumpclient.so),
#                 DEST/include, DEST/bin (rump_server, and kttcp4j-rumpif, kttcp4j's interface tool, and
#                 kttcp4j-rumpmodcheck, the check of the kttcp module's unload and reload).
#
# About 6 minutes on 2 idle cores (JOBS=2, the default; set JOBS to change it). The build's log is
# DEST/.build/build.log; DEST/.build (source copy and objects, about 1 GB) is removed after a successful build
# unless KEEP_BUILD=1. Nothing of NetBSD's goes into kttcp4j's repository: DEST must be outside it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

die() {
    echo "build.sh: $*" >&2
    exit 1
}

[ "$#" -eq 3 ] || die "usage: build.sh SRC_NETBSD BUILDRUMP_SH DEST (three paths; see native/rump/README.md)"

src=$1
buildrump=$2
dest=$3
jobs=${JOBS:-2}

[ -d "$src" ] || die "no directory $src: give a NetBSD source tree (github rumpkernel/src-netbsd, branch buildrump-src)"
src=$(cd "$src" && pwd)
if [ ! -f "$src/sys/dev/kttcp.c" ] || [ ! -f "$src/sys/rump/dev/Makefile.rumpdevcomp" ]; then
    die "$src has no sys/dev/kttcp.c or sys/rump/dev/Makefile.rumpdevcomp: give the buildrump-src branch of rumpkernel/src-netbsd"
fi

if [ -d "$buildrump" ]; then
    buildrump=$buildrump/buildrump.sh
fi
[ -f "$buildrump" ] || die "no buildrump.sh at $2: give github rumpkernel/buildrump.sh (its directory or its buildrump.sh)"
buildrump=$(cd "$(dirname "$buildrump")" && pwd)/$(basename "$buildrump")

command -v cc >/dev/null 2>&1 || die "no C compiler (cc): install one (Debian: apt-get install gcc libc6-dev)"

created=0
[ -d "$dest" ] || created=1
mkdir -p "$dest" || die "cannot create $dest"
dest=$(cd "$dest" && pwd)
bad_dest() {
    if [ "$created" -eq 1 ]; then
        rmdir "$dest"
    fi
    die "$@"
}
case "$dest/" in
    "$here"/*|"$(cd "$here/../.." && pwd)"/*) bad_dest "DEST $dest is inside kttcp4j's repository: build outside it (e.g. /tmp/rump)" ;;
esac
case "$dest/" in
    "$src"/*) bad_dest "DEST $dest is inside the source tree $src: choose another directory" ;;
esac

work=$dest/.build
log=$work/build.log
rm -rf "$work"
mkdir -p "$work"

# 1. A copy of the tree, so the user's stays as it was (cp -a keeps the timestamps make relies on).
echo "build.sh: copying $src to $work/src"
cp -a "$src" "$work/src"

# 2. kttcp4j's component, as NetBSD's own are laid out (sys/rump/dev/lib/lib<name>): this folder's Makefile
# and the loadable module's glue and ioconf (native/module), the same files a NetBSD kernel loads.
comp=$work/src/sys/rump/dev/lib/libkttcp
module=$here/../module
mkdir -p "$comp"
cp "$here/Makefile" "$module/kttcp_module.c" "$module/kttcp.ioconf" "$comp/"

# 3. "kttcp" into RUMPDEVCOMP: the line must come before the .for loops that expand the list.
mk=$work/src/sys/rump/dev/Makefile.rumpdevcomp
if ! grep -q '^RUMPDEVCOMP+=[[:space:]]*kttcp$' "$mk"; then
    awk 'BEGIN { done = 0 }
         /^\.for var in \$\{RUMPDEVCOMP\}/ && !done { print "RUMPDEVCOMP+=\tkttcp"; print ""; done = 1 }
         { print }
         END { if (!done) exit 1 }' "$mk" > "$mk.new" \
        || die "$mk has no '.for var in \${RUMPDEVCOMP}' line: this tree's layout is not the one build.sh knows"
    mv "$mk.new" "$mk"
fi

# 4. buildrump.sh. -fcommon: gcc 10 and later default to -fno-common, which the 2016 host tools do not build
# with; NOGCCERROR: newer gcc warns where the 2016 code did not; MKPIC=yes: shared libraries for dlopen.
echo "build.sh: building with $buildrump, -j$jobs (about 6 minutes on 2 idle cores); log: $log"
start=$(date +%s)
if ! (cd "$work" && HOST_CFLAGS="-O -fcommon" "$buildrump" -q -s "$work/src" -o "$work/obj" \
        -T "$work/obj/tooldir" -d "$dest" -j"$jobs" -V NOGCCERROR=1 -V MKPIC=yes fullbuild) >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "buildrump.sh failed (last lines above; whole log: $log)"
fi
echo "build.sh: buildrump.sh finished in $(( $(date +%s) - start )) s"

for f in lib/librumpdev_kttcp.so lib/librumpclient.so lib/librumpnet_shmif.so bin/rump_server; do
    [ -e "$dest/$f" ] || die "the build finished but $dest/$f is missing (log: $log)"
done

# The kttcp component is the loadable module's glue: rump_init finds it only if MODULE() registered it through a
# constructor (RUMP_LDSCRIPT=ctor, buildrump.sh's default on Linux), which leaves a reference to
# modinfo_boot_chain (sys/sys/module.h); without it the module would never be initialised and /dev/kttcp absent.
if command -v nm >/dev/null 2>&1 && ! nm -D "$dest/lib/librumpdev_kttcp.so" | grep -q 'U rumpns_modinfo_boot_chain$'; then
    die "$dest/lib/librumpdev_kttcp.so does not register the kttcp module through a constructor (no reference to rumpns_modinfo_boot_chain): was it linked with RUMP_LDSCRIPT=ctor? (log: $log)"
fi

# 5. kttcp4j's interface tool (buildrump.sh builds no rump.ifconfig): a client of librumpclient.
cc -O2 -Wall -Wextra -I"$dest/include" -o "$dest/bin/kttcp4j-rumpif" "$here/rumpif.c" \
    -L"$dest/lib" -Wl,-rpath,"$dest/lib" -lrumpclient \
    || die "cannot compile $here/rumpif.c against $dest"
# and the check of the kttcp module's unload and reload in a rump server (cli/RumpModuleTest runs it)
cc -O2 -Wall -Wextra -I"$dest/include" -o "$dest/bin/kttcp4j-rumpmodcheck" "$here/modcheck.c" \
    -L"$dest/lib" -Wl,-rpath,"$dest/lib" -lrumpclient \
    || die "cannot compile $here/modcheck.c against $dest"

if [ "${KEEP_BUILD:-0}" != 1 ]; then
    cp "$log" "$dest/build.log"
    rm -rf "$work"
    log=$dest/build.log
fi
echo "build.sh: done: $dest (lib/librumpdev_kttcp.so, bin/rump_server, bin/kttcp4j-rumpif; log: $log)"
echo "build.sh: use it with KTTCP4J_RUMP_DIR=$dest"
