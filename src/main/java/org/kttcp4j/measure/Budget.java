package org.kttcp4j.measure;

import java.time.Duration;
import org.kttcp4j.PublicApi;

/**
 * How much one end moves: up to a byte count, until a deadline (System.nanoTime), or both, whichever comes
 * first. {@link #exactly} expects the whole count (fewer bytes is a partial transfer); {@link #upTo} and
 * {@link #untilEof} take whatever the peer sends before it closes; a timed budget expects no count.
 *
 * @param bytes the most bytes to move (Long.MAX_VALUE: no count)
 * @param deadlineNanos when to stop, on System.nanoTime's clock ({@link #NO_DEADLINE}: never)
 * @param exact true when stopping short of bytes is a partial transfer
 */
@PublicApi
public record Budget(long bytes, long deadlineNanos, boolean exact) {
    /** The deadlineNanos of a budget with no deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Exactly this many bytes: stopping short (the peer's EOF) is a partial transfer.
     * @param bytes the count, not negative
     * @return the budget
     */
    public static Budget exactly(long bytes) {
        return new Budget(bytes, NO_DEADLINE, true);
    }

    /**
     * At most this many bytes; the peer's EOF before that is a complete transfer (the C tool's receiver).
     * @param bytes the most bytes
     * @return the budget
     */
    public static Budget upTo(long bytes) {
        return new Budget(bytes, NO_DEADLINE, false);
    }

    /**
     * Until the peer's EOF.
     * @return the budget
     */
    public static Budget untilEof() {
        return new Budget(Long.MAX_VALUE, NO_DEADLINE, false);
    }

    /**
     * For this long from now.
     * @param d how long, from the moment of this call
     * @return the budget
     */
    public static Budget of(Duration d) {
        return new Budget(Long.MAX_VALUE, System.nanoTime() + d.toNanos(), false);
    }

    /**
     * What a Transfer reports as requested: the count when it is expected, else {@link Transfer#OPEN}.
     * @return the count, or {@link Transfer#OPEN}
     */
    public long requested() {
        return exact ? bytes : Transfer.OPEN;
    }

    /**
     * Whether the budget has a deadline.
     * @return true when it has one
     */
    public boolean timed() {
        return deadlineNanos != NO_DEADLINE;
    }

    /**
     * True once the deadline has passed.
     * @param nowNanos the time now, from System.nanoTime
     * @return true when expired
     */
    public boolean expired(long nowNanos) {
        return timed() && nowNanos - deadlineNanos >= 0;
    }

    /**
     * Nanoseconds left before the deadline (Long.MAX_VALUE when there is none).
     * @param nowNanos the time now, from System.nanoTime
     * @return the nanoseconds left, never negative
     */
    public long nanosLeft(long nowNanos) {
        return timed() ? Math.max(0, deadlineNanos - nowNanos) : Long.MAX_VALUE;
    }
}
