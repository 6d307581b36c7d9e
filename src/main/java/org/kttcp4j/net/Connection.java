package org.kttcp4j.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.kttcp4j.abi.TcpInfo;

/** A connected TCP stream, whoever made it (native sockets through JNA, or the JDK's SocketChannel). */
public interface Connection extends AutoCloseable {
    InetSocketAddress peer();

    /** SO_SNDBUF as the kernel really set it (Linux doubles what was asked; NetBSD caps it at kern.sbmax). */
    int sendBufferSize() throws IOException;

    int receiveBufferSize() throws IOException;

    void setSendBufferSize(int bytes) throws IOException;

    void setReceiveBufferSize(int bytes) throws IOException;

    /**
     * SO_RCVLOWAT: a blocked receive wakes only once this many bytes are in (or at EOF). Fewer wakeups is what
     * a kernel sink wants; bench/README.md measures it.
     */
    void setReceiveLowWater(int bytes) throws IOException;

    /**
     * What the kernel's TCP_INFO says of this connection now (retransmits, RTT, cwnd), read with the kernel's own
     * struct tcp_info; empty where it cannot be read: the JDK's channels have no TCP_INFO option
     * (StandardSocketOptions and jdk.net.ExtendedSocketOptions lack it), so a JDK connection says nothing rather
     * than guess. Cheap enough to call once per interval per stream.
     */
    default Optional<TcpInfo> tcpInfo() throws IOException {
        return Optional.empty();
    }

    /**
     * The bytes this connection's kernel has received in order so far, read or not (Linux's TCP_INFO
     * tcpi_bytes_received), so that a receiver's intervals count what arrived in them even while a call is still
     * gathering (a 1 MiB low-water mark); empty where the kernel does not say (NetBSD, a JDK channel).
     */
    default OptionalLong bytesReceived() throws IOException {
        return OptionalLong.empty();
    }

    /** The congestion control this connection runs (Linux: getsockopt TCP_CONGESTION), empty where unknown. */
    default Optional<String> congestion() throws IOException {
        return Optional.empty();
    }

    /** TCP_NODELAY as the kernel has it. */
    boolean noDelay() throws IOException;

    /** TCP_MAXSEG as the kernel reports it (Linux: the MSS in use once connected; NetBSD: t_peermss). */
    default OptionalInt maxSegment() throws IOException {
        return OptionalInt.empty();
    }

    /**
     * The interface that holds this connection's local address and what its kernel says of it (name, driver,
     * speed, MTU, offloads: {@link Interfaces}); empty where the kernel would not say. Read once per end.
     */
    default Optional<NetInterface> localInterface() {
        return Optional.empty();
    }

    /** Sends EOF: the peer's receive ends. */
    void shutdownOutput() throws IOException;

    /** From any thread: ends whatever call is blocked on this connection (Ctrl-C, a time limit). */
    void abort();

    @Override
    void close();
}
