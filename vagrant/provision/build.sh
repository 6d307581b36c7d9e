#!/bin/sh
# Builds native/ with NetBSD's make and the Java project with Maven, in the synced repository.
set -eu

cd "${KTTCP4J_TOP:-/vagrant}"
# shellcheck source=vagrant/provision/jdk.sh
. vagrant/provision/jdk.sh
make -C native
mvn -B -q -DskipTests package
echo "build: $(./kttcp4j --version | head -n 1)"
