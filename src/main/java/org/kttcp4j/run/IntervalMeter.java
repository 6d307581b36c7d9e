package org.kttcp4j.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.net.Connection;
import java.util.concurrent.atomic.AtomicLongArray;
import org.kttcp4j.engine.Progress;
import org.kttcp4j.net.Watchdog;

/**
 * Counts the bytes each stream moves, cuts the count into intervals on a timer as iperf3 reports them, tells
 * the listener of progress about twice a second, and watches for a stalled stream: one still running that has
 * moved nothing for the idle timeout ends the run through {@link Control#fail}. Engines only add to a counter
 * (cheap, on their own thread); the timer thread does the rest, and {@link #stop()} closes the last, shorter
 * interval, so the intervals always add up to the total. The intervals lie within the transfers: they count
 * from the first metered transfer's start and end when the last one returns, not when the ends have exchanged
 * their EOFs and closed.
 */
final class IntervalMeter {
    private static final Duration TICK = Duration.ofMillis(500);

    private final AtomicLongArray counters;
    private final AtomicLongArray done;
    private final long[] lastSnapshot;
    private final long[] lastSeen;
    private final long[] lastChangeNanos;
    private final int reverseFrom;
    private final Duration interval;
    private final Duration idle;
    private final RunListener listener;
    private final Control control;
    private final String idleHint;
    private final List<Interval> intervals = new ArrayList<>();
    private final List<Watchdog.Armed> timers = new ArrayList<>();
    /** Per stream: how to read its connection's TCP_INFO (sending ends), and its last reading once it ended. */
    private final Connection[] sampled;
    private final TcpInfo[] lastInfo;
    private final long[] lastRetransmits;
    /** Per stream: the metered end is a receiver (its sample has a receiver's figures), and its last ooo count. */
    private final boolean[] receiving;
    private final long[] lastOutOfOrder;
    private long startNanos;
    /** When the first metered transfer started (0: none yet), and the streams whose transfers have returned. */
    private volatile long origin;
    private final boolean[] transferDone;
    /** The last interval is closed: the meter stopped. */
    private boolean over;
    /** When the last metered transfer returned (0: not yet): the run's end, and the last interval's. */
    private long endNanos;
    /** The latest transfer end told so far. */
    private long lastEnd;
    private Duration timed;
    private boolean lateCut;
    /** Where the CPU and wall time of the run are counted from (the meter's start; --omit's end). */
    private long cpuStartNanos;
    /** --omit: the warm-up left out of the figures; the other ends' counters (loopback's receivers) for it. */
    private Duration omit;
    private AtomicLongArray others;
    private boolean omitting;
    private long meterStartNanos;
    private long omittedNanos;
    private long[] omitBytes;
    private long[] omitOthers;
    private long[] omitRetransmits;
    private org.kttcp4j.posix.CpuTime omitCpu = org.kttcp4j.posix.CpuTime.ZERO;
    private Watchdog.Armed intervalTimer;
    private long lastNanos;
    private org.kttcp4j.posix.CpuTime cpu0;
    private long wallNanos;
    private org.kttcp4j.posix.CpuTime cpu;

    /**
     * @param interval null for no intervals (the total is still counted)
     * @param idle null or zero for no stall watch
     * @param idleHint what a stall most likely means, for the message
     */
    IntervalMeter(int streams, Duration interval, Duration idle, RunListener listener, Control control,
            String idleHint) {
        this(streams, streams, interval, idle, listener, control, idleHint);
    }

    /** @param reverseFrom with --bidir the first stream of the reverse direction, else streams */
    IntervalMeter(int streams, int reverseFrom, Duration interval, Duration idle, RunListener listener,
            Control control, String idleHint) {
        this.reverseFrom = reverseFrom;
        this.counters = new AtomicLongArray(streams);
        this.done = new AtomicLongArray(streams);
        this.lastSnapshot = new long[streams];
        this.lastSeen = new long[streams];
        this.lastChangeNanos = new long[streams];
        this.sampled = new Connection[streams];
        this.lastInfo = new TcpInfo[streams];
        this.lastRetransmits = new long[streams];
        this.receiving = new boolean[streams];
        this.lastOutOfOrder = new long[streams];
        this.transferDone = new boolean[streams];
        this.interval = interval;
        this.idle = idle == null || idle.isZero() ? null : idle;
        this.listener = listener;
        this.control = control;
        this.idleHint = idleHint;
    }

    /** The Progress an engine on stream i reports to: its bytes, and when its transfer's clock starts. */
    Progress stream(int i) {
        return new Progress() {
            @Override
            public void moved(long bytes) {
                if (origin == 0) { // an engine that did not say when its clock started: its first bytes are the start
                    transferStarted();
                }
                counters.addAndGet(i, bytes);
            }

            @Override
            public void started() {
                transferStarted();
            }

            @Override
            public void ended(long atNanos) {
                transferEnded(i, atNanos);
            }
        };
    }

    /**
     * A timed run: its ends' transfers last this long (--time, plus --omit), so no interval is cut in the last tenth
     * of an interval before that end: the cut at the transfer's own end closes it, and no sliver of an interval
     * (a false cliff in a chart) follows.
     */
    void timed(Duration d) {
        this.timed = d;
    }

    /**
     * The first metered transfer's clock starts: the intervals (and --omit's warm-up) count from here, so they lie
     * within the transfers' own time.
     */
    private synchronized void transferStarted() {
        if (origin != 0 || over || cpu0 == null) {
            return;
        }
        long now = System.nanoTime();
        origin = now;
        startNanos = now;
        lastNanos = now;
        meterStartNanos = now;
        if (interval != null) {
            intervalTimer = Watchdog.every(interval, () -> cut(System.nanoTime(), true));
            timers.add(intervalTimer);
        }
        if (omit != null) {
            omitting = true;
            timers.add(Watchdog.arm(omit, this::omitEnds));
        }
    }

    /**
     * Stream i's metered transfer has returned (before its EOFs and its close): once every stream's has, that is
     * the run's end, where {@link #stop} closes the last interval (with the TCP_INFO read once the peer had
     * everything, {@link #ended}); no timer cuts after it.
     */
    void transferEnded(int i) {
        transferEnded(i, System.nanoTime());
    }

    /** Stream i's transfer clock stopped at atNanos (the engine's own reading, {@link Progress#ended}). */
    private synchronized void transferEnded(int i, long atNanos) {
        if (transferDone[i]) {
            return;
        }
        transferDone[i] = true;
        lastEnd = Math.max(lastEnd, atNanos);
        for (boolean d : transferDone) {
            if (!d) {
                return;
            }
        }
        endNanos = lastEnd;
    }

    /**
     * Stream i's connection is sampled with TCP_INFO at each interval's end: a sender's retransmits, cwnd and RTT
     * (as iperf3 reports them), a receiver's RTT estimate and out-of-order count. Until {@link #ended}: the
     * connection is not read after that.
     */
    synchronized void sample(int i, Connection c, Role role) {
        sampled[i] = c;
        receiving[i] = role == Role.RECEIVER;
    }

    /**
     * Stream i's transfer is over: its connection is read one last time here (it is still open) and that reading
     * stands for the stream in the intervals that remain. Returns it (empty: no TCP_INFO).
     */
    synchronized Optional<TcpInfo> ended(int i) {
        Optional<TcpInfo> last = read(sampled[i]);
        sampled[i] = null;
        last.ifPresent(t -> lastInfo[i] = t);
        return last;
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

    /**
     * --omit: the first d of the run is a warm-up (iperf3 -O): its intervals are marked omitted, and at its end the
     * counters, the clock and the CPU time start again, so the figures cover only what follows. Before start.
     */
    void omit(Duration d) {
        this.omit = d == null || d.isZero() ? null : d;
        this.others = new AtomicLongArray(counters.length());
    }

    /** The Progress of an end of stream i that is not metered (loopback's receiver): counted only for --omit. */
    Progress other(int i) {
        AtomicLongArray o = others;
        return omit == null ? b -> {} : b -> o.addAndGet(i, b);
    }

    /**
     * A stream end's transfer without the warm-up: the bytes, time and CPU up to --omit's end taken out. As it
     * was when there is no --omit or the run ended within it. The call count stays whole.
     */
    synchronized org.kttcp4j.measure.Transfer afterOmit(boolean metered, int i, org.kttcp4j.measure.Transfer t) {
        if (omitBytes == null) {
            return t;
        }
        long before = metered ? omitBytes[i] : omitOthers[i];
        return new org.kttcp4j.measure.Transfer(t.requested(), Math.max(0, t.bytes() - before),
                Math.max(0, t.elapsedNanos() - omittedNanos), t.clock(), t.cpu().minus(omitCpu), t.calls());
    }

    /** A sending stream's last TCP_INFO without the warm-up's retransmits (--omit); as it was otherwise. */
    synchronized TcpInfo afterOmit(int i, TcpInfo t) {
        if (omitRetransmits == null || t == null || t.retransmits().isEmpty()) {
            return t;
        }
        long r = Math.max(0, t.retransmits().getAsLong() - omitRetransmits[i]);
        return new TcpInfo(java.util.OptionalLong.of(r), t.rttMicros(), t.rttvarMicros(), t.sndCwndSegments(),
                t.sndMss(), t.rcvRttMicros(), t.rcvOutOfOrder(), t.options());
    }

    /** The warm-up is over: its last interval closes (omitted) and everything counts from here. */
    private synchronized void omitEnds() {
        long now = System.nanoTime();
        if (!omitting || over || endNanos != 0) {
            return;
        }
        if (interval != null && now - lastNanos >= interval.toNanos() / 10) {
            cut(now, false);
        } else { // the interval timer just cut: the few bytes since are the warm-up's, in no interval
            for (int i = 0; i < lastSnapshot.length; i++) {
                lastSnapshot[i] = counters.get(i);
            }
        }
        omitting = false;
        omitRetransmits = new long[sampled.length];
        for (int i = 0; i < sampled.length; i++) {
            Optional<TcpInfo> info = lastInfo[i] != null ? Optional.of(lastInfo[i]) : read(sampled[i]);
            omitRetransmits[i] = info.flatMap(t -> t.retransmits().isPresent()
                    ? Optional.of(t.retransmits().getAsLong()) : Optional.empty()).orElse(0L);
            lastRetransmits[i] = omitRetransmits[i];
        }
        omitBytes = lastSnapshot.clone(); // what the omitted intervals counted: the rest is in the figures
        omitOthers = new long[others.length()];
        for (int i = 0; i < omitOthers.length; i++) {
            omitOthers[i] = others.get(i);
        }
        org.kttcp4j.posix.CpuTime c = org.kttcp4j.posix.Rusage.self();
        omitCpu = c.minus(cpu0);
        cpu0 = c;
        omittedNanos = now - meterStartNanos;
        startNanos = now;
        cpuStartNanos = now;
        lastNanos = now;
        if (intervalTimer != null) { // intervals count from the warm-up's end, as iperf3's
            intervalTimer.close();
            timers.remove(intervalTimer);
            intervalTimer = Watchdog.every(interval, () -> cut(System.nanoTime(), true));
            timers.add(intervalTimer);
        }
    }

    /** Stream i has ended: it is no longer watched for a stall. */
    void finished(int i) {
        done.set(i, 1);
    }

    /**
     * The streams are connected and start moving: wall and CPU time are counted from here, the intervals from the
     * first transfer's start.
     */
    synchronized void start() {
        cpu0 = org.kttcp4j.posix.Rusage.self();
        startNanos = System.nanoTime();
        cpuStartNanos = startNanos;
        lastNanos = startNanos;
        meterStartNanos = startNanos;
        java.util.Arrays.fill(lastChangeNanos, startNanos);
        // the intervals and --omit wait for the first transfer to start (transferStarted)
        timers.add(Watchdog.every(TICK, this::tick));
    }

    private void tick() {
        long now = System.nanoTime();
        long[] totals = totals();
        listener.progress(totals, (now - startNanos) / 1e9);
        if (idle == null) {
            return;
        }
        for (int i = 0; i < totals.length; i++) {
            if (totals[i] != lastSeen[i]) {
                lastSeen[i] = totals[i];
                lastChangeNanos[i] = now;
            } else if (done.get(i) == 0 && now - lastChangeNanos[i] >= idle.toNanos()) {
                control.fail("stream " + (i + 1) + " moved no data for " + org.kttcp4j.net.Durations.text(idle)
                        + ": " + idleHint + " (--idle-timeout sets the wait)");
                return;
            }
        }
    }

    /**
     * Closes the interval ending now. A timer tick that read the clock before {@link #stop()} took the lock comes
     * after stop's own last cut: its moment is already closed, and it adds nothing.
     */
    private synchronized void cut(long now, boolean byTimer) {
        if (now <= lastNanos || over || (endNanos != 0 && now != endNanos)) {
            return; // after the transfers' end only the last interval is cut, at that end (stop)
        }
        if (byTimer && timed != null && origin != 0 && interval != null) {
            long end = origin + timed.toNanos();
            long tenth = interval.toNanos() / 10;
            if (now - (end - tenth) >= 0 && now - (end + tenth) < 0) {
                // the transfers end within a tenth of an interval: their end closes this interval, or (they are
                // late: a stalled peer) a cut a tenth of an interval after their time
                if (!lateCut) {
                    lateCut = true;
                    timers.add(Watchdog.arm(Duration.ofNanos(end + tenth - now), () -> cut(System.nanoTime(), false)));
                }
                return;
            }
        }
        long[] bytes = new long[lastSnapshot.length];
        for (int i = 0; i < bytes.length; i++) {
            long c = counters.get(i);
            bytes[i] = c - lastSnapshot[i];
            lastSnapshot[i] = c;
        }
        TcpSample[] tcp = new TcpSample[bytes.length];
        boolean any = false;
        for (int i = 0; i < tcp.length; i++) {
            Optional<TcpInfo> info = lastInfo[i] != null ? Optional.of(lastInfo[i]) : read(sampled[i]);
            if (info.isPresent() && receiving[i]) {
                tcp[i] = TcpSample.ofReceiver(info.get(), lastOutOfOrder[i]);
                lastOutOfOrder[i] = info.get().rcvOutOfOrder().orElse(lastOutOfOrder[i]);
                any = true;
            } else if (info.isPresent()) {
                tcp[i] = TcpSample.of(info.get(), lastRetransmits[i]);
                lastRetransmits[i] = info.get().retransmits().orElse(lastRetransmits[i]);
                any = true;
            }
        }
        Interval in = new Interval((lastNanos - startNanos) / 1e9, (now - startNanos) / 1e9, bytes,
                any ? tcp : null, omitting, reverseFrom);
        lastNanos = now;
        intervals.add(in);
        listener.interval(in);
    }

    /**
     * Stops the timers and closes the last interval: at the transfers' end ({@link #transferEnded}), or now when
     * they did not all end (a run ended by an error or a signal before a transfer started).
     */
    synchronized List<Interval> stop() {
        if (cpu0 != null && cpu == null) {
            wallNanos = System.nanoTime() - cpuStartNanos;
            cpu = org.kttcp4j.posix.Rusage.self().minus(cpu0);
        }
        timers.forEach(Watchdog.Armed::close);
        timers.clear();
        closeLast(endNanos != 0 ? endNanos : System.nanoTime());
        if (endNanos != 0) {
            clampToEnd();
        }
        return List.copyOf(intervals);
    }

    /**
     * A timer cut that ran after a transfer's clock stopped but before it was told (this thread or the engine's
     * was descheduled in between, a machine under load) made an interval that ends after the run: in the
     * intervals the run keeps (its JSON, CSV and charts) it ends at the run's end, its bytes kept; a live line
     * already printed stays as it was.
     */
    private void clampToEnd() {
        double end = (endNanos - startNanos) / 1e9;
        while (intervals.size() > 1 && intervals.get(intervals.size() - 1).start() >= end) {
            Interval after = intervals.remove(intervals.size() - 1);
            Interval before = intervals.remove(intervals.size() - 1);
            long[] bytes = before.streamBytes().clone();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] += after.streamBytes()[i];
            }
            intervals.add(new Interval(before.start(), after.end(), bytes, after.streamTcp() != null
                    ? after.streamTcp() : before.streamTcp(), before.omitted(), before.reverseFrom()));
        }
        if (!intervals.isEmpty()) {
            Interval last = intervals.get(intervals.size() - 1);
            if (last.end() > end && end > last.start()) {
                intervals.set(intervals.size() - 1, new Interval(last.start(), end, last.streamBytes(), last.streamTcp(),
                        last.omitted(), last.reverseFrom()));
            }
        }
    }

    /** Closes the last interval (when intervals are on and anything is left, or none was cut); then no more. */
    private void closeLast(long now) {
        if (over) {
            return;
        }
        if (interval != null) {
            boolean moved = false;
            for (int i = 0; i < lastSnapshot.length; i++) {
                moved |= counters.get(i) != lastSnapshot[i];
            }
            if (moved || intervals.isEmpty()) {
                cut(now, false);
            }
        }
        over = true;
    }

    /** Wall time from start to stop. */
    long wallNanos() {
        return wallNanos;
    }

    /** The process's CPU time from start to stop. */
    org.kttcp4j.posix.CpuTime cpu() {
        return cpu == null ? org.kttcp4j.posix.CpuTime.ZERO : cpu;
    }

    /** Per-stream totals so far. */
    long[] totals() {
        long[] t = new long[counters.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = counters.get(i);
        }
        return t;
    }
}
