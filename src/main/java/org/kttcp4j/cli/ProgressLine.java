package org.kttcp4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.kttcp4j.posix.Rusage;
import org.kttcp4j.report.Iperf3Units;

/** A live "elapsed, bytes, rate" line on stderr, redrawn in place; only when a person is watching a terminal. */
final class ProgressLine implements Consumer<long[]> {
    private final PrintWriter err;
    private final long t0 = System.nanoTime();
    private volatile boolean drawn;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    /** Wanted when not quiet, not JSON, and stderr is a terminal (never drawn into a pipe or a file). */
    static boolean wanted(boolean quiet, boolean json) {
        return !quiet && !json && Rusage.stderrIsTerminal();
    }

    @Override
    public void accept(long[] totals) {
        long sum = 0;
        for (long t : totals) {
            sum += t;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        err.print(String.format(Locale.ROOT, "\r  %6.1f s  %s  %s    ", s, Iperf3Units.bytes(sum),
                Iperf3Units.bits(s <= 0 ? 0 : sum * 8 / s)));
        err.flush();
        drawn = true;
    }

    void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
    }
}
