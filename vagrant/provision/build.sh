#!/bin/sh
# Builds native/ with NetBSD's make and the Java project with Maven, in the synced repository.
set -eu

JAVA_HOME=/usr/pkg/java/openjdk17
PATH="${JAVA_HOME}/bin:/usr/pkg/bin:${PATH}"
export JAVA_HOME PATH

cd /vagrant
make -C native
mvn -B -q -DskipTests package
echo "build: $(./kttcp4j --version | head -n 1)"
