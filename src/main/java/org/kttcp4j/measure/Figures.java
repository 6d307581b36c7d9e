package org.kttcp4j.measure;

import java.util.OptionalDouble;
import org.kttcp4j.PublicApi;
import org.kttcp4j.posix.CpuTime;

/**
 * The figures derived from bytes, elapsed time and CPU time: each defined here and nowhere else. A figure
 * that cannot be measured is empty and prints as "not measured": no time elapsed, or, for the CPU figures, a
 * run shorter than {@link #MIN_CPU_NANOS} (two ticks of a 100 Hz statistics clock, which is what NetBSD's
 * getrusage counts in) or smaller than {@link #MIN_CPU_BYTES} (a few bytes over a CPU tick would read as
 * hundreds of thousands of CPU seconds per GB).
 *
 * @param bitsPerSecond bytes * 8 / seconds
 * @param cpuPercent CPU seconds (user + system) / elapsed seconds * 100; over 100 when several threads ran
 * @param cpuSecondsPerGB CPU seconds per 10^9 bytes moved
 */
@PublicApi
public record Figures(OptionalDouble bitsPerSecond, OptionalDouble cpuPercent, OptionalDouble cpuSecondsPerGB) {
    public static final long MIN_CPU_NANOS = 20_000_000L;
    public static final long MIN_CPU_BYTES = 1L << 20;

    /** The figures of bytes moved in elapsedNanos while the process used cpu. */
    public static Figures of(long bytes, long elapsedNanos, CpuTime cpu) {
        return new Figures(bitsPerSecond(bytes, elapsedNanos), cpuPercent(cpu, elapsedNanos),
                cpuSecondsPerGB(cpu, bytes, elapsedNanos));
    }

    public static OptionalDouble bitsPerSecond(long bytes, long elapsedNanos) {
        return elapsedNanos <= 0 ? OptionalDouble.empty() : OptionalDouble.of(bytes * 8e9 / elapsedNanos);
    }

    public static OptionalDouble cpuPercent(CpuTime cpu, long elapsedNanos) {
        return elapsedNanos < MIN_CPU_NANOS ? OptionalDouble.empty()
                : OptionalDouble.of(cpu.totalMicros() * 1e5 / elapsedNanos);
    }

    public static OptionalDouble cpuSecondsPerGB(CpuTime cpu, long bytes, long elapsedNanos) {
        return elapsedNanos < MIN_CPU_NANOS || bytes < MIN_CPU_BYTES ? OptionalDouble.empty()
                : OptionalDouble.of(cpu.totalMicros() / 1e6 / (bytes / 1e9));
    }

    /** Gbit/s, for statistics over runs: NaN when not measured. */
    public double gbits() {
        return bitsPerSecond.isPresent() ? bitsPerSecond.getAsDouble() / 1e9 : Double.NaN;
    }
}
