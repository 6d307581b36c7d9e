package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Connection;

/**
 * Loopback in one process: each run listens on loopback (the bind address when given), connects its streams to
 * itself and plays both ends of each, the accepting side with its own engine's transport (the receiver's, or the
 * sender's with reverse). The connections are the run's own, closed on every path.
 */
final class OneProcessLoopback<A extends Connection, C extends Connection> implements Topology {
    private final Run run;
    private final Engine<A> accepting;
    private final Engine<C> connecting;

    private OneProcessLoopback(Run run, Engine<A> accepting, Engine<C> connecting) {
        this.run = run;
        this.accepting = accepting;
        this.connecting = connecting;
    }

    /** tx sends, rx receives; the accepting side is rx's (tx's with reverse). */
    static Topology of(Run run, Engine<?> tx, Engine<?> rx) {
        return run.reverse() ? make(run, tx, rx) : make(run, rx, tx);
    }

    private static <A extends Connection, C extends Connection> Topology make(Run run, Engine<A> accepting,
            Engine<C> connecting) {
        return new OneProcessLoopback<>(run, accepting, connecting);
    }

    @Override
    public RunResult run(Trial trial) throws IOException {
        Control control = trial.control;
        InetSocketAddress at = run.bind() != null ? run.family().resolve(run.bind(), run.port()).get(0)
                : run.family().loopback(run.port());
        List<A> accepted = new ArrayList<>();
        List<C> connected = new ArrayList<>();
        try (Acceptor<A> acceptor = accepting.transport().listen(at, run.backlog(), false);
                Streams streams = new Streams(run, trial)) {
            Future<?> accepts = streams.submit("kttcp4j-accept", () -> {
                for (int i = 0; i < run.streams(); i++) {
                    accepted.add(Streams.accept(acceptor, control, run.connectTimeout(),
                            "this process's own connect"));
                }
                return null;
            });
            try {
                for (int i = 0; i < run.streams(); i++) {
                    connected.add(connecting.transport().connect(acceptor.local(), null, run.connectTimeout(),
                            control));
                }
            } catch (IOException | RuntimeException e) {
                control.fail(Failures.oneLine(e)); // ends the accepting thread too
                try {
                    streams.join(accepts, "the accepting thread");
                } catch (IOException ignored) {
                    // the connect's error is the one to report
                }
                throw e;
            }
            streams.join(accepts, "accepting the loopback connections");
            streams.startMeter();
            for (int i = 0; i < run.streams(); i++) {
                // the connecting end sends unless reverse, or on bidir's reverse direction; the sender is metered
                Role connectingRole = run.reverse() || run.reverseDirection(i + 1) ? Role.RECEIVER : Role.SENDER;
                streams.end(connectingRole.other(), i, accepting, accepted.get(i),
                        connectingRole.other() == Role.SENDER, () -> {});
                streams.end(connectingRole, i, connecting, connected.get(i), connectingRole == Role.SENDER,
                        () -> {});
            }
            return trial.result(streams.joinAll());
        } finally {
            accepted.forEach(Connection::close);
            connected.forEach(Connection::close);
        }
    }
}
