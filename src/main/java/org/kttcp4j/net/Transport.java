package org.kttcp4j.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Makes TCP connections of one kind (C): the kind an engine can move bytes on. */
public interface Transport<C extends Connection> {
    /** Binds with SO_REUSEADDR and listens; an IPv6 wildcard accepts IPv4 too unless v6Only. */
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

    /** The error for a connect that had no answer in time. */
    static IOException connectTimedOut(InetSocketAddress to, Duration timeout) {
        return new java.net.SocketTimeoutException("connect to " + Hosts.endpoint(to) + ": no answer in "
                + Durations.text(timeout) + ": is the receiver running and reachable (a firewall may drop the"
                + " packets)? --connect-timeout sets the wait");
    }
}
