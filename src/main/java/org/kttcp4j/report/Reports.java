package org.kttcp4j.report;

import java.util.Locale;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.measure.Transfer;

/** Human-readable figures shared by the text reports. */
public final class Reports {
    private Reports() {}

    public static String gbits(double bitsPerSecond) {
        return String.format(Locale.ROOT, "%.2f Gbit/s", bitsPerSecond / 1e9);
    }

    public static String megabytes(double bitsPerSecond) {
        return String.format(Locale.ROOT, "%.1f MB/s", bitsPerSecond / 8 / 1e6);
    }

    /** CPU use as a share of the elapsed time (over 100% when several threads or both ends ran). */
    public static double cpuPercent(Transfer t) {
        return t.elapsedNanos() <= 0 ? 0 : t.cpu().totalMicros() * 1e5 / t.elapsedNanos();
    }

    /** "sender     1073741824 bytes in 0.512 s = 16.78 Gbit/s (2097.2 MB/s), CPU user 0.02 s sys 0.48 s (98%), 0.47 CPU s/GB" */
    public static String line(SideResult r) {
        return line(r, "");
    }

    /** The same with a stream label ("[1]", "[SUM]") after the role. */
    public static String line(SideResult r, String label) {
        Transfer t = r.transfer();
        StringBuilder b = new StringBuilder();
        String who = label.isEmpty() ? r.role().label() : r.role().label() + " " + label;
        b.append(String.format(Locale.ROOT, "%-9s %d bytes in %.3f s = %s (%s), CPU user %.2f s sys %.2f s (%.0f%%), %.2f CPU s/GB",
                who, t.bytes(), t.seconds(), gbits(t.bitsPerSecond()), megabytes(t.bitsPerSecond()),
                t.cpu().userMicros() / 1e6, t.cpu().sysMicros() / 1e6, cpuPercent(t), t.cpuSecondsPerGB()));
        if (t.clock() == Transfer.Clock.KERNEL) {
            b.append(", kernel clock");
        }
        if (t.partial()) {
            b.append(String.format(Locale.ROOT, " [partial: %d of %d bytes]", t.bytes(), t.requested()));
        }
        if (r.error() != null) {
            b.append(" [ended by error: ").append(r.error()).append(']');
        }
        return b.toString();
    }
}
