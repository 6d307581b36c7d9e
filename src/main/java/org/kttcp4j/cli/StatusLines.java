package org.kttcp4j.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;

/**
 * What a receiver says on stderr, apart from its results on stdout: that it listens (scripts wait for this
 * line), and, serving, one line for each connection refused or closed without a run.
 */
final class StatusLines implements RunListener {
    private final PrintWriter err;
    private String engine;

    StatusLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(Run run, String engineDescription) {
        engine = run.engine();
    }

    @Override
    public void listening(InetSocketAddress local) {
        err.println("kttcp4j: listening on " + Hosts.endpoint(local) + ", engine " + engine);
        err.flush();
    }

    @Override
    public void refused(InetSocketAddress peer, String reason) {
        err.println("kttcp4j: closed the connection from " + Hosts.endpoint(peer) + ": " + reason);
        err.flush();
    }

    /**
     * Serving: a run that failed before {@link #SOMETHING} arrived (nothing, or a probe's few bytes and then
     * silence until --idle-timeout) is a connection that came to nothing, not a run.
     */
    static boolean cameToNothing(RunResult r) {
        return r.run().serve() && r.stopped().isEmpty()
                && r.sides().stream().allMatch(s -> s.transfer().bytes() < SOMETHING && s.error() != null);
    }

    /** Fewer bytes than any sender's first write (kttcp4j's, the C tool's, nc's) puts on the wire at once. */
    static final long SOMETHING = 1024;

    static String why(RunResult r) {
        return r.sides().stream().map(SideResult::error).findFirst().orElse("no data");
    }
}
