#!/bin/sh
# Packages for kttcp4j's tests on NetBSD: a JDK, Maven, rsync, JNA's dispatch library (java-jna, JNA 5.13.0,
# the version the project pins), and the C kttcp tool (pkgsrc benchmarks/kttcp) to compare against.
# Idempotent: installed packages are skipped.
set -eu

release=$(uname -r | cut -d_ -f1)   # 9.2, 10.1 (a _STABLE or _PATCH suffix is dropped)
arch=$(uname -p)                     # x86_64, aarch64, i386
PKG_PATH="https://cdn.NetBSD.org/pub/pkgsrc/packages/NetBSD/${arch}/${release}/All"
export PKG_PATH

if ! command -v pkgin >/dev/null 2>&1; then
    echo "packages: bootstrapping pkgin from ${PKG_PATH}"
    /usr/sbin/pkg_add pkgin
fi
if [ ! -s /usr/pkg/etc/pkgin/repositories.conf ] || ! grep -q "^https" /usr/pkg/etc/pkgin/repositories.conf; then
    echo "${PKG_PATH}" > /usr/pkg/etc/pkgin/repositories.conf
fi
pkgin -y update

for pkg in openjdk17 apache-maven rsync java-jna kttcp; do
    if pkg_info -qe "${pkg}"; then
        echo "packages: ${pkg} is installed"
    else
        pkgin -y install "${pkg}"
    fi
done

test -f /usr/pkg/lib/libjnidispatch.so || { echo "packages: java-jna did not install libjnidispatch.so" >&2; exit 1; }
echo "packages: done"
