package org.kttcp4j.run;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;

/** {@link RunListener#named}: the events passed on with each message's settings written by the caller's names. */
final class NamedListener implements RunListener {
    private final RunListener inner;
    private final Function<Setting, String> names;

    NamedListener(RunListener inner, Function<Setting, String> names) {
        this.inner = inner;
        this.names = names;
    }

    private String name(String text) {
        return Setting.named(text, names);
    }

    private RunResult name(RunResult r) {
        List<SideResult> sides = r.sides().stream().map(s -> s.error() == null && s.stopped() == null ? s
                : s.withEnding(name(s.error()), name(s.stopped()))).toList();
        return new RunResult(r.run(), r.sockbuf(), r.index(), r.started(), sides, r.intervals(), r.cpu(),
                r.wallNanos(), r.peerPid(), r.peerCpu());
    }

    private Outcome name(Outcome o) {
        if (o instanceof Outcome.Stopped s) {
            return new Outcome.Stopped(s.by(), name(s.message()));
        }
        if (o instanceof Outcome.Failed f) {
            return new Outcome.Failed(f.kind(), name(f.cause()));
        }
        return o;
    }

    @Override
    public void started(Run run, String engineDescription) {
        inner.started(run, engineDescription);
    }

    @Override
    public void listening(InetSocketAddress local) {
        inner.listening(local);
    }

    @Override
    public void waiting(String what) {
        inner.waiting(name(what));
    }

    @Override
    public void connected(Role role, InetSocketAddress peer) {
        inner.connected(role, peer);
    }

    @Override
    public void runStarted(Run run, int sockbuf, int index) {
        inner.runStarted(run, sockbuf, index);
    }

    @Override
    public void interval(Interval interval) {
        inner.interval(interval);
    }

    @Override
    public void progress(long[] totals, double seconds) {
        inner.progress(totals, seconds);
    }

    @Override
    public void runEnded(RunResult result) {
        inner.runEnded(name(result));
    }

    @Override
    public void summary(List<SummaryRow> rows) {
        inner.summary(rows);
    }

    @Override
    public void refused(InetSocketAddress peer, String reason) {
        inner.refused(peer, name(reason));
    }

    @Override
    public void finished(Results results) {
        inner.finished(new Results(results.run(), results.runs().stream().map(this::name).toList(), results.count(),
                results.summary(), name(results.outcome())));
    }

    @Override
    public boolean keepsRuns() {
        return inner.keepsRuns();
    }
}
