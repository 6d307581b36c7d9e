package org.kttcp4j.measure;

/**
 * What one side of a run moved: bytes asked for and moved, the elapsed time (the kernel's own clock for kttcp,
 * the wall clock for the other engines), the process's CPU time over the run, and how many calls it took.
 * A transfer that moved fewer bytes than asked (the peer closed early) is {@link #partial()}, never lost.
 */
public record Transfer(long requested, long bytes, long elapsedNanos, Clock clock, CpuTime cpu, long calls) {

    /** Which clock timed the transfer. */
    public enum Clock {
        /** kio_elapsed: the kernel timed its own loop. */
        KERNEL,
        /** System.nanoTime around the calls. */
        WALL
    }

    public boolean partial() {
        return requested != Long.MAX_VALUE && bytes < requested;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Bits per second; 0 when no time elapsed (the C tool divides by zero there). */
    public double bitsPerSecond() {
        return elapsedNanos <= 0 ? 0 : bytes * 8e9 / elapsedNanos;
    }

    /** CPU seconds per 10^9 bytes moved; 0 when nothing moved. */
    public double cpuSecondsPerGB() {
        return bytes == 0 ? 0 : cpu.totalMicros() / 1e6 / (bytes / 1e9);
    }

    /** Two transfers one after the other (several ioctls, several buffers): sums of each figure. */
    public Transfer plus(Transfer next) {
        long req = requested == Long.MAX_VALUE || next.requested == Long.MAX_VALUE
                ? Long.MAX_VALUE : requested + next.requested;
        return new Transfer(req, bytes + next.bytes, elapsedNanos + next.elapsedNanos,
                clock, cpu.plus(next.cpu), calls + next.calls);
    }
}
