package org.kttcp4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.kttcp4j.engine.Progress;

/**
 * Counts the bytes each stream moves and cuts the count into intervals on a timer, as iperf3 reports them.
 * Engines only add to a counter (cheap, on their own thread); a daemon ticker takes the snapshots, and
 * {@link #stop()} closes the last, shorter interval, so the intervals always add up to the total.
 * The same ticker drives the live progress line.
 */
public final class IntervalMeter implements AutoCloseable {
    private final AtomicLongArray counters;
    private final long[] lastSnapshot;
    private final long intervalNanos;
    private final Consumer<Interval> onInterval;
    private final Consumer<long[]> onTick;
    private final List<Interval> intervals = new ArrayList<>();
    private ScheduledExecutorService ticker;
    private long startNanos;
    private long lastNanos;

    /**
     * @param intervalNanos 0 for no intervals (the total is still counted)
     * @param onInterval told of each interval as it closes (a live line, a JSON event)
     * @param onTick told about twice a second of the per-stream totals so far (the progress line), or null
     */
    public IntervalMeter(int streams, long intervalNanos, Consumer<Interval> onInterval, Consumer<long[]> onTick) {
        this.counters = new AtomicLongArray(streams);
        this.lastSnapshot = new long[streams];
        this.intervalNanos = intervalNanos;
        this.onInterval = onInterval;
        this.onTick = onTick;
    }

    /** No intervals, no progress: just counts. */
    public static IntervalMeter none(int streams) {
        return new IntervalMeter(streams, 0, i -> {}, null);
    }

    /** The Progress an engine on stream i reports to. */
    public Progress stream(int i) {
        return bytes -> counters.addAndGet(i, bytes);
    }

    public synchronized void start() {
        startNanos = System.nanoTime();
        lastNanos = startNanos;
        if (intervalNanos > 0 || onTick != null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kttcp4j-interval");
                t.setDaemon(true);
                return t;
            });
            if (intervalNanos > 0) {
                ticker.scheduleAtFixedRate(() -> cut(System.nanoTime()), intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
            }
            if (onTick != null) {
                ticker.scheduleAtFixedRate(() -> onTick.accept(totals()), 500, 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Closes the interval ending now. */
    private synchronized void cut(long now) {
        long[] bytes = new long[lastSnapshot.length];
        for (int i = 0; i < bytes.length; i++) {
            long c = counters.get(i);
            bytes[i] = c - lastSnapshot[i];
            lastSnapshot[i] = c;
        }
        Interval in = new Interval((lastNanos - startNanos) / 1e9, (now - startNanos) / 1e9, bytes);
        lastNanos = now;
        intervals.add(in);
        onInterval.accept(in);
    }

    /** Stops the ticker and closes the last interval (when intervals are on and anything is left). */
    public synchronized List<Interval> stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
            if (intervalNanos > 0) {
                long now = System.nanoTime();
                boolean moved = false;
                for (int i = 0; i < lastSnapshot.length; i++) {
                    moved |= counters.get(i) != lastSnapshot[i];
                }
                if (moved || intervals.isEmpty()) {
                    cut(now);
                }
            }
        }
        return List.copyOf(intervals);
    }

    /** Per-stream totals so far. */
    public long[] totals() {
        long[] t = new long[counters.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = counters.get(i);
        }
        return t;
    }

    @Override
    public void close() {
        stop();
    }
}
