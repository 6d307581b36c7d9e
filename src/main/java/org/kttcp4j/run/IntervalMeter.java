package org.kttcp4j.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.engine.Progress;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Watchdog;
import org.kttcp4j.posix.CpuTime;

/**
 * Cuts one run's counts into intervals on a timer as iperf3 reports them, and tells the listener of progress about
 * twice a second. Its pieces: one {@link StreamMeter} per stream (its bytes, its TCP_INFO, its warm-up share), the
 * {@link StallWatch} (a stream that moves nothing for the idle timeout ends the run), the {@link Omit} warm-up, the
 * {@link CpuClock}. Engines only add to their stream's counter (cheap, on their own thread); the timer thread does
 * the rest, and {@link #stop()} closes the last, shorter interval, so the intervals always add up to the total.
 * The intervals lie within the transfers: they count from the first metered transfer's start and end when the last
 * one returns, not when the ends have exchanged their EOFs and closed.
 */
final class IntervalMeter {
    private static final Duration TICK = Duration.ofMillis(500);

    private final List<StreamMeter> streams = new ArrayList<>();
    private final int reverseFrom;
    private final Duration interval;
    private final RunListener listener;
    private final StallWatch stall;
    private final CpuClock clock = new CpuClock();
    private Omit omit = new Omit(null);
    private final List<Interval> intervals = new ArrayList<>();
    private final List<Watchdog.Armed> timers = new ArrayList<>();
    private Watchdog.Armed intervalTimer;
    /** When the first metered transfer started (0: none yet). */
    private volatile long origin;
    /** Where the intervals' times count from (the meter's start, the first transfer's, --omit's end). */
    private long startNanos;
    /** Where the warm-up's time counts from. */
    private long meterStartNanos;
    /** The end of the last interval cut. */
    private long lastNanos;
    /** The last interval is closed: the meter stopped. */
    private boolean over;
    /** When the last metered transfer returned (0: not yet): the run's end, and the last interval's. */
    private long endNanos;
    /** The latest transfer end told so far. */
    private long lastEnd;
    private Duration timed;
    private boolean lateCut;

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
        for (int i = 0; i < streams; i++) {
            this.streams.add(new StreamMeter());
        }
        this.reverseFrom = reverseFrom;
        this.interval = interval;
        this.listener = listener;
        this.stall = new StallWatch(streams, idle, control, idleHint);
    }

    /** The Progress an engine on stream i reports to: its bytes, and when its transfer's clock starts. */
    Progress stream(int i) {
        StreamMeter s = streams.get(i);
        return new Progress() {
            @Override
            public void moved(long bytes) {
                if (origin == 0) { // an engine that did not say when its clock started: its first bytes are the start
                    transferStarted();
                }
                s.add(bytes);
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

    /** The Progress of an end of stream i that is not metered (loopback's receiver): counted only for --omit. */
    Progress other(int i) {
        StreamMeter s = streams.get(i);
        return omit.on() ? s::addOther : b -> {};
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
     * --omit: the first d of the run is a warm-up (iperf3 -O): its intervals are marked omitted, and at its end the
     * counters, the clock and the CPU time start again, so the figures cover only what follows. Before start.
     */
    void omit(Duration d) {
        this.omit = new Omit(d);
    }

    /**
     * The first metered transfer's clock starts: the intervals (and --omit's warm-up) count from here, so they lie
     * within the transfers' own time.
     */
    private synchronized void transferStarted() {
        if (origin != 0 || over || !clock.started()) {
            return;
        }
        long now = System.nanoTime();
        origin = now;
        startNanos = now;
        lastNanos = now;
        meterStartNanos = now;
        if (interval != null) {
            intervalTimer = every(interval);
        }
        if (omit.on()) {
            omit.begin();
            timers.add(Watchdog.arm(omit.length(), this::omitEnds));
        }
    }

    private Watchdog.Armed every(Duration d) {
        Watchdog.Armed t = Watchdog.every(d, () -> cut(System.nanoTime(), true));
        timers.add(t);
        return t;
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
        if (!streams.get(i).transferEnds()) {
            return;
        }
        lastEnd = Math.max(lastEnd, atNanos);
        if (streams.stream().allMatch(StreamMeter::transferDone)) {
            endNanos = lastEnd;
        }
    }

    /**
     * Stream i's connection is sampled with TCP_INFO at each interval's end: a sender's retransmits, cwnd and RTT
     * (as iperf3 reports them), a receiver's RTT estimate and out-of-order count. Until {@link #ended}: the
     * connection is not read after that.
     */
    synchronized void sample(int i, Connection c, Role role) {
        streams.get(i).sample(c, role);
    }

    /**
     * Stream i's transfer is over: its connection is read one last time here (it is still open) and that reading
     * stands for the stream in the intervals that remain. Returns it (empty: no TCP_INFO).
     */
    synchronized Optional<TcpInfo> ended(int i) {
        return streams.get(i).ended();
    }

    /**
     * A stream end's transfer without the warm-up: the bytes, time and CPU up to --omit's end taken out. As it
     * was when there is no --omit or the run ended within it. The call count stays whole.
     */
    synchronized Transfer afterOmit(boolean metered, int i, Transfer t) {
        return streams.get(i).afterOmit(metered, t, omit);
    }

    /** A sending stream's last TCP_INFO without the warm-up's retransmits (--omit); as it was otherwise. */
    synchronized TcpInfo afterOmit(int i, TcpInfo t) {
        return streams.get(i).afterOmit(t);
    }

    /** The warm-up is over: its last interval closes (omitted) and everything counts from here. */
    private synchronized void omitEnds() {
        long now = System.nanoTime();
        if (!omit.running() || over || endNanos != 0) {
            return;
        }
        if (interval != null && now - lastNanos >= interval.toNanos() / 10) {
            cut(now, false);
        } else { // the interval timer just cut: the few bytes since are the warm-up's, in no interval
            streams.forEach(StreamMeter::skipToNow);
        }
        streams.forEach(StreamMeter::omitEnds);
        CpuTime before = clock.restart(now);
        omit.end(now - meterStartNanos, before);
        startNanos = now;
        lastNanos = now;
        if (intervalTimer != null) { // intervals count from the warm-up's end, as iperf3's
            intervalTimer.close();
            timers.remove(intervalTimer);
            intervalTimer = every(interval);
        }
    }

    /** Stream i has ended: it is no longer watched for a stall. */
    void finished(int i) {
        streams.get(i).finish();
    }

    /**
     * The streams are connected and start moving: wall and CPU time are counted from here, the intervals from the
     * first transfer's start.
     */
    synchronized void start() {
        long now = System.nanoTime();
        clock.start(now);
        startNanos = now;
        lastNanos = now;
        meterStartNanos = now;
        stall.start(now);
        // the intervals and --omit wait for the first transfer to start (transferStarted)
        timers.add(Watchdog.every(TICK, this::tick));
    }

    private void tick() {
        long now = System.nanoTime();
        listener.progress(totals(), (now - startNanos) / 1e9);
        stall.check(now, streams);
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
        long[] bytes = new long[streams.size()];
        TcpSample[] tcp = new TcpSample[bytes.length];
        boolean any = false;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = streams.get(i).cut();
            tcp[i] = streams.get(i).tcpSample();
            any |= tcp[i] != null;
        }
        Interval in = new Interval((lastNanos - startNanos) / 1e9, (now - startNanos) / 1e9, bytes,
                any ? tcp : null, omit.running(), reverseFrom);
        lastNanos = now;
        intervals.add(in);
        listener.interval(in);
    }

    /**
     * Stops the timers and closes the last interval: at the transfers' end ({@link #transferEnded}), or now when
     * they did not all end (a run ended by an error or a signal before a transfer started).
     */
    synchronized List<Interval> stop() {
        clock.stop(System.nanoTime());
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
            if (streams.stream().anyMatch(StreamMeter::movedSinceCut) || intervals.isEmpty()) {
                cut(now, false);
            }
        }
        over = true;
    }

    /** Wall time from start to stop. */
    long wallNanos() {
        return clock.wallNanos();
    }

    /** The process's CPU time from start to stop. */
    CpuTime cpu() {
        return clock.cpu();
    }

    /** Per-stream totals so far. */
    long[] totals() {
        return streams.stream().mapToLong(StreamMeter::total).toArray();
    }
}
