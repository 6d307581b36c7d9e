package org.kttcp4j.measure;

import java.time.Duration;
import org.kttcp4j.PublicApi;

/**
 * How much one end moves: up to a byte count, until a deadline (System.nanoTime), or both, whichever comes
 * first. {@link #exactly} expects the whole count (fewer bytes is a partial transfer); {@link #upTo} and
 * {@link #untilEof} take whatever the peer sends before it closes; a timed budget expects no count.
 */
@PublicApi
public record Budget(long bytes, long deadlineNanos, boolean exact) {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** Exactly this many bytes: stopping short (the peer's EOF) is a partial transfer. */
    public static Budget exactly(long bytes) {
        return new Budget(bytes, NO_DEADLINE, true);
    }

    /** At most this many bytes; the peer's EOF before that is a complete transfer (the C tool's receiver). */
    public static Budget upTo(long bytes) {
        return new Budget(bytes, NO_DEADLINE, false);
    }

    /** Until the peer's EOF. */
    public static Budget untilEof() {
        return new Budget(Long.MAX_VALUE, NO_DEADLINE, false);
    }

    /** For this long from now. */
    public static Budget of(Duration d) {
        return new Budget(Long.MAX_VALUE, System.nanoTime() + d.toNanos(), false);
    }

    /** What a Transfer reports as requested: the count when it is expected, else {@link Transfer#OPEN}. */
    public long requested() {
        return exact ? bytes : Transfer.OPEN;
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
