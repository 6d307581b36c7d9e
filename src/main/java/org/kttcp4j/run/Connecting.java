package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Hosts;

/**
 * The connecting end (send, and the parent of a loopback in two processes): each run opens its streams to the
 * host one after another (so the accepting end takes them in this order: bidir's directions depend on it) and
 * plays its end of each. The connections are the run's own, closed on every path.
 */
final class Connecting<C extends Connection> implements Topology {
    private final Run run;
    private final Engine<C> engine;
    private final List<InetSocketAddress> to;
    private final InetSocketAddress from;
    private final RunListener listener;

    private Connecting(Run run, Engine<C> engine, List<InetSocketAddress> to, InetSocketAddress from,
            RunListener listener) {
        this.run = run;
        this.engine = engine;
        this.to = List.copyOf(to);
        this.from = from;
        this.listener = listener;
    }

    /** To the first of to that answers (the C tool's getaddrinfo loop), from a local address or null. */
    static <C extends Connection> Connecting<C> of(Run run, Engine<C> engine, List<InetSocketAddress> to,
            InetSocketAddress from, RunListener listener) {
        return new Connecting<>(run, engine, to, from, listener);
    }

    /** To run's host and port, from its bind address. */
    static Topology of(Run run, Engine<?> engine, RunListener listener) throws IOException {
        List<InetSocketAddress> to = run.family().resolve(run.host(), run.port());
        InetSocketAddress from = run.bind() != null ? run.family().resolve(run.bind(), 0).get(0) : null;
        return of(run, engine, to, from, listener);
    }

    @Override
    public RunResult run(Trial trial) throws IOException {
        return trial.result(sides(trial));
    }

    /** This process's ends of one run. */
    List<SideResult> sides(Trial trial) throws IOException {
        List<C> conns = new ArrayList<>();
        try {
            for (int i = 0; i < run.streams(); i++) {
                C c = connect(trial.control);
                conns.add(c);
                listener.connected(run.meteredRole(i + 1), c.peer());
            }
            return Streams.playAll(run, trial, engine, conns, i -> {});
        } finally {
            conns.forEach(Connection::close);
        }
    }

    /** Connects to the first address that answers, as the C tool does with getaddrinfo's list. */
    private C connect(Control control) throws IOException {
        IOException last = null;
        for (InetSocketAddress a : to) {
            listener.waiting("connecting to " + Hosts.endpoint(a));
            try {
                return engine.transport().connect(a, from, run.connectTimeout(), control);
            } catch (IOException e) {
                if (control.ended()) {
                    throw RunEnded.of(control, "while connecting to " + Hosts.endpoint(a));
                }
                last = e;
            }
        }
        throw last;
    }
}
