package org.kttcp4j.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.measure.Budget;
import org.kttcp4j.measure.PartialTransferException;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Acceptor;
import org.kttcp4j.net.Cidr;
import org.kttcp4j.net.Connection;
import org.kttcp4j.net.Durations;
import org.kttcp4j.net.Hosts;
import org.kttcp4j.net.Watchdog;
import org.kttcp4j.posix.CpuTime;

/**
 * The three shapes of one run (loopback, connecting, accepting) on typed connections: each engine drives the
 * connections its own transport made. Every stream end runs on its own thread; every connection is closed by
 * the run that opened it, on every path.
 */
final class Streams {
    /** How long stream threads may take to end once their run was aborted. */
    static final Duration AFTER_ABORT = Duration.ofSeconds(10);

    private Streams() {}

    /** Both ends here: listen on loopback, connect the streams, one thread per stream end. */
    static List<SideResult> loopback(Run run, int sockbuf, Engine<?> tx, Engine<?> rx, Control control,
            IntervalMeter meter, RunListener listener) throws IOException {
        // the accepting side listens with its own engine's transport: the receiver's, or the sender's reversed
        Engine<?> accepting = run.reverse() ? tx : rx;
        Engine<?> connecting = run.reverse() ? rx : tx;
        InetSocketAddress at = run.bind() != null ? run.family().resolve(run.bind(), run.port()).get(0)
                : run.family().loopback(run.port());
        return loopback(run, sockbuf, accepting, connecting, at, control, meter);
    }

    private static <A extends Connection, C extends Connection> List<SideResult> loopback(Run run, int sockbuf,
            Engine<A> accepting, Engine<C> connecting, InetSocketAddress at, Control control, IntervalMeter meter)
            throws IOException {
        List<A> accepted = new ArrayList<>();
        List<C> connected = new ArrayList<>();
        try (Acceptor<A> acceptor = accepting.transport().listen(at, run.backlog(), false)) {
            FutureTask<Void> accepts = new FutureTask<>(() -> {
                for (int i = 0; i < run.streams(); i++) {
                    accepted.add(accept(acceptor, control, run.connectTimeout(), "this process's own connect"));
                }
                return null;
            });
            start(accepts, "kttcp4j-accept");
            try {
                for (int i = 0; i < run.streams(); i++) {
                    connected.add(connecting.transport().connect(acceptor.local(), null, run.connectTimeout(),
                            control));
                }
            } catch (IOException | RuntimeException e) {
                control.fail(Failures.oneLine(e)); // ends the accepting thread too
                try {
                    join(accepts, control, "the accepting thread");
                } catch (IOException ignored) {
                    // the connect's error is the one to report
                }
                throw e;
            }
            join(accepts, control, "accepting the loopback connections");
            List<FutureTask<SideResult>> ends = new ArrayList<>();
            meter.start();
            for (int i = 0; i < run.streams(); i++) {
                // the connecting end sends unless --reverse, or on --bidir's reverse direction; the sender is metered
                Role connectingRole = run.reverse() || run.reverseDirection(i + 1) ? Role.RECEIVER : Role.SENDER;
                ends.add(end(run, connectingRole.other(), i, accepting, accepted.get(i), sockbuf, control, meter,
                        connectingRole.other() == Role.SENDER));
                ends.add(end(run, connectingRole, i, connecting, connected.get(i), sockbuf, control, meter,
                        connectingRole == Role.SENDER));
            }
            return joinAll(ends, control);
        } finally {
            accepted.forEach(Connection::close);
            connected.forEach(Connection::close);
        }
    }

    /** The connecting process: opens the streams to the host and plays its end on each. */
    static <C extends Connection> List<SideResult> connecting(Run run, int sockbuf, Engine<C> engine,
            List<InetSocketAddress> to, InetSocketAddress from, Control control, IntervalMeter meter,
            RunListener listener) throws IOException {
        List<C> conns = new ArrayList<>();
        try {
            // one after another, so the accepting end takes them in this order (--bidir's directions depend on it)
            for (int i = 0; i < run.streams(); i++) {
                C c = connect(engine, to, from, run, control, listener);
                conns.add(c);
                listener.connected(run.meteredRole(i + 1), c.peer());
            }
            return playAll(run, engine, conns, sockbuf, control, meter);
        } finally {
            conns.forEach(Connection::close);
        }
    }

    /** Connects to the first address that answers, as the C tool does with getaddrinfo's list. */
    private static <C extends Connection> C connect(Engine<C> engine, List<InetSocketAddress> to,
            InetSocketAddress from, Run run, Control control, RunListener listener) throws IOException {
        IOException last = null;
        for (InetSocketAddress a : to) {
            listener.waiting("connecting to " + Hosts.endpoint(a));
            try {
                return engine.transport().connect(a, from, run.connectTimeout(), control);
            } catch (IOException e) {
                if (control.ended()) {
                    throw ended(control, "while connecting to " + Hosts.endpoint(a));
                }
                last = e;
            }
        }
        throw last;
    }

    /**
     * The accepting process: listens once, then runs a series (or, serving, one series per client) on the
     * connections it accepts, until stopped.
     */
    static <C extends Connection> Results accepting(Run run, Engine<C> engine, RunListener listener)
            throws IOException {
        InetSocketAddress at = run.bind() != null ? run.family().resolve(run.bind(), run.port()).get(0)
                : run.family().wildcard(run.port());
        try (Acceptor<C> acceptor = engine.transport().listen(at, run.backlog(),
                run.family() == org.kttcp4j.net.Family.V6)) {
            listener.listening(acceptor.local());
            Results last;
            do {
                last = run.series(listener, (size, control, meter) -> accepted(run, size, engine, acceptor, control,
                        meter, listener));
            } while (run.serve() && last.stopped().isEmpty() && Signals.received() == null && serverCanGoOn(last));
            return last;
        }
    }

    /** A server goes on after a failed run, but not after its listening socket failed. */
    private static boolean serverCanGoOn(Results r) {
        return !r.outcome().listenerFailed();
    }

    private static <C extends Connection> List<SideResult> accepted(Run run, int sockbuf, Engine<C> engine,
            Acceptor<C> acceptor, Control control, IntervalMeter meter, RunListener listener) throws IOException {
        List<C> conns = new ArrayList<>();
        try {
            // the first stream may wait for its sender as long as the run would last (forever without --time);
            // the others come right after it from the same sender
            Duration first = run.serve() || run.time() == null ? null : run.time().plus(run.connectTimeout());
            while (conns.size() < run.streams()) {
                Duration wait = conns.isEmpty() ? first : run.connectTimeout();
                String what = conns.isEmpty() ? "a sender" : "stream " + (conns.size() + 1) + " of " + run.streams()
                        + " (the sender runs with another --parallel" + (run.bidir() ? ", or without --bidir?)" : "?)");
                C c = accept(acceptor, control, wait, what);
                String refusal = refusal(run.allow(), c.peer());
                if (refusal != null) {
                    listener.refused(c.peer(), refusal);
                    c.close();
                    continue;
                }
                conns.add(c);
                listener.connected(run.meteredRole(conns.size()), c.peer());
            }
            return playAll(run, engine, conns, sockbuf, control, meter);
        } finally {
            conns.forEach(Connection::close);
        }
    }

    /**
     * This process's end of every connection (one role, or with --bidir the role of each stream's direction), each
     * on its own thread, metered; waits for all.
     */
    private static <C extends Connection> List<SideResult> playAll(Run run, Engine<C> engine, List<C> conns,
            int sockbuf, Control control, IntervalMeter meter) throws IOException {
        List<FutureTask<SideResult>> ends = new ArrayList<>();
        meter.start();
        for (int i = 0; i < conns.size(); i++) {
            ends.add(end(run, run.meteredRole(i + 1), i, engine, conns.get(i), sockbuf, control, meter, true));
        }
        return joinAll(ends, control);
    }

    private static String refusal(List<Cidr> allow, InetSocketAddress peer) {
        if (allow.isEmpty() || allow.stream().anyMatch(c -> c.contains(peer.getAddress()))) {
            return null;
        }
        return "not in --allow " + allow;
    }

    /** Accepts one connection; wait null waits until a connection comes or the run is stopped. */
    private static <C extends Connection> C accept(Acceptor<C> acceptor, Control control, Duration wait,
            String what) throws IOException {
        try (Watchdog.Armed a = control.register(acceptor::abort);
                Watchdog.Armed w = wait == null ? () -> {} : Watchdog.arm(wait, () -> control.fail("no connection"
                        + " from " + what + " in " + Durations.text(wait) + " on " + Hosts.endpoint(acceptor.local())))) {
            return acceptor.accept();
        } catch (IOException e) {
            if (control.ended()) {
                throw ended(control, "while waiting for a connection on port " + acceptor.local().getPort());
            }
            throw e;
        }
    }

    private static Run.RunEnded ended(Control control, String where) {
        return control.stopped() != null
                ? new Run.RunEnded(control.stopped() + " " + where, true)
                : new Run.RunEnded(control.failure() + " (" + where + ")", false);
    }

    /** Starts one stream end on its own thread. */
    private static <C extends Connection> FutureTask<SideResult> end(Run run, Role role, int stream, Engine<C> engine,
            C c, int sockbuf, Control control, IntervalMeter meter, boolean metered) {
        boolean sampled = metered;
        FutureTask<SideResult> t = new FutureTask<>(() -> {
            try {
                Integer cpu = Pinning.pin(run, role, stream, control); // -A, in this thread, before the transfer
                if (sampled) {
                    meter.sample(stream, c, role); // TCP_INFO at each interval's end
                }
                SideResult r = Pinning.ranOn(side(run, role, stream, engine, c, sockbuf, control,
                        metered ? meter.stream(stream) : meter.other(stream)), cpu);
                // the connection's last TCP_INFO, read before it is closed
                Optional<TcpInfo> last = sampled ? meter.ended(stream) : tcpInfo(c);
                r = last.map(r::withTcpInfo).orElse(r);
                return congestion(c).map(r::withCongestion).orElse(r);
            } finally {
                if (metered) {
                    meter.finished(stream);
                }
            }
        });
        start(t, "kttcp4j-" + role.label() + "-" + (stream + 1));
        return t;
    }

    /**
     * One end of one stream: the socket buffer set (after connect/accept, as the C tool does), the transfer, EOF
     * sent by a sender, and how it ended. An end that ended by an error fails the run, so the other streams do
     * not wait on a peer that is gone.
     */
    static <C extends Connection> SideResult side(Run run, Role role, int stream, Engine<C> engine, C c, int sockbuf,
            Control control, org.kttcp4j.engine.Progress progress) {
        Transfer t = null;
        String error = null;
        int snd = 0, rcv = 0;
        Budget budget = role == Role.SENDER ? run.senderBudget(stream) : run.receiverBudget(stream);
        // a receiver's --max-time is kept even while a call blocks (a kttcp RECV ioctl, a receive waiting for its
        // low-water mark against a peer that drips): at the deadline the connection is shut down, which ends the
        // call with what it has
        java.util.concurrent.atomic.AtomicBoolean capped = new java.util.concurrent.atomic.AtomicBoolean();
        Watchdog.Armed cap = role == Role.RECEIVER && budget.timed()
                ? Watchdog.arm(Duration.ofNanos(Math.max(1, budget.nanosLeft(System.nanoTime()))), () -> {
                    capped.set(true);
                    c.abort();
                })
                : () -> {};
        try (Watchdog.Armed a = control.register(c::abort); cap) {
            if (sockbuf > 0) {
                if (role == Role.SENDER) {
                    c.setSendBufferSize(sockbuf);
                } else {
                    c.setReceiveBufferSize(sockbuf);
                }
            }
            int lowat = run.rcvlowat() != null ? run.rcvlowat() : engine.defaultReceiveLowWater();
            if (role == Role.RECEIVER && lowat > 0) {
                c.setReceiveLowWater(lowat);
            }
            snd = c.sendBufferSize();
            rcv = c.receiveBufferSize();
            if (role == Role.SENDER) {
                t = engine.send(c, budget, progress);
                c.shutdownOutput();
            } else {
                t = engine.receive(c, budget, progress);
            }
        } catch (PartialTransferException e) {
            t = e.partial();
            error = e.getMessage();
        } catch (IOException | RuntimeException e) {
            error = Failures.oneLine(e);
        }
        if (t == null) {
            t = new Transfer(budget.requested(), 0, 0, Transfer.Clock.WALL, CpuTime.ZERO, 0);
        }
        if (capped.get()) { // what the shutdown at the deadline made of the call is the cap's doing, not an error
            error = null;
        }
        String stopped = null;
        if (control.stopped() != null) {
            stopped = control.stopped();
            error = null;
        } else if (control.failure() != null) {
            error = control.failure();
        } else if (error == null && role == Role.RECEIVER && budget.timed() && budget.expired(System.nanoTime())) {
            stopped = "--max-time " + Durations.text(run.maxTime()) + " reached";
        } else if (error == null && role == Role.RECEIVER && run.maxBytes() != null && run.bytes() == null
                && t.bytes() >= run.maxBytes()) {
            stopped = "--max-bytes " + run.maxBytes() + " reached";
        } else if (error == null && role == Role.RECEIVER && t.bytes() == 0) {
            error = "the peer closed the connection without sending anything: is it a sender (both ends given --reverse,"
                    + " or neither)?";
        }
        if (error != null) {
            control.fail("stream " + (stream + 1) + " ended by an error: " + error);
        }
        return new SideResult(role, stream + 1, engine.name(), engine.describe(), t, snd, rcv, c.peer(), error, stopped);
    }

    private static Optional<String> congestion(Connection c) {
        try {
            return c.congestion();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<TcpInfo> tcpInfo(Connection c) {
        try {
            return c.tcpInfo();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void start(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits for every end; once the run is aborted, at most {@link #AFTER_ABORT} more. */
    private static List<SideResult> joinAll(List<FutureTask<SideResult>> ends, Control control) throws IOException {
        List<SideResult> out = new ArrayList<>();
        for (FutureTask<SideResult> e : ends) {
            out.add(join(e, control, "a stream to end"));
        }
        out.sort(java.util.Comparator.comparing(SideResult::role).thenComparing(SideResult::stream));
        return out;
    }

    private static <T> T join(FutureTask<T> task, Control control, String what) throws IOException {
        long abortedAt = 0;
        try {
            while (true) {
                try {
                    return task.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (control.ended()) {
                        long now = System.nanoTime();
                        abortedAt = abortedAt == 0 ? now : abortedAt;
                        if (now - abortedAt > AFTER_ABORT.toNanos()) {
                            throw new IOException("gave up waiting for " + what + " " + Durations.text(AFTER_ABORT)
                                    + " after the run was ended (" + (control.stopped() != null ? control.stopped()
                                    : control.failure()) + ")");
                        }
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }
}
