package org.kttcp4j.formats;

import java.io.PrintWriter;
import java.math.BigInteger;
import org.kttcp4j.measure.Transfer;

/**
 * The result lines of NetBSD's C kttcp tool, pkgsrc benchmarks/kttcp/files/kttcp.c rev 1.5, printed the same way
 * so that scripts which parse it keep working. Two deliberate differences: an elapsed time of zero prints rates
 * of 0 instead of dividing by zero, and the "real" centiseconds keep the C tool's own quirk ({@code %lld}, not
 * {@code %02lld}: 1.05 s prints as 1.5real), because that is what its parsers have seen for twenty years.
 */
public final class KttcpToolFormat {
    private KttcpToolFormat() {}

    public static void socketBufferSize(PrintWriter out, int size) {
        out.printf("kttcp: socket buffer size: %d%n", size);
    }

    public static void listening(PrintWriter out, String port) {
        out.printf("kttcp: listening on port %s%n", port);
    }

    public static void connectFrom(PrintWriter out, String host) {
        out.printf("kttcp: connect from %s%n", host);
    }

    public static void connectedTo(PrintWriter out, String host) {
        out.printf("kttcp: connected to %s%n", host);
    }

    /** The result lines; verbose adds the CPU-seconds line (the C tool's -v). */
    public static void result(PrintWriter out, Transfer t, boolean verbose) {
        long usecs = t.elapsedNanos() / 1000;
        long bytes = t.bytes();
        long bytesPerSec = usecs == 0 ? 0 : perSecond(bytes, usecs);
        long bitsPerSec = bytesPerSec * 8; // NBBY, after the integer division, as kttcp.c does
        out.printf("kttcp: %d bytes in %d.%03d real seconds ==> %d bytes/sec%n",
                bytes, usecs / 1_000_000, (usecs % 1_000_000) / 1000, bytesPerSec);
        long sys = t.cpu().sysMicros();
        if (verbose) {
            long perCpu = sys == 0 ? 0 : perSecond(bytes, sys);
            out.printf("kttcp: %d bytes in %d.%03d CPU seconds ==> %d bytes/CPU sec%n",
                    bytes, sys / 1_000_000, (sys % 1_000_000) / 1000, perCpu);
        }
        out.printf("       %s (%s) Megabits/sec%n",
                CFormat.g((double) bitsPerSec / 1024.0 / 1024.0), CFormat.g((double) bitsPerSec / 1000.0 / 1000.0));
        long user = t.cpu().userMicros();
        out.printf("  %d.%02duser %d.%02dsys %d.%dreal %d%%%n",
                user / 1_000_000, (user % 1_000_000) / 10_000,
                sys / 1_000_000, (sys % 1_000_000) / 10_000,
                usecs / 1_000_000, (usecs % 1_000_000) / 10_000,
                usecs == 0 ? 0 : (user + sys) * 100 / usecs);
    }

    /** bytes * 10^6 / usecs without overflowing for byte counts past 2^44. */
    private static long perSecond(long bytes, long usecs) {
        return BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(1_000_000))
                .divide(BigInteger.valueOf(usecs)).longValue();
    }
}
