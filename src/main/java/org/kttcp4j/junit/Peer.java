package org.kttcp4j.junit;

/**
 * Where a {@link KttcpTest}'s receiver runs. A remote receiver is a {@code kttcp4j recv --serve} named by the
 * system properties {@code kttcp4j.peer.host} and {@code kttcp4j.peer.port}, or else the environment variables
 * {@code KTTCP4J_PEER_HOST} and {@code KTTCP4J_PEER_PORT} (the port defaults to 22222, recv's), so the same test
 * runs on a laptop (loopback) and on a lab's NIC pair (remote).
 */
public enum Peer {
    /** A remote receiver when one is configured, else the loopback one. */
    ANY,
    /** A receiver in a child JVM on this host, over 127.0.0.1. */
    LOOPBACK,
    /** A remote receiver only: the test is skipped when none is configured. */
    REMOTE
}
