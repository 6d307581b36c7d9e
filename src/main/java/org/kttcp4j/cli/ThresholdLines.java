package org.kttcp4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.kttcp4j.report.LineFigure;
import org.kttcp4j.report.Thresholds;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.Signals;
import org.kttcp4j.run.SummaryRow;

/**
 * --expect-gbits, --expect-cpu-per-gb: told the events after the reporter, so it speaks after the results are
 * printed; each missed threshold is one line on stderr ("kttcp4j: expected at least 5.000 Gbit/s, measured
 * 4.210 (-15.8 %)"), and {@link #missed()} makes the exit status 3 (when nothing else ended the run).
 */
final class ThresholdLines implements RunListener {
    private final Thresholds thresholds;
    private final PrintWriter err;
    private volatile boolean missed;
    private boolean sweep;
    private boolean judged;

    ThresholdLines(Thresholds thresholds, PrintWriter err) {
        this.thresholds = thresholds;
        this.err = err;
    }

    @Override
    public void started(Run run, String engineDescription) {
        sweep = run.sockbufs().size() > 1;
    }

    /** A series' percents of the line per socket-buffer size, for --expect-line's median. */
    private final java.util.Map<Integer, List<Double>> linePercents = new java.util.HashMap<>();

    @Override
    public void runEnded(RunResult r) {
        if (Thresholds.judged(r)) {
            judged = true;
            print(thresholds.misses(r));
        } else if (thresholds.minLinePercent() != null && r.run().series() && !r.failed() && r.stopped().isEmpty()) {
            Double p = LineFigure.of(r, thresholds.lineRate()).percent();
            if (p != null) {
                linePercents.computeIfAbsent(r.sockbuf(), k -> new java.util.ArrayList<>()).add(p);
            }
        }
    }

    @Override
    public void summary(List<SummaryRow> rows) {
        for (SummaryRow row : rows) {
            judged = true;
            print(thresholds.misses(row, sweep, linePercents.getOrDefault(row.sockbuf(), List.of())));
        }
        linePercents.clear();
    }

    /**
     * A series whose runs all ended early without failing (a server's --max-time or --max-bytes cap) has no
     * figure to judge: that misses the threshold too. Failures and signals have their own status and line.
     */
    @Override
    public void finished(Results results) {
        if (!judged && results.count() > 0 && !results.failed() && results.stopped().isEmpty()
                && Signals.received() == null) {
            print(List.of("no complete run to judge by " + thresholds.names() + ": every run ended early ("
                    + results.last().flatMap(RunResult::stopped).orElse("stopped") + ")"));
        }
        judged = false;
    }

    private void print(List<String> misses) {
        for (String m : misses) {
            err.println("kttcp4j: " + m);
            missed = true;
        }
        err.flush();
    }

    boolean missed() {
        return missed;
    }
}
