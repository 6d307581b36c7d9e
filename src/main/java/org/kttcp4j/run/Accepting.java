package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Family;

/**
 * The accepting end (recv, and the child of a loopback in two processes): listens once, for the whole series;
 * each run accepts its streams there (a peer outside allow is refused and closed, never a run) and plays its end
 * of each. {@link Serving} takes its connections through a door instead.
 */
final class Accepting<C extends Connection> implements Topology {
    private final Run run;
    private final Engine<C> engine;
    private final Acceptor<C> acceptor;
    private final RunListener listener;

    private Accepting(Run run, Engine<C> engine, Acceptor<C> acceptor, RunListener listener) {
        this.run = run;
        this.engine = engine;
        this.acceptor = acceptor;
        this.listener = listener;
    }

    /** Listens (the listener is told where) for a run that accepts its streams one run at a time. */
    static <C extends Connection> Accepting<C> listen(Run run, Engine<C> engine, RunListener listener)
            throws IOException {
        Acceptor<C> acceptor = listening(run, engine, listener);
        return new Accepting<>(run, engine, acceptor, listener);
    }

    /** The listening socket of an accepting run: its bind address or the wildcard, on its port. */
    static <C extends Connection> Acceptor<C> listening(Run run, Engine<C> engine, RunListener listener)
            throws IOException {
        InetSocketAddress at = run.bind() != null ? run.family().resolve(run.bind(), run.port()).get(0)
                : run.family().wildcard(run.port());
        Acceptor<C> acceptor = engine.transport().listen(at, run.backlog(), run.family() == Family.V6);
        try {
            listener.listening(acceptor.local());
        } catch (RuntimeException e) {
            acceptor.close();
            throw e;
        }
        return acceptor;
    }

    @Override
    public RunResult run(Trial trial) throws IOException {
        Control control = trial.control;
        return trial.result(accepted(run, trial, engine, (wait, what) -> {
            C c = Streams.accept(acceptor, control, wait, what);
            String refusal = Streams.refusal(run.allow(), c.peer());
            if (refusal != null) {
                listener.refused(c.peer(), refusal);
                c.close();
                return null;
            }
            return c;
        }, null, listener));
    }

    @Override
    public void close() {
        acceptor.close();
    }

    /** Where an accepting run's connections come from: the listening socket, or a server's door. */
    interface Source<C extends Connection> {
        /** The next connection, or null when one came and was refused. */
        C next(Duration wait, String what) throws IOException;
    }

    /**
     * One accepting run: its streams from source (the first may wait for its sender as long as the run would
     * last, forever without a time; the others come right after it from the same sender), then this process's
     * end of each. A door's slots are freed as each transfer ends, and all of them before the connections close.
     */
    static <C extends Connection> List<SideResult> accepted(Run run, Trial trial, Engine<C> engine, Source<C> source,
            ServerDoor<C> door, RunListener listener) throws IOException {
        List<C> conns = new ArrayList<>();
        try {
            Duration first = run.serve() || run.time() == null ? null : run.time().plus(run.connectTimeout());
            while (conns.size() < run.streams()) {
                Duration wait = conns.isEmpty() ? first : run.connectTimeout();
                String what = conns.isEmpty() ? "a sender" : "stream " + (conns.size() + 1) + " of " + run.streams()
                        + " (the sender runs with another " + Setting.PARALLEL.ref()
                        + (run.bidir() ? ", or without " + Setting.BIDIR.ref() + "?)" : "?)");
                C c = source.next(wait, what);
                if (c != null) {
                    conns.add(c);
                    listener.connected(run.meteredRole(conns.size()), c.peer());
                }
            }
            return Streams.playAll(run, trial, engine, conns, door == null ? i -> {} : i -> door.release(conns.get(i)));
        } finally {
            if (door != null) {
                door.releaseAll(conns); // before they close: the sender's next run finds the door open
            }
            conns.forEach(Connection::close);
        }
    }
}
