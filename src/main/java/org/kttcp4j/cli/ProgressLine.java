package org.kttcp4j.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.kttcp4j.posix.Terminal;
import org.kttcp4j.formats.Iperf3Units;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SummaryRow;

/**
 * A live line on stderr, redrawn in place: what is being waited for ("connecting to HOST port P"), then elapsed
 * time, bytes and rate. Only when a person is watching a terminal; cleared before any other line is printed.
 */
final class ProgressLine implements RunListener {
    private final PrintWriter err;
    private volatile boolean drawn;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    /** Wanted when not quiet, not JSON, and stderr is a terminal (never drawn into a pipe or a file). */
    static boolean wanted(boolean quiet, boolean json) {
        return !quiet && !json && Terminal.stderrIsTerminal();
    }

    @Override
    public synchronized void waiting(String what) {
        draw(what + " ...");
    }

    @Override
    public synchronized void progress(long[] totals, double seconds) {
        long sum = 0;
        for (long t : totals) {
            sum += t;
        }
        draw(String.format(Locale.ROOT, "  %6.1f s  %s  %s", seconds, Iperf3Units.bytes(sum),
                Iperf3Units.bits(seconds <= 0 ? 0 : sum * 8 / seconds)));
    }

    private void draw(String s) {
        err.print("\r" + s + "    ");
        err.flush();
        drawn = true;
    }

    synchronized void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
            drawn = false;
        }
    }

    @Override public void connected(Role role, InetSocketAddress peer) { clear(); }
    @Override public void interval(Interval in) { clear(); }
    @Override public void runEnded(RunResult r) { clear(); }
    @Override public void summary(List<SummaryRow> rows) { clear(); }
    @Override public void finished(Results results) { clear(); }
}
