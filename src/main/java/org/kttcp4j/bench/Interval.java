package org.kttcp4j.bench;

/**
 * Bytes moved between two moments of a run (seconds since its start), per stream and summed, as iperf3's
 * interval lines and "intervals" JSON array have them.
 */
public record Interval(double start, double end, long[] streamBytes) {
    public long bytes() {
        long sum = 0;
        for (long b : streamBytes) {
            sum += b;
        }
        return sum;
    }

    public double seconds() {
        return end - start;
    }

    public double bitsPerSecond() {
        return bitsPerSecond(bytes());
    }

    public double bitsPerSecond(long b) {
        return seconds() <= 0 ? 0 : b * 8 / seconds();
    }
}
