package org.kttcp4j.run;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.kttcp4j.PublicApi;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.NetInterface;

/**
 * One end of one stream: the engine that ran, what it moved, the socket buffer sizes the kernel really set, the
 * peer, and how it ended early if it did: error (a failure: a socket error, a stalled peer, a short count) or
 * stopped (a signal, or a server's per-run cap). Both null: it ended as planned. tcpInfo: what the kernel's
 * TCP_INFO said of the connection when the transfer ended (a sender's total retransmits, last cwnd and RTT; a
 * receiver's RTT estimate and out-of-order count), null where the connection gives none (the nio engine's);
 * congestion: the congestion control the connection ran (Linux's TCP_CONGESTION), null where unknown.
 * pinnedCpu: the CPU -A/--affinity pinned this end's thread to, null without -A; ranOnCpu: the CPU the thread
 * ran on when its transfer ended (Linux's sched_getcpu), null without -A or where the host does not say (NetBSD).
 * localInterface: the interface that held this end's local address and what its kernel said of it (name, driver,
 * speed, MTU, offloads), null where the kernel would not say.
 *
 * @param role the end it played: sender or receiver
 * @param stream the stream's number, from 1
 * @param engine the engine's identifier ({@link org.kttcp4j.engine.EngineKind#id()})
 * @param engineDescription the engine in words, as reports print it
 * @param transfer what it moved, its time and CPU
 * @param sendBuffer SO_SNDBUF as the kernel set it, in bytes
 * @param receiveBuffer SO_RCVBUF as the kernel set it, in bytes
 * @param peer the other end's address and port
 * @param error why it failed, in one line, or null
 * @param stopped what stopped it (SIGINT, SIGTERM, a cap), or null
 * @param tcpInfo TCP_INFO at the transfer's end, or null
 * @param congestion the congestion control's name, or null
 * @param pinnedCpu the CPU it was pinned to, or null
 * @param ranOnCpu the CPU it ran on at the end, or null
 * @param localInterface the local address's interface, or null
 */
@PublicApi
public record SideResult(Role role, int stream, String engine, String engineDescription, Transfer transfer,
        int sendBuffer, int receiveBuffer, InetSocketAddress peer, String error, String stopped, TcpInfo tcpInfo,
        String congestion, Integer pinnedCpu, Integer ranOnCpu, NetInterface localInterface) {

    /**
     * An end with no interface known.
     * @param role the end it played
     * @param stream the stream's number, from 1
     * @param engine the engine's identifier
     * @param engineDescription the engine in words
     * @param transfer what it moved
     * @param sendBuffer SO_SNDBUF as set, in bytes
     * @param receiveBuffer SO_RCVBUF as set, in bytes
     * @param peer the other end's address
     * @param error why it failed, or null
     * @param stopped what stopped it, or null
     * @param tcpInfo TCP_INFO at the end, or null
     * @param congestion the congestion control, or null
     * @param pinnedCpu the CPU it was pinned to, or null
     * @param ranOnCpu the CPU it ran on at the end, or null
     */
    public SideResult(Role role, int stream, String engine, String engineDescription, Transfer transfer,
            int sendBuffer, int receiveBuffer, InetSocketAddress peer, String error, String stopped, TcpInfo tcpInfo,
            String congestion, Integer pinnedCpu, Integer ranOnCpu) {
        this(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error, stopped, tcpInfo,
                congestion, pinnedCpu, ranOnCpu, null);
    }

    /**
     * An end with no TCP_INFO, congestion control, affinity or interface known.
     * @param role the end it played
     * @param stream the stream's number, from 1
     * @param engine the engine's identifier
     * @param engineDescription the engine in words
     * @param transfer what it moved
     * @param sendBuffer SO_SNDBUF as set, in bytes
     * @param receiveBuffer SO_RCVBUF as set, in bytes
     * @param peer the other end's address
     * @param error why it failed, or null
     * @param stopped what stopped it, or null
     */
    public SideResult(Role role, int stream, String engine, String engineDescription, Transfer transfer,
            int sendBuffer, int receiveBuffer, InetSocketAddress peer, String error, String stopped) {
        this(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error, stopped, null,
                null);
    }

    /**
     * An end with no affinity or interface known.
     * @param role the end it played
     * @param stream the stream's number, from 1
     * @param engine the engine's identifier
     * @param engineDescription the engine in words
     * @param transfer what it moved
     * @param sendBuffer SO_SNDBUF as set, in bytes
     * @param receiveBuffer SO_RCVBUF as set, in bytes
     * @param peer the other end's address
     * @param error why it failed, or null
     * @param stopped what stopped it, or null
     * @param tcpInfo TCP_INFO at the end, or null
     * @param congestion the congestion control, or null
     */
    public SideResult(Role role, int stream, String engine, String engineDescription, Transfer transfer,
            int sendBuffer, int receiveBuffer, InetSocketAddress peer, String error, String stopped, TcpInfo tcpInfo,
            String congestion) {
        this(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error, stopped,
                tcpInfo, congestion, null, null);
    }

    /**
     * The CPU -A pinned this end to, if it was pinned.
     * @return the CPU's number, or empty
     */
    public OptionalInt pinned() {
        return pinnedCpu == null ? OptionalInt.empty() : OptionalInt.of(pinnedCpu);
    }

    /**
     * Where a pinned end ran when its transfer ended, where the host says (Linux).
     * @return the CPU's number, or empty
     */
    public OptionalInt ranOn() {
        return ranOnCpu == null ? OptionalInt.empty() : OptionalInt.of(ranOnCpu);
    }

    /** The same end, with how it ended (an error, or what stopped it) told anew. */
    SideResult withEnding(String error, String stopped) {
        return new SideResult(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error,
                stopped, tcpInfo, congestion, pinnedCpu, ranOnCpu, localInterface);
    }

    SideResult withAffinity(Integer pinned, Integer ran) {
        return new SideResult(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error,
                stopped, tcpInfo, congestion, pinned, ran, localInterface);
    }

    /**
     * What TCP_INFO said of the connection when the transfer ended.
     * @return the sample, or empty where the connection gives none
     */
    public Optional<TcpInfo> tcp() {
        return Optional.ofNullable(tcpInfo);
    }

    SideResult withTcpInfo(TcpInfo info) {
        return new SideResult(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error,
                stopped, info, congestion, pinnedCpu, ranOnCpu, localInterface);
    }

    SideResult withTransfer(Transfer t, TcpInfo info) {
        return new SideResult(role, stream, engine, engineDescription, t, sendBuffer, receiveBuffer, peer, error,
                stopped, info, congestion, pinnedCpu, ranOnCpu, localInterface);
    }

    SideResult withCongestion(String name) {
        return new SideResult(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error,
                stopped, tcpInfo, name, pinnedCpu, ranOnCpu, localInterface);
    }

    /**
     * The end's interface, where its kernel said.
     * @return the interface, or empty
     */
    public Optional<NetInterface> iface() {
        return Optional.ofNullable(localInterface);
    }

    SideResult withInterface(NetInterface i) {
        return new SideResult(role, stream, engine, engineDescription, transfer, sendBuffer, receiveBuffer, peer, error,
                stopped, tcpInfo, congestion, pinnedCpu, ranOnCpu, i);
    }

    /**
     * Failed: an error, or fewer bytes than were expected (a partial transfer).
     * @return true when failed
     */
    public boolean failed() {
        return error != null || (stopped == null && transfer.partial());
    }

    /**
     * Ended early: by an error, a signal or a cap; what it moved is still reported.
     * @return true when it ended early
     */
    public boolean partial() {
        return error != null || stopped != null || transfer.partial();
    }
}
