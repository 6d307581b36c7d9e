package org.kttcp4j.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.posix.ErrnoException;

/**
 * Executes a {@link Run}: makes and prepares its engines (kttcp opens its device before any socket), chooses its
 * {@link Topology} (one-process or two-process loopback, connecting, accepting, serving), and runs
 * the series over it, repeat x sockbufs, telling the listener each step, with the statistics of each size; how the series
 * ended is its {@link Outcome}.
 */
final class Runner {
    private final Run run;

    Runner(Run run) {
        this.run = run;
    }

    Results execute(RunListener listener) throws IOException {
        EngineConfig cfg = run.engineConfig();
        if (run.processes() == 2) {
            try (Topology two = TwoProcessLoopback.start(run, cfg, listener)) {
                return series(listener, two);
            }
        }
        boolean two = run.mode() == Mode.LOOPBACK && run.receiverEngineKind() != run.engineKind();
        try (Engine<?> local = Engines.create(run.engineKind(), cfg);
                Engine<?> other = two ? Engines.create(run.receiverEngineKind(), cfg) : null) {
            Engine<?> rx = other != null ? other : local;
            if (!run.tcpOptions().isNone()) {
                local.transport().options(run.tcpOptions());
                rx.transport().options(run.tcpOptions());
            }
            local.prepare();
            rx.prepare();
            listener.started(run, local.describe());
            switch (run.mode()) {
                case LOOPBACK:
                    return series(listener, OneProcessLoopback.of(run, local, rx));
                case CONNECT:
                    return series(listener, Connecting.of(run, local, listener));
                default:
                    break;
            }
            if (!run.serve()) {
                try (Topology accepting = Accepting.listen(run, local, listener)) {
                    return series(listener, accepting);
                }
            }
            try (Topology serving = Serving.listen(run, local, listener)) {
                Results last;
                do {
                    last = series(listener, serving); // one series per client, until stopped
                } while (Serving.canGoOn(last));
                return last;
            }
        }
    }

    /**
     * The repeat x sweep loop and its statistics: the one place a series is run. Each run goes to the listener as
     * it ends; the series keeps every run only when the listener asks ({@link RunListener#keepsRuns}), else its
     * last, the statistics' inputs and its first failure.
     */
    Results series(RunListener listener, Topology topology) {
        boolean keep = listener.keepsRuns();
        List<RunResult> kept = new ArrayList<>();
        int count = 0;
        List<SummaryRow> rows = new ArrayList<>();
        Outcome failedRun = null; // the first run that failed, while the series goes on
        Outcome ended = null; // a stop or a failure that ends the series early
        for (int size : run.sockbufs()) {
            SummaryRow.Tally tally = new SummaryRow.Tally(size);
            for (int i = 1; i <= run.repeat() && ended == null; i++) {
                if (Signals.received() != null) {
                    ended = bySignal(Signals.received());
                    break;
                }
                try {
                    RunResult r = single(listener, topology, size, i);
                    tally.add(r);
                    if (!keep) {
                        kept.clear();
                    }
                    kept.add(r);
                    count++;
                    failedRun = failedRun != null ? failedRun : failure(r);
                    listener.runEnded(r);
                    if (r.stopped().isPresent() && Signals.received() != null) {
                        ended = bySignal(Signals.received());
                    }
                } catch (RunEnded e) {
                    // "SIGTERM while waiting for a connection on port 22222"; "no connection from ... (while ...)"
                    ended = e.stopped ? new Outcome.Stopped(stopOf(), e.getMessage())
                            : new Outcome.Failed(Outcome.Failure.ENDED, e.getMessage());
                } catch (IOException | RuntimeException e) {
                    ended = new Outcome.Failed(kindOf(e), Failures.oneLine(e));
                }
            }
            // the statistics of the runs that finished, also when a signal or an error ends the series here
            if (run.series()) {
                SummaryRow row = tally.row();
                if (row != null) {
                    rows.add(row);
                }
            }
            if (ended != null) {
                break;
            }
        }
        if (run.series()) {
            listener.summary(List.copyOf(rows));
        }
        Outcome outcome = ended != null ? ended : failedRun != null ? failedRun : Outcome.COMPLETED;
        Results results = new Results(run, kept, count, rows, outcome);
        listener.finished(results);
        return results;
    }

    /** A run that failed as its series' failure (the first end that failed, as the command line says it), or null. */
    private Outcome failure(RunResult r) {
        return r.sides().stream().filter(SideResult::failed).findFirst()
                .<Outcome>map(s -> new Outcome.Failed(Outcome.Failure.RUN, s.role().label() + (run.parallel() > 1
                        ? " stream " + s.stream() : "") + " failed: " + (s.error() != null ? s.error()
                        : "partial transfer, " + s.transfer().bytes() + " of " + s.transfer().requested() + " bytes")))
                .orElse(null);
    }

    private static Outcome bySignal(String signal) {
        return new Outcome.Stopped(Outcome.Stop.of(signal), signal);
    }

    /** What stopped a run's control: a signal when one came, else a cap. */
    private static Outcome.Stop stopOf() {
        return Signals.received() != null ? Outcome.Stop.of(Signals.received()) : Outcome.Stop.CAP;
    }

    /** The listening socket's own failure (its accept call's errno) ends a server; anything else ends this series. */
    private static Outcome.Failure kindOf(Throwable e) {
        return e instanceof ErrnoException x && "accept".equals(x.call()) ? Outcome.Failure.LISTENER
                : Outcome.Failure.ENDED;
    }

    private RunResult single(RunListener listener, Topology topology, int size, int index) throws IOException {
        Control control = new Control();
        try (var signals = Signals.watch(control)) {
            IntervalMeter meter = new IntervalMeter(run.streams(), run.bidir() ? run.parallel() : run.streams(),
                    run.interval(), run.idleTimeout(), listener, control, idleHint());
            meter.omit(run.omit());
            listener.runStarted(run, size, index);
            try {
                return topology.run(new Trial(run, size, index, control, meter));
            } finally {
                meter.stop(); // a run that threw: its timers end here
            }
        }
    }

    /** What a stream that moves nothing most likely means, from this end's point of view. */
    private String idleHint() {
        return run.mode() == Mode.LOOPBACK ? "the kernel is not moving bytes on this connection"
                : "the other end runs with another " + Setting.PARALLEL.ref() + " or " + Setting.REVERSE.ref()
                        + ", or has stopped";
    }
}
