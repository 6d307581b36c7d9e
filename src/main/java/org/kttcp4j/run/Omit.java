package org.kttcp4j.run;

import java.time.Duration;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;

/**
 * --omit: the first part of a run is a warm-up (slow start, iperf3's -O), its intervals marked omitted and its
 * bytes, time and CPU left out of the figures. It runs from the first transfer's start for its length; when it
 * ends, the {@link IntervalMeter} counts again from there and each {@link StreamMeter} keeps what it counted.
 */
final class Omit {
    private final Duration length;
    private boolean running;
    private boolean over;
    private long nanos;
    private CpuTime cpu = CpuTime.ZERO;

    /** null or zero: no warm-up. */
    Omit(Duration length) {
        this.length = length == null || length.isZero() ? null : length;
    }

    /** There is a warm-up to leave out. */
    boolean on() {
        return length != null;
    }

    Duration length() {
        return length;
    }

    /** The warm-up starts with the first transfer. */
    void begin() {
        running = on();
    }

    /** Its intervals are being cut now (marked omitted). */
    boolean running() {
        return running;
    }

    /** It ended after nanos of the run, having used cpu. */
    void end(long nanos, CpuTime cpu) {
        this.running = false;
        this.over = true;
        this.nanos = nanos;
        this.cpu = cpu;
    }

    /** A transfer without the warm-up: bytesBefore, its time and its CPU out; the call count whole. */
    Transfer without(Transfer t, long bytesBefore) {
        if (!over) {
            return t;
        }
        return new Transfer(t.requested(), Math.max(0, t.bytes() - bytesBefore), Math.max(0, t.elapsedNanos() - nanos),
                t.clock(), t.cpu().minus(cpu), t.calls());
    }
}
