package org.kttcp4j.run;

import java.util.OptionalDouble;
import org.kttcp4j.measure.Figures;

/**
 * Bytes moved between two moments of a run (seconds since its start), per stream and summed, as iperf3's
 * interval lines and "intervals" JSON array have them.
 */
@org.kttcp4j.PublicApi
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

    /** The rate of b bytes over this interval (a stream's, or the sum's). */
    public OptionalDouble bitsPerSecond(long b) {
        return Figures.bitsPerSecond(b, Math.round(seconds() * 1e9));
    }
}
