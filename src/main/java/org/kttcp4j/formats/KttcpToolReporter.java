package org.kttcp4j.formats;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;

/**
 * The C kttcp tool's stdout, line for line (pkgsrc benchmarks/kttcp/files/kttcp.c rev 1.5): the socket buffer
 * size, the connection line, the result lines. What the C tool does not print goes to stderr: the engine that
 * ran, and the error that ended a run.
 */
public final class KttcpToolReporter implements RunListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    public KttcpToolReporter(PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void started(Run run, String engineDescription) {
        err.println("kttcp4j: engine " + run.engine() + " (" + engineDescription + ")");
        err.flush();
        KttcpToolFormat.socketBufferSize(out, run.sockbufs().get(0));
        out.flush();
    }

    @Override
    public void listening(InetSocketAddress local) {
        if (quiet) {
            err.println("kttcp4j: listening on port " + local.getPort()); // stdout stays quiet; scripts may wait for this
            err.flush();
        } else {
            KttcpToolFormat.listening(out, Integer.toString(local.getPort()));
            out.flush();
        }
    }

    @Override
    public void connected(Role role, InetSocketAddress peer) {
        if (quiet) {
            return;
        }
        if (role == Role.SENDER) {
            KttcpToolFormat.connectedTo(out, Hosts.numeric(peer.getAddress()));
        } else {
            KttcpToolFormat.connectFrom(out, Hosts.numeric(peer.getAddress()));
        }
        out.flush();
    }

    @Override
    public void runEnded(RunResult r) {
        SideResult end = r.sides().get(0);
        KttcpToolFormat.result(out, end.transfer(), verbose);
        out.flush();
    }
}
