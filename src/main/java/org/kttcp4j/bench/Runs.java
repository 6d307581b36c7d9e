package org.kttcp4j.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.KttcpEngine;
import org.kttcp4j.engine.Progress;
import org.kttcp4j.measure.CpuTime;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Connection;
import org.kttcp4j.posix.Rusage;

/**
 * The shapes of run: send to a host, receive from whoever connects, and both ends in this process; each with
 * one or more parallel streams, forward or reversed. Every stream runs on its own thread; every wait is bounded
 * once the senders are done, and every connection is closed by the run that opened it.
 */
public final class Runs {
    /** How long receivers may take to see EOF once the senders are done, before they are aborted. */
    static final long RECEIVER_GRACE_SECONDS = 30;
    /** How long accepting the streams of a loopback run may take. */
    static final long ACCEPT_SECONDS = 30;

    private Runs() {}

    /** Opens what an engine needs before any socket is made, so a missing device fails first. */
    public static void prepare(Engine engine) throws IOException {
        if (engine instanceof KttcpEngine k) {
            k.open();
        }
    }

    /** Connects to the first address that accepts, as the C tool does with getaddrinfo's list. */
    public static Connection connect(Engine engine, List<InetSocketAddress> addresses) throws IOException {
        IOException last = null;
        for (InetSocketAddress a : addresses) {
            try {
                return engine.transport().connect(a);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** One end on a connection: the sender sends its share, the receiver drains to EOF (or a byte count). */
    static SideResult side(Role role, Engine engine, Connection c, RunSettings s, int stream, Budget receiveBudget,
            Progress progress) throws IOException {
        return role == Role.SENDER
                ? Sides.send(engine, c, s.senderBudget(stream), s.sockbuf(), progress)
                : Sides.receive(engine, c, receiveBudget, s.sockbuf(), s.rcvlowat(), progress);
    }

    /** The C tool's sender: one connection, one stream. */
    public static SideResult send(Engine engine, List<InetSocketAddress> to, RunSettings s, Consumer<Connection> connected)
            throws IOException {
        try (Connection c = connect(engine, to)) {
            connected.accept(c);
            return Sides.send(engine, c, s.senderBudget(), s.sockbuf(), Progress.NONE);
        }
    }

    /** The C tool's receiver: accept one connection and receive until the peer's EOF (or the byte count). */
    public static SideResult receive(Engine engine, Acceptor acceptor, Budget budget, int sockbuf,
            Consumer<Connection> accepted) throws IOException {
        try (Connection c = accept(acceptor)) {
            accepted.accept(c);
            return Sides.receive(engine, c, budget, sockbuf, Progress.NONE);
        }
    }

    static Connection accept(Acceptor acceptor) throws IOException {
        try (AutoCloseable hook = Interrupts.onInterrupt(acceptor::abort)) {
            return acceptor.accept();
        } catch (IOException e) {
            if (Interrupts.stopping()) {
                throw new IOException("stopped while waiting for a connection on port " + acceptor.local().getPort());
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The connecting process (send): opens the streams to host and plays settings.connectingRole() on them. */
    public static RunResult connecting(Engine engine, List<InetSocketAddress> to, RunSettings s, String kernel,
            IntervalMeter meter) throws IOException {
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < s.parallel(); i++) {
                conns.add(connect(engine, to));
            }
            return measured(s, "send", kernel, meter, s.connectingRole(),
                    () -> streams(s.connectingRole(), engine, conns, s, Budget.untilEof(), meter));
        } finally {
            conns.forEach(Connection::close);
        }
    }

    /** The accepting process (recv): takes settings.parallel() connections and plays the other role on them. */
    public static RunResult accepting(Engine engine, Acceptor acceptor, RunSettings s, Budget receiveBudget,
            String kernel, IntervalMeter meter) throws IOException {
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < s.parallel(); i++) {
                conns.add(accept(acceptor));
            }
            Role role = s.acceptingRole();
            return measured(s, "recv", kernel, meter, role,
                    () -> streams(role, engine, conns, s, receiveBudget, meter));
        } finally {
            conns.forEach(Connection::close);
        }
    }

    /** Sender and receiver in this process over loopback (or the address given), one thread per stream end. */
    public static RunResult loopback(RunSettings s, Engine tx, Engine rx, String kernel) throws IOException {
        return loopback(s, tx, rx, kernel, IntervalMeter.none(s.parallel()));
    }

    public static RunResult loopback(RunSettings s, Engine tx, Engine rx, String kernel, IntervalMeter meter)
            throws IOException {
        prepare(tx);
        prepare(rx);
        InetSocketAddress at = s.bind() != null
                ? s.family().resolve(s.bind(), s.port()).get(0) : s.family().loopback(s.port());
        // The accepting end listens with its own engine's transport: the receiver's, or the sender's reversed.
        Engine connectingEngine = s.reverse() ? rx : tx;
        Engine acceptingEngine = s.reverse() ? tx : rx;
        List<Connection> accepted = new ArrayList<>();
        List<Connection> connected = new ArrayList<>();
        try (Acceptor acceptor = acceptingEngine.transport().listen(at, Math.max(1, s.parallel()), false)) {
            FutureTask<Void> accepting = new FutureTask<>(() -> {
                for (int i = 0; i < s.parallel(); i++) {
                    accepted.add(accept(acceptor));
                }
                return null;
            });
            start(accepting, "kttcp4j-accept");
            try {
                for (int i = 0; i < s.parallel(); i++) {
                    connected.add(connectingEngine.transport().connect(acceptor.local()));
                }
            } catch (IOException | RuntimeException e) {
                acceptor.abort();
                throw e;
            }
            await(accepting, ACCEPT_SECONDS, acceptor::abort, "accepting the loopback connections");
            List<Connection> senders = s.reverse() ? accepted : connected;
            List<Connection> receivers = s.reverse() ? connected : accepted;
            return measured(s, "loopback", kernel, meter, Role.SENDER, () -> {
                FutureTask<List<SideResult>> receiving = new FutureTask<>(
                        () -> streams(Role.RECEIVER, rx, receivers, s, Budget.untilEof(), null));
                start(receiving, "kttcp4j-receivers");
                List<SideResult> sent;
                try {
                    sent = streams(Role.SENDER, tx, senders, s, null, meter);
                } catch (IOException | RuntimeException e) {
                    receivers.forEach(Connection::abort);
                    throw e;
                }
                List<SideResult> got = await(receiving, RECEIVER_GRACE_SECONDS,
                        () -> receivers.forEach(Connection::abort), "the receivers to see the senders' EOF");
                List<SideResult> all = new ArrayList<>(sent);
                all.addAll(got);
                return all;
            });
        } finally {
            accepted.forEach(Connection::close);
            connected.forEach(Connection::close);
        }
    }

    private interface Body {
        List<SideResult> run() throws IOException;
    }

    private static RunResult measured(RunSettings s, String mode, String kernel, IntervalMeter meter, Role metered,
            Body body) throws IOException {
        CpuTime cpu0 = Rusage.self();
        long t0 = System.nanoTime();
        meter.start();
        List<SideResult> sides;
        List<Interval> intervals;
        try {
            sides = body.run();
        } finally {
            intervals = meter.stop();
        }
        return new RunResult(s, mode, kernel, sides, metered, intervals, Rusage.self().minus(cpu0),
                System.nanoTime() - t0);
    }

    /**
     * Plays one role on each connection, each on its own thread, and waits for all. meter null: not metered.
     * A stream that fails aborts the others, so nothing waits on a peer that will never send.
     */
    static List<SideResult> streams(Role role, Engine engine, List<Connection> conns, RunSettings s,
            Budget receiveBudget, IntervalMeter meter) throws IOException {
        if (conns.size() == 1) {
            return List.of(side(role, engine, conns.get(0), s, 0, receiveBudget,
                    meter == null ? Progress.NONE : meter.stream(0)));
        }
        List<FutureTask<SideResult>> tasks = new ArrayList<>();
        for (int i = 0; i < conns.size(); i++) {
            int stream = i;
            FutureTask<SideResult> t = new FutureTask<>(() -> side(role, engine, conns.get(stream), s, stream,
                    receiveBudget, meter == null ? Progress.NONE : meter.stream(stream)));
            tasks.add(t);
            start(t, "kttcp4j-" + role.label() + "-" + i);
        }
        List<SideResult> out = new ArrayList<>();
        IOException failure = null;
        for (FutureTask<SideResult> t : tasks) {
            try {
                out.add(t.get());
            } catch (ExecutionException e) {
                conns.forEach(Connection::abort);
                failure = failure != null ? failure
                        : e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                conns.forEach(Connection::abort);
                throw new IOException("interrupted");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    private static void start(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits for a task; past the limit runs abort, then allows 5 s more before giving up with an error. */
    private static <T> T await(FutureTask<T> task, long seconds, Runnable abort, String what) throws IOException {
        try {
            try {
                return task.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                abort.run();
                return task.get(5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("gave up waiting for " + what + " after " + (seconds + 5) + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }
}
