package org.kttcp4j.run;

import org.kttcp4j.posix.CpuTime;
import org.kttcp4j.posix.Rusage;

/** The process's CPU and the wall time of one run, from the meter's start (or --omit's end) to its stop. */
final class CpuClock {
    private CpuTime cpu0;
    private long fromNanos;
    private CpuTime cpu;
    private long wallNanos;

    void start(long now) {
        cpu0 = Rusage.self();
        fromNanos = now;
    }

    boolean started() {
        return cpu0 != null;
    }

    /** Counts again from now (the warm-up's end); returns the CPU used before. */
    CpuTime restart(long now) {
        CpuTime c = Rusage.self();
        CpuTime before = c.minus(cpu0);
        cpu0 = c;
        fromNanos = now;
        return before;
    }

    /** Stops it once; a later stop changes nothing. */
    void stop(long now) {
        if (cpu0 != null && cpu == null) {
            wallNanos = now - fromNanos;
            cpu = Rusage.self().minus(cpu0);
        }
    }

    CpuTime cpu() {
        return cpu == null ? CpuTime.ZERO : cpu;
    }

    long wallNanos() {
        return wallNanos;
    }
}
