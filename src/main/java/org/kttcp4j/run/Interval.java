package org.kttcp4j.run;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.kttcp4j.PublicApi;
import org.kttcp4j.measure.Figures;

/**
 * Bytes moved between two moments of a run (seconds since its start), per stream and summed, as iperf3's
 * interval lines and "intervals" JSON array have them; on a sending end whose connections give TCP_INFO, what it
 * said per stream at the interval's end (streamTcp, null where a stream gave nothing, the array null when none
 * did); omitted: the interval lies in --omit's warm-up and is left out of the figures (iperf3 -O); reverseFrom:
 * with --bidir the index of the first stream of the reverse direction ({@link Run#reverseDirection}), else the
 * number of streams.
 */
@PublicApi
public record Interval(double start, double end, long[] streamBytes, TcpSample[] streamTcp, boolean omitted,
        int reverseFrom) {

    /**
     * An interval of one direction, without TCP_INFO, not omitted.
     * @param start its start, in seconds since the run started
     * @param end its end, in seconds since the run started
     * @param streamBytes the bytes each stream moved in it, stream 1 first
     */
    public Interval(double start, double end, long[] streamBytes) {
        this(start, end, streamBytes, null, false, streamBytes.length);
    }

    /**
     * An interval of one direction.
     * @param start its start, in seconds since the run started
     * @param end its end, in seconds since the run started
     * @param streamBytes the bytes each stream moved in it, stream 1 first
     * @param streamTcp each stream's TCP_INFO at its end (an element null where none), or null
     * @param omitted true when it lies in the warm-up (--omit)
     */
    public Interval(double start, double end, long[] streamBytes, TcpSample[] streamTcp, boolean omitted) {
        this(start, end, streamBytes, streamTcp, omitted, streamBytes.length);
    }

    /**
     * Every stream's bytes in this interval.
     * @return the sum, in bytes
     */
    public long bytes() {
        long sum = 0;
        for (long b : streamBytes) {
            sum += b;
        }
        return sum;
    }

    /**
     * --bidir: this interval has streams of both directions.
     * @return true with streams of both directions
     */
    public boolean bidir() {
        return reverseFrom < streamBytes.length;
    }

    /**
     * Stream i (0-based) carries --bidir's reverse direction.
     * @param stream the stream's index, from 0
     * @return true when the stream is of the reverse direction
     */
    public boolean reverseDirection(int stream) {
        return stream >= reverseFrom;
    }

    /**
     * The bytes of one direction's streams (reverse: --bidir's reverse direction).
     * @param reverse true for --bidir's reverse direction
     * @return the sum, in bytes
     */
    public long bytes(boolean reverse) {
        long sum = 0;
        for (int i = reverse ? reverseFrom : 0; i < (reverse ? streamBytes.length : reverseFrom); i++) {
            sum += streamBytes[i];
        }
        return sum;
    }

    /**
     * The interval's length.
     * @return end minus start, in seconds
     */
    public double seconds() {
        return end - start;
    }

    /**
     * The rate of b bytes over this interval (a stream's, or the sum's).
     * @param b a byte count
     * @return bits per second, or empty for an interval of no length
     */
    public OptionalDouble bitsPerSecond(long b) {
        return Figures.bitsPerSecond(b, Math.round(seconds() * 1e9));
    }

    /**
     * Stream i's TCP_INFO sample (0-based), if it gave one.
     * @param stream the stream's index, from 0
     * @return the sample, or empty
     */
    public Optional<TcpSample> tcp(int stream) {
        return Optional.ofNullable(streamTcp == null || stream >= streamTcp.length ? null : streamTcp[stream]);
    }

    /**
     * Retransmits of all streams in this interval: empty when no stream's kernel counts them.
     * @return the count, or empty
     */
    public OptionalLong retransmits() {
        return retransmits(0, streamBytes.length);
    }

    /**
     * Retransmits of one direction's streams (reverse: --bidir's reverse direction).
     * @param reverse true for --bidir's reverse direction
     * @return the count, or empty when no stream of that direction's kernel counts them
     */
    public OptionalLong retransmits(boolean reverse) {
        return reverse ? retransmits(reverseFrom, streamBytes.length) : retransmits(0, reverseFrom);
    }

    private OptionalLong retransmits(int from, int to) {
        if (streamTcp == null) {
            return OptionalLong.empty();
        }
        long sum = 0;
        boolean any = false;
        for (int i = from; i < Math.min(to, streamTcp.length); i++) {
            TcpSample s = streamTcp[i];
            if (s != null && s.retransmits().isPresent()) {
                sum += s.retransmits().getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
