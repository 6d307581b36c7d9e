package org.kttcp4j.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.kttcp4j.abi.Errno;

/** Makes TCP connections of one kind (C): the kind an engine can move bytes on. */
public interface Transport<C extends Connection> {
    /**
     * Binds with SO_REUSEADDR and listens; an IPv6 wildcard accepts IPv4 too unless v6Only. A listener given no
     * address family (the IPv6 wildcard :: without v6Only) listens on IPv4's 0.0.0.0 instead where the kernel has
     * no IPv6 (socket(AF_INET6) fails with EAFNOSUPPORT: a NetBSD kernel without options INET6, Linux booted with
     * ipv6.disable=1), as the C tool does by trying each of getaddrinfo's passive addresses; {@link
     * Acceptor#local()} says which it took.
     */
    Acceptor<C> listen(InetSocketAddress at, int backlog, boolean v6Only) throws IOException;

    /**
     * Connects, from the local address bind when it is not null; gives up after timeout with an error that
     * names the likely cause.
     */
    C connect(InetSocketAddress to, InetSocketAddress bind, Duration timeout, AbortHook hook) throws IOException;

    /**
     * Sets the TCP options (-C, -N, -M) every socket this transport makes from now on gets; refuses, with what to
     * do instead, an option it cannot set.
     */
    void options(TcpOptions options);

    /**
     * Where a listener on at falls back to when the kernel has no IPv6: 0.0.0.0 on the same port if at is the
     * IPv6 wildcard and not v6Only (a listener given no family), else null (-6, or an address the user named).
     */
    static InetSocketAddress ipv4Fallback(InetSocketAddress at, boolean v6Only) {
        if (v6Only || !(at.getAddress() instanceof Inet6Address) || !at.getAddress().isAnyLocalAddress()) {
            return null;
        }
        return new InetSocketAddress(Family.V4.wildcardAddress(), at.getPort());
    }

    /**
     * What to do about a bind that failed with errno (EADDRNOTAVAIL, EADDRINUSE), or null for another error.
     * The port is the one asked for: 0 (any free port) is never in use.
     */
    static String bindHint(Errno errno, InetSocketAddress at) {
        return errno == null ? null : switch (errno) {
            case EADDRNOTAVAIL -> Hosts.numeric(at.getAddress()) + " is not an address of this host: bind to one of its"
                    + " own addresses, or to none";
            case EADDRINUSE -> "port " + at.getPort() + " is in use: choose another `port` (-p)";
            default -> null;
        };
    }

    /** The error for a connect that had no answer in time. */
    static IOException connectTimedOut(InetSocketAddress to, Duration timeout) {
        return new SocketTimeoutException("connect to " + Hosts.endpoint(to) + ": no answer in "
                + Durations.text(timeout) + ": is the receiver running and reachable (a firewall may drop the"
                + " packets)? `connectTimeout` sets the wait");
    }
}
