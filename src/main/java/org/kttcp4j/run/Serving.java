package org.kttcp4j.run;

import java.io.IOException;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Connection;

/**
 * recv's serve: listens once and takes runs one after another through its {@link ServerDoor} (one run's streams
 * at a time, others refused at once) until stopped; the {@link Runner} runs one series per client.
 */
final class Serving<C extends Connection> implements Topology {
    private final Run run;
    private final Engine<C> engine;
    private final Acceptor<C> acceptor;
    private final ServerDoor<C> door;
    private final RunListener listener;

    private Serving(Run run, Engine<C> engine, Acceptor<C> acceptor, RunListener listener) {
        this.run = run;
        this.engine = engine;
        this.acceptor = acceptor;
        this.listener = listener;
        this.door = new ServerDoor<>(acceptor, run.streams(), run.allow(), listener);
    }

    static <C extends Connection> Serving<C> listen(Run run, Engine<C> engine, RunListener listener)
            throws IOException {
        Acceptor<C> acceptor = Accepting.listening(run, engine, listener);
        try {
            return new Serving<>(run, engine, acceptor, listener);
        } catch (RuntimeException e) {
            acceptor.close();
            throw e;
        }
    }

    @Override
    public RunResult run(Trial trial) throws IOException {
        return trial.result(Accepting.accepted(run, trial, engine,
                (wait, what) -> door.take(wait, trial.control, what), door, listener));
    }

    /** A server goes on after a failed run, but not after its listening socket failed. */
    static boolean canGoOn(Results r) {
        return r.stopped().isEmpty() && Signals.received() == null && !r.outcome().listenerFailed();
    }

    @Override
    public void close() {
        try {
            door.close();
        } finally {
            acceptor.close();
        }
    }
}
