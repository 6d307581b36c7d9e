#!/bin/sh
# Packages for kttcp4j's tests on NetBSD: a JDK (the one jdk.sh names), Maven, rsync, JNA's dispatch library
# (java-jna, JNA 5.13.0, the version the project pins), and the C kttcp tool (pkgsrc benchmarks/kttcp) to compare
# against. Idempotent: installed packages are skipped. Run from the repository's top (vagrant/ and CI do).
set -eu

# Vagrant uploads this script alone (to /tmp); the repository is at /vagrant (its rsync synced folder).
here=$(cd "$(dirname "$0")" && pwd)
for jdk in "${here}/jdk.sh" /vagrant/vagrant/provision/jdk.sh; do
    [ -f "${jdk}" ] && break
done
# shellcheck source=vagrant/provision/jdk.sh
. "${jdk}"

# The URL pkg_add itself defaults to for this release (its binary packages for $(uname -p), NetBSD X.Y, the
# quarterly branch it redirects to): 10.1 and 10.1_STABLE both use .../10.1/All (docs/netbsd.md, "Packages").
release=$(uname -r | cut -f 1,2 -d. | cut -f 1 -d_)
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

for pkg in "${KTTCP4J_JDK}" apache-maven rsync java-jna kttcp; do
    if pkg_info -qe "${pkg}"; then
        echo "packages: ${pkg} is installed"
    else
        pkgin -y install "${pkg}"
    fi
done

test -f /usr/pkg/lib/libjnidispatch.so || { echo "packages: java-jna did not install libjnidispatch.so" >&2; exit 1; }
test -x "${JAVA_HOME}/bin/java" || { echo "packages: ${KTTCP4J_JDK} did not install ${JAVA_HOME}/bin/java" >&2; exit 1; }
echo "packages: done"
