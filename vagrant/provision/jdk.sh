# The JDK kttcp4j uses on NetBSD, named in this one place; sourced (`. vagrant/provision/jdk.sh`) by
# packages.sh, build.sh, ci/netbsd-ci.sh and ci/netbsd-vm.sh. pkgsrc's lang/openjdk21 is current and built for
# x86_64 only; lang/openjdk17 also for i386, aarch64 and earm (docs/netbsd.md, "Java and JNA on NetBSD").
# kttcp4j is compiled for Java 17 (pom.xml maven.compiler.release), so either runs it.
case "$(uname -p)" in
x86_64) KTTCP4J_JDK=openjdk21 ;;
*) KTTCP4J_JDK=openjdk17 ;;
esac
JAVA_HOME=/usr/pkg/java/${KTTCP4J_JDK}
PATH=${JAVA_HOME}/bin:/usr/pkg/bin:/usr/pkg/sbin:${PATH}
export KTTCP4J_JDK JAVA_HOME PATH
