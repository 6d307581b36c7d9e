package org.kttcp4j.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.kttcp4j.formats.CsvReporter;
import org.kttcp4j.formats.JUnitReporter;
import org.kttcp4j.report.JsonReporter;
import org.kttcp4j.report.JsonStreamReporter;
import org.kttcp4j.run.Tee;
import org.kttcp4j.formats.TextReporter;
import org.kttcp4j.run.Failures;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The one way a command runs a benchmark: build the Run (a combination that cannot run is a usage error, exit
 * 1), choose the reporter once, execute, say on stderr how it ended if it ended early, and map the results to
 * the exit status.
 */
final class Launch {
    private Launch() {}

    /**
     * Builds the Run from what the command's options put in the builder; their errors are usage errors, a rule's
     * message told with the flags for the settings it names.
     */
    static <T> T build(CommandLine cmd, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, SettingFlags.message(e), e);
        }
    }

    /** Runs a step whose IllegalArgumentException is bad input (a file): exit 1, one line that names the fix. */
    static <T> T input(CommandLine cmd, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new BadInput(cmd, e.getMessage());
        }
    }

    /** A usage error whose message already says what to do: --help would not add to it. */
    static final class BadInput extends ParameterException {
        private static final long serialVersionUID = 1L;

        BadInput(CommandLine cmd, String message) {
            super(cmd, message);
        }
    }

    /**
     * The reporter the output options ask for (text, --json, --json-stream or --csv on stdout), with the progress
     * line and the receiver's status lines, and the files and thresholds told the same events after it:
     * --output's JSON document, --junit's XML, the --expect-* lines. A file that cannot be opened is bad input.
     */
    static Reporting reporter(CommandLine cmd, OutputOptions o) {
        build(cmd, () -> {
            o.checkFormat();
            return o;
        });
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        boolean machine = o.json() || o.jsonStream() || o.csv();
        RunListener main = o.json() ? new JsonReporter(out, Version.line()).lineRate(o.lineRate())
                : o.jsonStream() ? new JsonStreamReporter(out, Version.line()).lineRate(o.lineRate())
                : o.csv() ? new CsvReporter(out).lineRate(o.lineRate())
                : new TextReporter(out).lineRate(o.lineRate());
        List<RunListener> all = new ArrayList<>();
        if (ProgressLine.wanted(o.quiet, machine)) {
            all.add(new ProgressLine(err)); // first: it clears its line before the others print
        }
        all.add(new StatusLines(err));
        all.add(main);
        List<OutputFiles.Named> files = new ArrayList<>();
        if (o.output != null) {
            files.add(new OutputFiles.Named("--output", o.output));
        }
        if (o.junit != null) {
            files.add(new OutputFiles.Named("--junit", o.junit));
        }
        OutputFiles.check(cmd, files, List.of());
        // each file's one line, in the order the files were given, whichever failed first
        SortedMap<Integer, String> fileErrors = Collections.synchronizedSortedMap(new TreeMap<>());
        List<Closeable> open = new ArrayList<>();
        if (o.output != null) { // whole after every run (report.CheckpointFile), in bounded memory
            JsonReporter file = JsonReporter.toFile(o.output, files.get(0).toString(), Version.line()).lineRate(o.lineRate());
            open.add(file);
            all.add(OutputFiles.guarded(files.get(0), file, e -> fileErrors.put(0, e)));
        }
        if (o.junit != null) {
            JUnitReporter junit = new JUnitReporter(o.junit, o.thresholds(), Version.line());
            open.add(junit);
            all.add(OutputFiles.guarded(files.get(files.size() - 1), junit, e -> fileErrors.put(1, e)));
        }
        ThresholdLines thresholds = null;
        if (o.thresholds().any()) {
            thresholds = new ThresholdLines(o.thresholds(), err);
            all.add(thresholds); // last: its lines come after the results
        }
        return new Reporting(all, thresholds, fileErrors, open);
    }

    /** What a command reports to: the listeners, the threshold judge (if any), the files, their errors. */
    static final class Reporting extends Tee {
        private final ThresholdLines thresholds;
        private final SortedMap<Integer, String> fileErrors;
        private final List<Closeable> files;
        private volatile SideResult firstFailed;

        Reporting(List<RunListener> all, ThresholdLines thresholds, SortedMap<Integer, String> fileErrors,
                List<Closeable> files) {
            super(all);
            this.thresholds = thresholds;
            this.fileErrors = fileErrors;
            this.files = files;
        }

        /** Any reporter alone (the C tool's mode): no files, no thresholds. */
        static Reporting of(RunListener only) {
            return new Reporting(List.of(only), null, new TreeMap<>(), List.of());
        }

        /**
         * The reporters take each run as it ends, so the series need not keep its runs: a week of --repeat or
         * of a server's runs stays in bounded memory (what the statistics need is kept as the runs end).
         */
        @Override
        public boolean keepsRuns() {
            return false;
        }

        @Override
        public void runEnded(RunResult r) {
            super.runEnded(r);
            if (firstFailed == null) {
                firstFailed = r.sides().stream().filter(SideResult::failed).findFirst().orElse(null);
            }
        }

        /** The first end of the series that failed, if one did (the one the stderr line names). */
        Optional<SideResult> firstFailed() {
            return Optional.ofNullable(firstFailed);
        }

        /** Closes the files; each was whole after its last write, so a failed close changes nothing. */
        void close() {
            for (Closeable c : files) {
                try {
                    c.close();
                } catch (IOException e) {
                    // the documents were forced to the disk as they were written
                }
            }
        }

        boolean thresholdMissed() {
            return thresholds != null && thresholds.missed();
        }

        /** The files that could not be written, one line each ("cannot write --output k.json: ..."). */
        List<String> fileErrors() {
            synchronized (fileErrors) {
                return List.copyOf(fileErrors.values());
            }
        }
    }

    static int execute(CommandLine cmd, Run run, RunListener reporter) throws IOException {
        return execute(cmd, run, reporter instanceof Reporting r ? r : Reporting.of(reporter));
    }

    /**
     * Runs it and says how it ended: exit 130/143 when stopped, 2 when it failed, 3 when it missed a threshold.
     * A run that cannot start (an engine or device that will not open) still tells the reporters it ended with
     * that error, so --output and --junit record it, before the error goes on to exit 2.
     */
    static int execute(CommandLine cmd, Run run, Reporting reporter) throws IOException {
        PrintWriter err = cmd.getErr();
        // the run's messages name settings (`parallel`): its reporters print them with this command line's flags
        RunListener listener = RunListener.named(run.serve() ? new ServeFilter(reporter) : reporter,
                SettingFlags::of);
        Results r;
        try {
            r = run.execute(listener);
        } catch (IOException | RuntimeException e) {
            listener.finished(Results.notStarted(run, Failures.oneLine(e)));
            reporter.fileErrors().forEach(f -> err.println("kttcp4j: " + f)); // the run's own error comes after
            throw e;
        } finally {
            reporter.close();
        }
        r.error().ifPresent(e -> err.println("kttcp4j: " + SettingFlags.named(e)));
        if (!run.serve()) {
            reporter.firstFailed().ifPresent(s -> err.println("kttcp4j: " + s.role().label() + (run.parallel() > 1 ? " stream "
                            + s.stream() : "") + " failed: " + (s.error() != null ? s.error() : "partial transfer, "
                            + s.transfer().bytes() + " of " + s.transfer().requested() + " bytes")));
        }
        r.stopped().ifPresent(s -> err.println("kttcp4j: stopped by " + SettingFlags.named(s) + (r.count() == 0 ? ""
                : " (" + r.count() + " run" + (r.count() == 1 ? "" : "s") + " reported)")));
        reporter.fileErrors().forEach(e -> err.println("kttcp4j: " + e));
        err.flush();
        cmd.getOut().flush();
        int code = Exits.of(r, reporter.thresholdMissed());
        // a file that is not whole fails the run's artifacts: a stop keeps its own status
        return !reporter.fileErrors().isEmpty() && (code == Exits.OK || code == Exits.THRESHOLD) ? Exits.FAILED : code;
    }

    /** Serving: a connection that came to nothing is logged as refused, not reported as a run. */
    private static final class ServeFilter extends Tee {
        private final RunListener inner;

        ServeFilter(RunListener inner) {
            super(List.of(inner));
            this.inner = inner;
        }

        private boolean anyRun;

        @Override
        public void runEnded(RunResult r) {
            if (StatusLines.cameToNothing(r)) {
                InetSocketAddress peer = r.sides().get(0).peer();
                inner.refused(peer, StatusLines.why(r));
            } else {
                anyRun = true;
                inner.runEnded(r);
            }
        }

        @Override
        public void finished(Results results) {
            if (!anyRun && results.error().isEmpty() && results.stopped().isEmpty()) {
                return;
            }
            inner.finished(results);
        }

        @Override
        public boolean keepsRuns() {
            return inner.keepsRuns();
        }
    }
}
