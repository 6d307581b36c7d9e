package org.kttcp4j.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.kttcp4j.run.Outcome;
import org.kttcp4j.run.Results;
import picocli.CommandLine;

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

    /**
     * What each command's exit statuses mean, as picocli's exit code list shows them in --help and the man
     * page's EXIT STATUS (set on every command by {@link #describe}).
     */
    static final Map<String, String> RUN = table(
        "0", "the run completed (and met its --expect-* thresholds)",
        "1", "bad usage: the message names the option and the fix; nothing ran",
        "2", "the run failed or was partial (an error, a stalled or vanished peer, fewer bytes than expected),"
                + " or a file could not be written whole after it",
        "3", "a threshold was missed (--expect-gbits, --expect-cpu-per-gb)",
        "130", "stopped by SIGINT (Ctrl-C), after printing what was measured",
        "143", "stopped by SIGTERM, after printing what was measured");
    static final Map<String, String> COMPARE = table(
        "0", "no regression",
        "1", "bad input: a file that is not a result, runs that cannot be matched",
        "3", "NEW is worse by more than --max-drop (and significant, p < 0.05, with repeats)");
    static final Map<String, String> REPORT = table(
        "0", "the page was written",
        "1", "bad input: a file that is not a result, an -o that cannot be written or that names an input",
        "2", "the page could not be written whole (a full disk); the old file is kept; of a plan: a pair failed",
        "3", "of a plan: a pair missed a threshold (and none failed)");
    static final Map<String, String> ABI = table(
        "0", "printed",
        "1", "bad usage");

    private static Map<String, String> table(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(String.format(Locale.ROOT, "%3s", keysAndValues[i]), keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Gives every command of the tree its exit code list (picocli's exitCodeList), under "Exit status:". */
    static void describe(CommandLine root) {
        set(root, RUN);
        root.getSubcommands().forEach((name, c) -> set(c, switch (name) {
            case "compare" -> COMPARE;
            case "report" -> REPORT;
            case "abi", "plan", "generate-completion" -> ABI;
            default -> RUN;
        }));
    }

    private static void set(CommandLine c, Map<String, String> codes) {
        c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(codes);
    }

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
