package org.kttcp4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.kttcp4j.report.JsonReporter;
import org.kttcp4j.report.JsonStreamReporter;
import org.kttcp4j.report.Tee;
import org.kttcp4j.report.TextReporter;
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

    /** Builds the Run from what the command's options put in the builder; their errors are usage errors. */
    static <T> T build(CommandLine cmd, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage(), e);
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

    /** The reporter the output options ask for, with the progress line and the receiver's status lines. */
    static RunListener reporter(OutputOptions o, PrintWriter out, PrintWriter err) {
        RunListener main = o.json() ? new JsonReporter(out, Version.line())
                : o.jsonStream() ? new JsonStreamReporter(out, Version.line())
                : new TextReporter(out);
        List<RunListener> all = new ArrayList<>();
        if (ProgressLine.wanted(o.quiet, o.json() || o.jsonStream())) {
            all.add(new ProgressLine(err)); // first: it clears its line before the others print
        }
        all.add(new StatusLines(err));
        all.add(main);
        return new Tee(all);
    }

    static int execute(CommandLine cmd, Run run, RunListener reporter) throws IOException {
        PrintWriter err = cmd.getErr();
        RunListener listener = run.serve() ? new ServeFilter(reporter) : reporter;
        Results r = run.execute(listener);
        r.error().ifPresent(e -> err.println("kttcp4j: " + e));
        if (!run.serve()) {
            r.runs().stream().flatMap(x -> x.sides().stream()).filter(SideResult::failed).findFirst()
                    .ifPresent(s -> err.println("kttcp4j: " + s.role().label() + (run.parallel() > 1 ? " stream "
                            + s.stream() : "") + " failed: " + (s.error() != null ? s.error() : "partial transfer, "
                            + s.transfer().bytes() + " of " + s.transfer().requested() + " bytes")));
        }
        r.stopped().ifPresent(s -> err.println("kttcp4j: stopped by " + s + (r.runs().isEmpty() ? ""
                : " (" + r.runs().size() + " run" + (r.runs().size() == 1 ? "" : "s") + " reported)")));
        err.flush();
        cmd.getOut().flush();
        return Exits.of(r);
    }

    /** Serving: a connection that came to nothing is logged as refused, not reported as a run. */
    private static final class ServeFilter extends Tee {
        private final RunListener inner;

        ServeFilter(RunListener inner) {
            super(List.of(inner));
            this.inner = inner;
        }

        @Override
        public void runEnded(RunResult r) {
            if (StatusLines.cameToNothing(r)) {
                InetSocketAddress peer = r.sides().get(0).peer();
                inner.refused(peer, StatusLines.why(r));
            } else {
                inner.runEnded(r);
            }
        }

        @Override
        public void finished(Results results) {
            if (results.runs().stream().allMatch(StatusLines::cameToNothing) && results.error().isEmpty()
                    && results.stopped().isEmpty()) {
                return;
            }
            inner.finished(results);
        }
    }
}
