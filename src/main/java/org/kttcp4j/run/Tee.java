package org.kttcp4j.run;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Several listeners told the same events in order: the chosen reporter and the JSON file, say (the command line
 * tees its reporters; the JUnit extension its JSON file and the runs it keeps). Internal: not part of the API.
 */
public class Tee implements RunListener {
    private final List<RunListener> all;

    public Tee(List<RunListener> all) {
        this.all = List.copyOf(all);
    }

    @Override public void started(Run run, String d) { all.forEach(l -> l.started(run, d)); }
    @Override public void listening(InetSocketAddress local) { all.forEach(l -> l.listening(local)); }
    @Override public void waiting(String what) { all.forEach(l -> l.waiting(what)); }
    @Override public void connected(Role role, InetSocketAddress peer) { all.forEach(l -> l.connected(role, peer)); }
    @Override public void runStarted(Run run, int sockbuf, int index) { all.forEach(l -> l.runStarted(run, sockbuf, index)); }
    @Override public void interval(Interval in) { all.forEach(l -> l.interval(in)); }
    @Override public void progress(long[] totals, double seconds) { all.forEach(l -> l.progress(totals, seconds)); }
    @Override public void runEnded(RunResult r) { all.forEach(l -> l.runEnded(r)); }
    @Override public void summary(List<SummaryRow> rows) { all.forEach(l -> l.summary(rows)); }
    @Override public void refused(InetSocketAddress peer, String reason) { all.forEach(l -> l.refused(peer, reason)); }
    @Override public void finished(Results results) { all.forEach(l -> l.finished(results)); }
}
