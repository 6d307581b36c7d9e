package org.kttcp4j.measure;

import org.kttcp4j.PublicApi;
import org.kttcp4j.posix.CpuTime;

/**
 * What one end of a connection moved: bytes expected and moved, the elapsed time (the kernel's own clock for
 * kttcp, the wall clock for the other engines), the process's CPU time over the transfer, and how many calls it
 * took. A transfer that moved fewer bytes than expected (the peer closed early) is {@link #partial()}, never lost.
 *
 * @param requested the bytes expected, or {@link #OPEN} when any count up to the peer's EOF is complete
 */
@PublicApi
public record Transfer(long requested, long bytes, long elapsedNanos, Clock clock, CpuTime cpu, long calls) {
    /** No count expected: a receive until the peer's EOF, or a timed run. */
    public static final long OPEN = Long.MAX_VALUE;

    /** Which clock timed the transfer. */
    @PublicApi
    public enum Clock {
        /** kio_elapsed: the kernel timed its own loop. */
        KERNEL,
        /** System.nanoTime around the calls. */
        WALL
    }

    /**
     * Whether fewer bytes were moved than were expected.
     * @return true for a partial transfer
     */
    public boolean partial() {
        return requested != OPEN && bytes < requested;
    }

    /**
     * The elapsed time in seconds.
     * @return elapsedNanos / 10^9
     */
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /**
     * Throughput and CPU figures, defined in {@link Figures}; the CPU is the process's during this transfer.
     * @return the figures
     */
    public Figures figures() {
        return Figures.of(bytes, elapsedNanos, cpu);
    }

    /**
     * Two transfers one after the other (several ioctls, several buffers): sums of each figure.
     * @param next the transfer that came after this one
     * @return the sum, on this one's clock
     */
    public Transfer plus(Transfer next) {
        long req = requested == OPEN || next.requested == OPEN ? OPEN : requested + next.requested;
        return new Transfer(req, bytes + next.bytes, elapsedNanos + next.elapsedNanos,
                clock, cpu.plus(next.cpu), calls + next.calls);
    }
}
