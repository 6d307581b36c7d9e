package org.kttcp4j.run;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;

/**
 * One stream's meter: the bytes its metered end moved (the engine adds to a counter on its own thread), what of
 * them the last interval took, its connection's TCP_INFO (read at each interval's end until the transfer ended,
 * then its last reading), and, for --omit, what its warm-up counted. Everything but the counters is read and
 * written under its {@link IntervalMeter}'s lock.
 */
final class StreamMeter {
    private final AtomicLong moved = new AtomicLong();
    /** The stream's other end (loopback's receiver), counted only for the warm-up. */
    private final AtomicLong other = new AtomicLong();
    private volatile boolean finished;
    private long cut;
    private boolean transferDone;
    private Connection sampled;
    private boolean receiving;
    private TcpInfo last;
    private long lastRetransmits;
    private long lastOutOfOrder;
    /** The warm-up's share (the counts at --omit's end), or -1 when no warm-up ended. */
    private long omitBytes = -1;
    private long omitOthers;
    private long omitRetransmits;

    void add(long bytes) {
        moved.addAndGet(bytes);
    }

    void addOther(long bytes) {
        other.addAndGet(bytes);
    }

    /** The metered end's bytes so far. */
    long total() {
        return moved.get();
    }

    /** The bytes since the last cut, which this cut takes. */
    long cut() {
        long c = count();
        long bytes = c - cut;
        cut = c;
        return bytes;
    }

    /** Bytes came since the last cut. */
    boolean movedSinceCut() {
        return count() != cut;
    }

    /** The bytes since the last cut go to no interval (the warm-up's last few). */
    void skipToNow() {
        cut = count();
    }

    /**
     * What the stream has moved by now: a receiver's bytes read or, while its transfer runs, what its kernel has
     * received in order if that is more ({@link Connection#bytesReceived}: Linux), so that the bytes a call is still
     * gathering (the splice engine's 1 MiB low-water mark) fall in the interval, and on the side of --omit's end,
     * they arrived in rather than the one their call returned in. Never less than the last cut.
     */
    private long count() {
        long read = moved.get();
        if (!receiving || sampled == null) {
            return read;
        }
        try {
            return Math.max(cut, Math.max(read, sampled.bytesReceived().orElse(read)));
        } catch (IOException | RuntimeException e) {
            return Math.max(cut, read); // a connection the peer reset: its bytes read still count
        }
    }

    /** The stream's end has ended: it is no longer watched for a stall. */
    void finish() {
        finished = true;
    }

    boolean finished() {
        return finished;
    }

    /** The transfer returned; true the first time. */
    boolean transferEnds() {
        if (transferDone) {
            return false;
        }
        transferDone = true;
        return true;
    }

    boolean transferDone() {
        return transferDone;
    }

    /** Its connection is read with TCP_INFO at each interval's end (a receiver's figures when role is). */
    void sample(Connection c, Role role) {
        sampled = c;
        receiving = role == Role.RECEIVER;
    }

    /** The transfer is over: the connection's last reading, kept for the intervals that remain. */
    Optional<TcpInfo> ended() {
        Optional<TcpInfo> info = read(sampled);
        sampled = null;
        info.ifPresent(t -> last = t);
        return info;
    }

    private Optional<TcpInfo> info() {
        return last != null ? Optional.of(last) : read(sampled);
    }

    private static Optional<TcpInfo> read(Connection c) {
        if (c == null) {
            return Optional.empty();
        }
        try {
            return c.tcpInfo();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a connection the peer reset says nothing more; the bytes still count
        }
    }

    /** This interval's TCP figures (a sender's retransmits since the last, a receiver's out-of-order), or null. */
    TcpSample tcpSample() {
        Optional<TcpInfo> info = info();
        if (info.isEmpty()) {
            return null;
        }
        TcpInfo t = info.get();
        if (receiving) {
            TcpSample s = TcpSample.ofReceiver(t, lastOutOfOrder);
            lastOutOfOrder = t.rcvOutOfOrder().orElse(lastOutOfOrder);
            return s;
        }
        TcpSample s = TcpSample.of(t, lastRetransmits);
        lastRetransmits = t.retransmits().orElse(lastRetransmits);
        return s;
    }

    /** --omit's warm-up ends: what it counted (the last cut's count), kept to be taken out of the figures. */
    void omitEnds() {
        omitRetransmits = info().flatMap(t -> t.retransmits().isPresent()
                ? Optional.of(t.retransmits().getAsLong()) : Optional.<Long>empty()).orElse(0L);
        lastRetransmits = omitRetransmits;
        omitBytes = cut;
        omitOthers = other.get();
    }

    /** An end's transfer without the warm-up's bytes and the omit's time and CPU; as it was without a warm-up. */
    Transfer afterOmit(boolean metered, Transfer t, Omit omit) {
        if (omitBytes < 0) {
            return t;
        }
        return omit.without(t, metered ? omitBytes : omitOthers);
    }

    /** A sender's last TCP_INFO without the warm-up's retransmits; as it was without a warm-up. */
    TcpInfo afterOmit(TcpInfo t) {
        if (omitBytes < 0 || t == null || t.retransmits().isEmpty()) {
            return t;
        }
        long r = Math.max(0, t.retransmits().getAsLong() - omitRetransmits);
        return new TcpInfo(OptionalLong.of(r), t.rttMicros(), t.rttvarMicros(), t.sndCwndSegments(), t.sndMss(),
                t.rcvRttMicros(), t.rcvOutOfOrder(), t.options());
    }
}
