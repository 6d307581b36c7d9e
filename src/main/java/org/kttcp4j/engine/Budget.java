package org.kttcp4j.engine;

import java.time.Duration;

/**
 * How much one side moves: a byte count, a deadline (System.nanoTime), or both, whichever comes first.
 * A receiver's usual budget is {@link #untilEof()}: it stops when the sender closes.
 */
public record Budget(long bytes, long deadlineNanos) {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    public static Budget ofBytes(long bytes) {
        return new Budget(bytes, NO_DEADLINE);
    }

    public static Budget untilEof() {
        return new Budget(Long.MAX_VALUE, NO_DEADLINE);
    }

    public static Budget of(Duration d) {
        return new Budget(Long.MAX_VALUE, System.nanoTime() + d.toNanos());
    }

    public boolean timed() {
        return deadlineNanos != NO_DEADLINE;
    }

    /** True once the deadline has passed. */
    public boolean expired(long nowNanos) {
        return timed() && nowNanos - deadlineNanos >= 0;
    }

    /** Nanoseconds left before the deadline (Long.MAX_VALUE when there is none). */
    public long nanosLeft(long nowNanos) {
        return timed() ? Math.max(0, deadlineNanos - nowNanos) : Long.MAX_VALUE;
    }
}
