package org.kttcp4j.cli;

import org.kttcp4j.run.Results;
import org.kttcp4j.run.Outcome;

/**
 * Exit statuses, one table (README.md, "Exit status"; --help): the C kttcp tool's 0, 1 and 2, a missed
 * threshold, and a signal's 128 + its number.
 */
final class Exits {
    /** The run completed. */
    static final int OK = 0;
    /** Bad usage: an unknown option, a bad value, a combination that cannot run. */
    static final int USAGE = 1;
    /** The run failed or was partial: an error, a stalled or vanished peer, fewer bytes than expected. */
    static final int FAILED = 2;
    /** The run completed but missed a threshold (--expect-gbits, --expect-cpu-per-gb), or compare found a regression. */
    static final int THRESHOLD = 3;
    /** Stopped by SIGINT (Ctrl-C) after printing what was measured. */
    static final int SIGINT = 130;
    /** Stopped by SIGTERM after printing what was measured. */
    static final int SIGTERM = 143;

    /** The lines --help prints. */
    static final String[] TABLE = {
        "Exit status:",
        "  0    the run completed",
        "  1    bad usage (the message names the option and the fix)",
        "  2    the run failed or was partial (an error, a stalled or vanished peer, fewer bytes than expected)",
        "  3    a threshold was missed (--expect-gbits, --expect-cpu-per-gb), or compare found a regression",
        "  130  stopped by SIGINT (Ctrl-C), after printing what was measured; 143: SIGTERM"};

    private Exits() {}

    /**
     * How a run's results end the process, from their outcome alone: stopped by a signal is 128 + its number
     * (SIGINT 130, SIGTERM 143), failed is 2, completed (or stopped by a cap) is 0.
     */
    static int of(Results r) {
        if (r.outcome() instanceof Outcome.Stopped s) {
            return switch (s.by()) {
                case SIGINT -> SIGINT;
                case SIGTERM -> SIGTERM;
                case CAP -> OK;
            };
        }
        return r.outcome() instanceof Outcome.Failed ? FAILED : OK;
    }

    /** The same, and a missed threshold (--expect-*) when nothing else ended it: a stop or a failure comes first. */
    static int of(Results r, boolean thresholdMissed) {
        int code = of(r);
        return code == OK && thresholdMissed ? THRESHOLD : code;
    }
}
