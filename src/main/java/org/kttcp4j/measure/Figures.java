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
    /** The shortest run whose CPU figures are measured: 20 ms, two ticks of a 100 Hz statistics clock. */
    public static final long MIN_CPU_NANOS = 20_000_000L;
    /** The fewest bytes over which CPU seconds per GB is measured: 1 MiB. */
    public static final long MIN_CPU_BYTES = 1L << 20;

    /**
     * The figures of bytes moved in elapsedNanos while the process used cpu.
     * @param bytes the bytes moved
     * @param elapsedNanos the time they took, in nanoseconds
     * @param cpu the CPU the process used meanwhile
     * @return the three figures
     */
    public static Figures of(long bytes, long elapsedNanos, CpuTime cpu) {
        return new Figures(bitsPerSecond(bytes, elapsedNanos), cpuPercent(cpu, elapsedNanos),
                cpuSecondsPerGB(cpu, bytes, elapsedNanos));
    }

    /**
     * The throughput of bytes over elapsedNanos.
     * @param bytes the bytes moved
     * @param elapsedNanos the time they took, in nanoseconds
     * @return bits per second, or empty when no time elapsed
     */
    public static OptionalDouble bitsPerSecond(long bytes, long elapsedNanos) {
        return elapsedNanos <= 0 ? OptionalDouble.empty() : OptionalDouble.of(bytes * 8e9 / elapsedNanos);
    }

    /**
     * The CPU used over elapsedNanos, as a percentage of one CPU.
     * @param cpu the CPU used
     * @param elapsedNanos the time, in nanoseconds
     * @return the percentage, or empty for less than {@link #MIN_CPU_NANOS}
     */
    public static OptionalDouble cpuPercent(CpuTime cpu, long elapsedNanos) {
        return elapsedNanos < MIN_CPU_NANOS ? OptionalDouble.empty()
                : OptionalDouble.of(cpu.totalMicros() * 1e5 / elapsedNanos);
    }

    /**
     * The CPU seconds per 10^9 bytes.
     * @param cpu the CPU used
     * @param bytes the bytes moved
     * @param elapsedNanos the time, in nanoseconds
     * @return the seconds per GB, or empty for less than {@link #MIN_CPU_NANOS} or {@link #MIN_CPU_BYTES}
     */
    public static OptionalDouble cpuSecondsPerGB(CpuTime cpu, long bytes, long elapsedNanos) {
        return elapsedNanos < MIN_CPU_NANOS || bytes < MIN_CPU_BYTES ? OptionalDouble.empty()
                : OptionalDouble.of(cpu.totalMicros() / 1e6 / (bytes / 1e9));
    }

    /**
     * Gbit/s, for statistics over runs: NaN when not measured.
     * @return the throughput in Gbit/s (10^9 bits per second), or NaN
     */
    public double gbits() {
        return bitsPerSecond.isPresent() ? bitsPerSecond.getAsDouble() / 1e9 : Double.NaN;
    }
}
