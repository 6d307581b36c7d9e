package org.kttcp4j.abi;

/**
 * The C constants the binding passes to a kernel, by their C names. Values differ per kernel; {@link Abi} holds
 * them. native/kttcp_abi.c prints the same names from the target's own headers, so a test can compare the two.
 */
public enum Constant {
    AF_INET, AF_INET6, SOCK_STREAM,
    SOL_SOCKET, SO_REUSEADDR, SO_SNDBUF, SO_RCVBUF, SO_RCVLOWAT, SO_NOSIGPIPE,
    IPPROTO_TCP, TCP_NODELAY, TCP_MAXSEG, TCP_INFO, TCP_CONGESTION, TCP_CONGCTL, IPPROTO_IPV6, IPV6_V6ONLY,
    O_RDONLY, O_WRONLY, O_RDWR, O_NONBLOCK, O_CLOEXEC,
    SHUT_RD, SHUT_WR, SHUT_RDWR,
    MSG_PEEK, MSG_WAITALL, MSG_NOSIGNAL, MSG_TRUNC, MSG_DONTWAIT,
    POLLIN, POLLOUT,
    RUSAGE_SELF, RTLD_NOW, RTLD_GLOBAL
}
